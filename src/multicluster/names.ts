/**
 * Small rules the remote secret relies on: DNS-1123 labels (cluster and namespace names, which
 * become part of a Secret name and a Secret key), base64 as kubeconfig `*-data` fields hold it,
 * and API server addresses istiod in another cluster cannot reach.
 */

const LABEL_MAX = 63;

/**
 * Why `name` is not a DNS-1123 label (what Kubernetes requires of a namespace name, and istioctl
 * of a cluster name), as one rule in words; undefined when it is one.
 */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.length > LABEL_MAX) return `it has ${name.length} characters; at most ${LABEL_MAX} are allowed`;
  if (/[A-Z]/.test(name)) return 'it has upper-case letters; only lower-case letters, digits and "-" are allowed';
  const bad = /[^a-z0-9-]/.exec(name);
  if (bad) return `it contains ${JSON.stringify(bad[0])}; only lower-case letters, digits and "-" are allowed`;
  if (!/^[a-z0-9]/.test(name)) return 'it must start with a lower-case letter or a digit';
  if (!/[a-z0-9]$/.test(name)) return 'it must end with a lower-case letter or a digit';
  return undefined;
}

/** A close DNS-1123 label for a suggestion: lower case, other characters as "-", trimmed. */
export function dns1123LabelLike(name: string): string | undefined {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LABEL_MAX)
    .replace(/-+$/, '');
  return s === '' || s === name ? undefined : s;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (what Go's encoding/json writes for []byte). */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63];
    out += c === undefined ? '=' : ALPHABET[n & 63];
  }
  return out;
}

/**
 * A kubeconfig `*-data` value as Go's decoder reads it (line breaks ignored): the canonical
 * single-line form, or why it is not base64.
 */
export function normalizeBase64(text: string): { ok: true; value: string } | { ok: false; why: string } {
  const s = text.replace(/[\r\n]/g, '');
  if (s === '') return { ok: false, why: 'it is empty' };
  const bad = /[^A-Za-z0-9+/=]/.exec(s);
  if (bad) {
    const what = bad[0] === ' ' ? 'a space' : bad[0] === '\t' ? 'a tab' : JSON.stringify(bad[0]);
    return { ok: false, why: `it contains ${what}, which base64 never does` };
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return { ok: false, why: '"=" may only pad the end' };
  if (s.length % 4 !== 0) return { ok: false, why: `its length (${s.length}) is not a multiple of 4` };
  return { ok: true, value: s };
}

/** The host of an API server URL when it is a loopback address (127.0.0.0/8, localhost, ::1, 0.0.0.0). */
export function loopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127(\.\d{1,3}){3}$/.test(h)) return true;
  if (h === '0.0.0.0') return true;
  return h === '::1' || h === '0:0:0:0:0:0:0:1' || h === '::ffff:127.0.0.1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h);
}
