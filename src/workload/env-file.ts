/**
 * The `KEY=value` files a VM's istio-agent reads (cluster.env, sidecar.env): one line per key,
 * sorted, each value quoted for a POSIX shell only when it needs it (the files are sourced by
 * the istio-start script): safe characters stay bare, anything else is single-quoted with `'`
 * written as `'"'"'`, the empty string is `''`.
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A value as a POSIX shell word. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** `KEY=value` lines sorted by the whole line, ending with a newline. */
export function envFileText(entries: ReadonlyMap<string, string>): string {
  const lines = [...entries].map(([k, v]) => `${k}=${shellQuote(v)}`);
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return lines.join('\n') + '\n';
}

/**
 * A string as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped as \u00XX,
 * control characters as \n, \r, \t or \u00XX.
 */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** A string map as Go's json.Marshal writes it: keys sorted (byte order), compact. */
export function goJsonStringMap(m: ReadonlyMap<string, string>): string {
  const keys = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return '{' + keys.map((k) => `${goJsonString(k)}:${goJsonString(m.get(k) as string)}`).join(',') + '}';
}
