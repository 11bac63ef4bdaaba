/**
 * The `KEY=value` files a VM's istio-agent reads (cluster.env, sidecar.env): one line per key,
 * sorted, each value quoted for a POSIX shell only when it needs it (the files are sourced by
 * the istio-start script): safe characters stay bare, anything else is single-quoted with `'`
 * written as `'"'"'`, the empty string is `''`.
 */

import { goJsonString } from '../yaml/json.js';

export { goJsonString };

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


/** A string map as Go's json.Marshal writes it: keys sorted (byte order), compact. */
export function goJsonStringMap(m: ReadonlyMap<string, string>): string {
  const keys = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return '{' + keys.map((k) => `${goJsonString(k)}:${goJsonString(m.get(k) as string)}`).join(',') + '}';
}
