/** Issues of the Kubernetes object validator: data, formatted separately. */

/** One problem of one object. `path` is where in the object (`spec.ports[0].port`; "" = the object itself). */
export interface KubeIssue {
  /** Index of the object in the list (or of the YAML document in the text), from 0. */
  readonly document: number;
  readonly kind?: string;
  readonly name?: string;
  readonly path: string;
  /** unknown-field | type | required | enum | format | range | not-served | unknown-kind | crd | yaml | invalid */
  readonly code: string;
  readonly message: string;
  /** 1-based line in the manifest text (validateManifestText only). */
  readonly line?: number;
}

/** A path segment: a field name or a list index. */
export type Segment = string | number;

const IDENT = /^[A-Za-z_$][\w$-]*$/;

/** `spec.template.spec.containers[0].image`; map keys that are not plain names are quoted: `labels["app.kubernetes.io/name"]`. */
export function formatPath(segs: readonly Segment[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENT.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** `file:line: Deployment istiod: spec.replicas: expected an integer, got string "2"`. */
export function formatKubeIssue(issue: KubeIssue, file?: string): string {
  const where = file !== undefined ? (issue.line !== undefined ? `${file}:${issue.line}: ` : `${file}: `) : issue.line !== undefined ? `line ${issue.line}: ` : '';
  const what = issue.kind !== undefined ? `${issue.kind}${issue.name !== undefined ? ` ${issue.name}` : ''}` : `document ${issue.document + 1}`;
  return `${where}${what}: ${issue.path !== '' ? `${issue.path}: ` : ''}${issue.message}`;
}

/** A short, safe rendering of a value for messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer ${v}` : `number ${v}`;
  return `${typeof v} ${String(v)}`;
}
