/**
 * text/template's escapers behind the `html`, `js` and `urlquery` builtins: HTMLEscapeString,
 * JSEscapeString and url.QueryEscape, and how they turn their operands into one string
 * (a single string is used as is; otherwise nil operands become the string `<no value>` and
 * everything goes through fmt.Sprint).
 */
import type { GoValue } from './value.js';
import { sprint, templatePrintable } from './fmt.js';
import { isPrint } from './unicode.js';
import { normalizeByteString, runes, utf8Encode } from './bytes.js';

/** text/template evalArgs: the operands of an escaper as one string. */
export function escaperArg(args: readonly GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return normalizeByteString(args[0]);
  return sprint(...args.map((a) => (a === null ? '<no value>' : templatePrintable(a, false))));
}

const HTML_SPECIAL = /[<>&'"\0]/;
const HTML_SPECIAL_G = /[<>&'"\0]/g;
const HTML_ESC: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' };

/** template.HTMLEscapeString. */
export function htmlEscapeString(s: string): string {
  if (!HTML_SPECIAL.test(s)) return s;
  return s.replace(HTML_SPECIAL_G, (c) => HTML_ESC[c]);
}

const JS_SPECIAL = /[\\'"<>&=\x00-\x1f\u0080-\uffff]/;
const JS_ASCII: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };

/** template.JSEscapeString: quotes, backslash, <>&= and controls escaped; non-printable runes as \uXXXX. */
export function jsEscapeString(s: string): string {
  if (!JS_SPECIAL.test(s)) return s;
  let out = '';
  for (const r of runes(s)) {
    const c = r.rune;
    if (r.invalid) {
      // An invalid byte decodes to U+FFFD, which is printable: the byte is kept as it is.
      out += s.slice(r.start, r.end);
    } else if (c < 0x80) {
      const e = JS_ASCII[String.fromCharCode(c)];
      if (e) out += e;
      else if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
      else out += String.fromCharCode(c);
    } else if (isPrint(c)) {
      out += s.slice(r.start, r.end);
    } else {
      out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out;
}

const QUERY_SAFE = /^[A-Za-z0-9\-_.~]*$/;

/** url.QueryEscape: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper case); space is +. */
export function urlQueryEscape(s: string): string {
  if (QUERY_SAFE.test(s)) return s;
  const bytes = utf8Encode(s);
  let out = '';
  for (const b of bytes) {
    if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) {
      out += '+';
    } else {
      out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

/** The `html` builtin. */
export const htmlEscaper = (...args: GoValue[]): string => htmlEscapeString(escaperArg(args));
/** The `js` builtin. */
export const jsEscaper = (...args: GoValue[]): string => jsEscapeString(escaperArg(args));
/** The `urlquery` builtin. */
export const urlQueryEscaper = (...args: GoValue[]): string => urlQueryEscape(escaperArg(args));
