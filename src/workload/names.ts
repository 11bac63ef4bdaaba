/** Kubernetes name and label syntax, as the API server checks it (apimachinery validation). */

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `s` is not a DNS-1123 label (at most 63 characters), or undefined. */
export function dns1123LabelProblem(s: string): string | undefined {
  if (s.length > 63) return `must be at most 63 characters (it has ${s.length})`;
  if (!LABEL.test(s)) return 'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit';
  return undefined;
}

/** Why `s` is not a DNS-1123 subdomain (at most 253 characters), or undefined. */
export function dns1123SubdomainProblem(s: string): string | undefined {
  if (s.length > 253) return `must be at most 253 characters (it has ${s.length})`;
  if (!SUBDOMAIN.test(s)) return 'must be a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** Why `key` is not a label or annotation key (`[prefix/]name`), or undefined. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix === '') return 'has an empty prefix before "/"';
    const p = dns1123SubdomainProblem(prefix);
    if (p !== undefined) return `prefix ${JSON.stringify(prefix)} ${p}`;
  }
  if (name === '') return 'has an empty name';
  if (name.length > 63) return `name part must be at most 63 characters (it has ${name.length})`;
  if (!QUALIFIED.test(name)) return 'name part must consist of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** Why `v` is not a label value, or undefined. */
export function labelValueProblem(v: string): string | undefined {
  if (v === '') return undefined;
  if (v.length > 63) return `must be at most 63 characters (it has ${v.length})`;
  if (!QUALIFIED.test(v)) return 'must be empty or consist of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}
