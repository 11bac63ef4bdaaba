/**
 * Go text/template's escapers behind the `html`, `js` and `urlquery` builtins:
 * HTMLEscaper, JSEscaper and URLQueryEscaper, including how they stringify their arguments.
 */
import type { GoValue } from './value.js';
import { sprint } from './fmt.js';

/** evalArgs: one string argument is used as is, anything else goes through fmt.Sprint. */
export function escaperArg(args: readonly GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(...args);
}

/** template.HTMLEscapeString. */
export function htmlEscapeString(s: string): string {
  if (!/[<>&'"\0]/.test(s)) return s;
  return s.replace(/[<>&'"\0]/g, (c) => HTML_ESC[c]);
}
const HTML_ESC: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' };

/** template.JSEscapeString. */
export function jsEscapeString(s: string): string {
  return s; // TEMP: full implementation follows.
}

/** template.URLQueryEscaper's escaping (url.QueryEscape). */
export function urlQueryEscape(s: string): string {
  return s; // TEMP: full implementation follows.
}

export const htmlEscaper = (...args: GoValue[]): string => htmlEscapeString(escaperArg(args));
export const jsEscaper = (...args: GoValue[]): string => jsEscapeString(escaperArg(args));
export const urlQueryEscaper = (...args: GoValue[]): string => urlQueryEscape(escaperArg(args));
