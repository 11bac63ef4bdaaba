/**
 * Go's fmt as text/template uses it: Sprint, Sprintln, Sprintf and the %v printing of every
 * GoValue. (Initial version: signatures; the full verb set follows.)
 */
import type { GoValue } from './value.js';
import { GoInt, GoStruct, GoFunc, typeInfoOf, sortedKeys, goTypeName } from './value.js';
import { formatFloat } from './strconv.js';

/** The core: one operand printed with a verb and no flags (`formatValue(v)` is `%v`). */
export function formatValue(v: GoValue, verb: string = 'v'): string {
  if (verb !== 'v') return sprintf('%' + verb, v);
  return printV(v, 0);
}

function printV(v: GoValue, depth: number): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloat(v, 'g', -1, 64);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) return '[' + v.map((e) => printV(e, depth + 1)).join(' ') + ']';
  if (v instanceof Uint8Array) return '[' + Array.from(v).join(' ') + ']';
  if (v instanceof Map) {
    void typeInfoOf(v);
    return 'map[' + sortedKeys(v).map((k) => k + ':' + printV(v.get(k) as GoValue, depth + 1)).join(' ') + ']';
  }
  if (v instanceof GoStruct) return (v.pointer && depth === 0 ? '&' : '') + '{' + [...v.fields.values()].map((e) => printV(e, depth + 1)).join(' ') + '}';
  if (v instanceof GoFunc) return '0x0';
  return goTypeName(v);
}

/** fmt.Sprint: operands printed with %v, a space between two operands when neither is a string. */
export function sprint(...args: GoValue[]): string {
  if (args.length === 1) {
    const a = args[0];
    if (typeof a === 'string') return a;
    return formatValue(a);
  }
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += typeof a === 'string' ? a : formatValue(a);
  }
  return out;
}

/** fmt.Sprintln: operands printed with %v, always space-separated, then a newline. */
export function sprintln(...args: GoValue[]): string {
  return args.map((a) => (typeof a === 'string' ? a : formatValue(a))).join(' ') + '\n';
}

/** fmt.Sprintf with Go's verbs, flags, widths, precisions, argument indexes and error forms. */
export function sprintf(format: string, ...args: GoValue[]): string {
  // TEMP: minimal until the full implementation lands (same file).
  let ai = 0;
  return format.replace(/%[-+# 0]*[0-9]*(?:\.[0-9]*)?[a-zA-Z%]/g, (m) => {
    const verb = m[m.length - 1];
    if (verb === '%') return '%';
    const a = args[ai++];
    return a === undefined ? '%!' + verb + '(MISSING)' : verb === 'q' && typeof a === 'string' ? JSON.stringify(a) : sprint(a);
  });
}
