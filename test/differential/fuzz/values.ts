// Random values trees for the fuzzer: YAML text for values.yaml plus the shape the template
// generator needs (which paths hold strings, numbers, lists, maps).
import type { Rng } from './random.js';

/** What a value is known to be once helm has loaded it (numbers from values files are float64). */
export type Shape =
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'bool' }
  | { readonly t: 'null' }
  /** A plain YAML 1.1 scalar whose loaded type the generator does not predict (yes, 0x10, ~...). */
  | { readonly t: 'any' }
  | { readonly t: 'list'; readonly items: readonly Shape[] }
  | { readonly t: 'map'; readonly entries: ReadonlyMap<string, Shape> };

/** Keys usable as template fields (`.key`). */
export const FIELD_KEYS = ['a', 'b', 'c', 'name', 'items', 'port', 'enabled', 'x1', 'Tag', 'cfg', 'list', 'meta', 'z_z', 'héllo'];
/** Keys that need `index` (dashes, dots, digits, spaces, YAML-special words quoted). */
export const INDEX_KEYS = ['with-dash', 'dot.key', '9lives', 'sp ace', '', 'yes', 'null'];

export const TRICKY_STRINGS = [
  '', ' ', 'a', 'abc', 'Hello World', 'yes', 'no', 'on', 'off', 'null', '~', 'true', 'False', '0', '012', '0x1F', '1e3',
  '1_000', '-', '- x', 'a: b', '#c', '& *', '{a}', '[1]', 'multi\nline', 'trailing\n', '\ttab', 'quote"s', "it's",
  'back\\slash', 'héllo', '日本語', '😀', 'é\u0301', '<&>', '%d %s', '{{ .x }}', 'a,b,,c', '  padded  ', 'UPPER lower',
  'snake_case-kebab', 'x'.repeat(40), '\u2028', 'ÀÉÎ', '3.14', '-0', '.inf', 'a/b/c.txt', '/abs/path/', 'ümlaut-ß',
];

export const TRICKY_NUMBERS: readonly [string, number][] = [
  ['0', 0], ['1', 1], ['-1', -1], ['2', 2], ['3', 3], ['42', 42], ['0.5', 0.5], ['1.5', 1.5], ['-2.25', -2.25],
  ['1000000', 1e6], ['999999', 999999], ['1000001', 1000001], ['999999.5', 999999.5], ['1e6', 1e6], ['1.0e+6', 1e6],
  ['9007199254740992', 9007199254740992], ['9007199254740993', 9007199254740992], ['-9007199254740993', -9007199254740992],
  ['1e21', 1e21], ['1e20', 1e20], ['123456789', 123456789], ['0.1', 0.1], ['1.5e-7', 1.5e-7], ['100', 100],
  ['65535', 65535], ['8080', 8080], ['3.0', 3], ['-0.0', -0],
];

/** Plain scalars whose YAML 1.1 / JSON round trip is interesting; their type is left to helm. */
export const PLAIN_SCALARS = ['yes', 'No', 'on', 'OFF', '~', 'null', '0x10', '0o17', '012', '1_000', '.5', '+1', 'y', 'n', '2001-12-14', '1:20', '0b101'];

function yamlString(s: string): string {
  // YAML double-quoted scalar; escape what YAML would otherwise treat as line breaks.
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

interface Gen {
  readonly text: string;
  readonly shape: Shape;
}

function scalar(rng: Rng): Gen {
  return rng.weighted<() => Gen>([
    [5, () => {
      const v = rng.pick(TRICKY_STRINGS);
      return { text: yamlString(v), shape: { t: 'str', v } };
    }],
    [4, () => {
      const [text, v] = rng.pick(TRICKY_NUMBERS);
      return { text, shape: { t: 'float', v } };
    }],
    [1.5, () => ({ text: rng.pick(['true', 'false']), shape: { t: 'bool' } })],
    [0.7, () => ({ text: 'null', shape: { t: 'null' } })],
    [1, () => ({ text: rng.pick(PLAIN_SCALARS), shape: { t: 'any' } })],
  ])();
}

function key(rng: Rng): string {
  return rng.chance(0.85) ? rng.pick(FIELD_KEYS) : rng.pick(INDEX_KEYS);
}

function node(rng: Rng, depth: number, indent: string): Gen {
  const kind = depth <= 0 ? 'scalar' : rng.weighted([[5, 'scalar'], [2, 'map'], [1.5, 'list']] as const);
  if (kind === 'scalar') return scalar(rng);
  if (kind === 'map') {
    const n = rng.int(0, 4);
    const entries = new Map<string, Shape>();
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = key(rng);
      if (entries.has(k)) continue;
      const child = node(rng, depth - 1, indent + '  ');
      entries.set(k, child.shape);
      lines.push(`${indent}  ${yamlString(k)}: ${child.text}`);
    }
    if (lines.length === 0) return { text: '{}', shape: { t: 'map', entries } };
    return { text: '\n' + lines.join('\n'), shape: { t: 'map', entries } };
  }
  const n = rng.int(0, 4);
  const items: Shape[] = [];
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const child = node(rng, Math.min(depth - 1, 1), indent + '  ');
    items.push(child.shape);
    // Flow style keeps nesting simple: nested maps/lists re-emitted in JSON-like flow form.
    parts.push(flow(child.shape, child.text));
  }
  return { text: '[' + parts.join(', ') + ']', shape: { t: 'list', items } };
}

/** Flow-style text for a shape produced by node() (block maps are re-emitted in flow form). */
function flow(shape: Shape, text: string): string {
  if (shape.t === 'map') {
    const parts: string[] = [];
    for (const [k, v] of shape.entries) parts.push(`${yamlString(k)}: ${flowOf(v)}`);
    return '{' + parts.join(', ') + '}';
  }
  return text;
}

function flowOf(s: Shape): string {
  switch (s.t) {
    case 'str':
      return yamlString(s.v);
    case 'float':
      return numberText(s.v);
    case 'bool':
      return 'true';
    case 'null':
      return 'null';
    case 'any':
      return '"any"';
    case 'list':
      return '[' + s.items.map(flowOf).join(', ') + ']';
    case 'map':
      return '{' + [...s.entries].map(([k, v]) => `${yamlString(k)}: ${flowOf(v)}`).join(', ') + '}';
  }
}

function numberText(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  return String(v).replace('e+', 'e+');
}

/** A random values.yaml and its shape; the top level is always a non-empty map. */
export function randomValues(rng: Rng): { yaml: string; shape: Shape } {
  const entries = new Map<string, Shape>();
  const lines: string[] = [];
  const n = rng.int(4, 9);
  for (let i = 0; i < n; i++) {
    const k = i < FIELD_KEYS.length && i < 3 ? FIELD_KEYS[i] : key(rng);
    if (entries.has(k)) continue;
    const child = node(rng, 3, '');
    entries.set(k, child.shape);
    lines.push(`${yamlString(k)}: ${child.text}`);
  }
  return { yaml: lines.join('\n') + '\n', shape: { t: 'map', entries } };
}
