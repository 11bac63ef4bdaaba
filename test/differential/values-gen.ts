/**
 * Seeded generator of tricky values for the values fuzz (values-fuzz.test.ts): strings that
 * stress toYaml's quoting, escaping, literal-block and folding rules and Go's %q / %v printing,
 * numbers near the printing thresholds, and nested maps/lists with tricky keys. Every value is
 * written as YAML text (strings double-quoted with YAML escapes, so they load exactly as meant)
 * and collected into one values.yaml under the list `fuzz`.
 *
 * Only values a helm values file can hold are generated: valid UTF-8 (no lone surrogates), no
 * .inf/.nan/overflowing numbers (helm converts values to JSON and rejects them), no duplicate keys.
 */

/** A small, fast, seedable PRNG (mulberry32); the same seed gives the same values everywhere. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** One generated value: its YAML text (one line, flow style) and what kind of value it is. */
export interface FuzzValue {
  readonly kind: 'string' | 'number' | 'scalar' | 'map' | 'list';
  readonly yaml: string;
}

// ---------------------------------------------------------------------------------------------
// YAML text

/** A character YAML (libyaml) accepts raw inside a double-quoted scalar without folding it. */
function rawOk(cp: number): boolean {
  if (cp >= 0x20 && cp <= 0x7e) return cp !== 0x22 && cp !== 0x5c;
  if (cp >= 0xa0 && cp <= 0xd7ff) return cp !== 0x2028 && cp !== 0x2029;
  if (cp >= 0xe000 && cp <= 0xfffd) return cp !== 0xfeff;
  return cp >= 0x10000 && cp <= 0x10ffff;
}

/** The string as a YAML double-quoted scalar that loads back to exactly this string. */
export function yamlQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 0x22) out += '\\"';
    else if (cp === 0x5c) out += '\\\\';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x09) out += '\\t';
    else if (rawOk(cp)) out += ch;
    else if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/** The values.yaml text holding all values as the list `fuzz`. */
export function valuesYaml(values: readonly FuzzValue[]): string {
  return `fuzz:\n${values.map((v) => `- ${v.yaml}\n`).join('')}`;
}

// ---------------------------------------------------------------------------------------------
// Strings

const KEYWORDS = ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~', 'nil', 'none'];

function randomCase(rng: Rng, w: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return w;
    case 1:
      return w.toUpperCase();
    case 2:
      return w.charAt(0).toUpperCase() + w.slice(1);
    default:
      return [...w].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join('');
  }
}

function digits(rng: Rng, min: number, max: number): string {
  let s = '';
  const n = rng.int(min, max);
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** A string that looks like a number (or nearly) in one of YAML 1.1's or Go's many forms. */
function numberLike(rng: Rng): string {
  const sign = rng.pick(['', '', '-', '+']);
  switch (rng.int(0, 15)) {
    case 0:
      return sign + digits(rng, 1, 20);
    case 1:
      return sign + '0' + digits(rng, 1, 4);
    case 2:
      return sign + rng.pick(['0x', '0X']) + rng.int(0, 0xfffff).toString(16) + rng.pick(['', 'g', '']);
    case 3:
      return sign + rng.pick(['0o', '0O', '0b', '0B']) + rng.int(0, 511).toString(rng.chance(0.5) ? 8 : 2);
    case 4:
      return sign + digits(rng, 1, 3) + '_' + digits(rng, 1, 3) + rng.pick(['', '_', '_000']);
    case 5:
      return sign + digits(rng, 0, 6) + '.' + digits(rng, 0, 6);
    case 6:
      return sign + digits(rng, 1, 4) + rng.pick(['e', 'E']) + rng.pick(['', '+', '-']) + digits(rng, 1, 3);
    case 7:
      return sign + digits(rng, 1, 2) + '.' + digits(rng, 1, 4) + rng.pick(['e', 'E']) + rng.pick(['', '+', '-']) + digits(rng, 1, 2);
    case 8:
      return sign + rng.pick(['.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan', 'Infinity', '.iNf']);
    case 9:
      return sign + digits(rng, 1, 3) + ':' + String(rng.int(0, 70)).padStart(2, '0') + rng.pick(['', ':' + digits(rng, 2, 2), '.5']);
    case 10:
      return `${rng.int(1990, 2030)}-${String(rng.int(1, 12)).padStart(rng.pick([1, 2]), '0')}-${String(rng.int(1, 31)).padStart(2, '0')}` +
        rng.pick(['', 'T10:20:30Z', ' 10:20:30', 't01:02:03.5-05:00', 'x']);
    case 11:
      return rng.pick(['.', '..', '-', '+', '.5', '5.', '0', '-0', '+0', '-0.0', '00', '1e', 'e1', '1.0.0', '1,000', '1 000', '0x', '0b', '0o', '_1', '1_']);
    case 12:
      return String(rng.int(0, 2) === 0 ? rng.next() * 10 ** rng.int(-8, 25) : rng.int(-1e9, 1e9));
    case 13:
      return rng.pick(['1e6', '1e+06', '1000000', '999999', '1000001', '1e21', '1e+21', '9007199254740993', '2^53', '1e-05', '0.00001', '5e-324', '1.7976931348623157e308']);
    case 14:
      return digits(rng, 1, 3) + rng.pick([' ', '  ', '\t']) + digits(rng, 1, 3);
    default:
      return sign + digits(rng, 1, 5) + rng.pick(['i', 'f', 'L', 'u', 'n', 'ms', 'Gi', 'm', '%']);
  }
}

const INDICATORS = ['-', '#', '*', '&', '!', '@', '`', '%', '{', '}', '[', ']', ',', '|', '>', "'", '"', '?', ':', '~', '=', '<<', '- ', '? ', ': ', '---', '...', '!!str ', '&a ', '*a '];
const WORDS = ['a', 'key', 'value', 'word', 'héllo', 'wörld', 'ßtraße', 'ǅ', 'İ', 'ı', '日本語', 'テキスト', 'Ω', 'x', 'abc', 'foo-bar', 'foo_bar', 'a.b', 'http://x.y/z?q=1#f', 'c:\\path', 'it\'s', 'say "hi"', '<html>&amp;', 'k=v', '${VAR}', '{{ x }}', '%s', '\\n'];
const SPECIAL_CHARS = [
  '\t', '\n', '\r', '\r\n', '\x00', '\x01', '\x07', '\x08', '\x0b', '\x0c', '\x1b', '\x1f', '\x7f', '\x80', '\x85', '\x9f', '\xa0', '\xad',
  '\u00e9', '\u2028', '\u2029', '\u200b', '\ufeff', '\ue000', '\ufffd', '\u{1F600}', '\u{1D11E}', '\u{10000}', '\u{10FFFD}', '\u{1F1FA}\u{1F1F8}', '\u0301',
];

function word(rng: Rng, clean = false): string {
  if (clean) return rng.chance(0.9) ? rng.pick(WORDS) : String(rng.int(0, 999));
  return rng.chance(0.7) ? rng.pick(WORDS) : randomChars(rng, rng.int(1, 8));
}

function randomChar(rng: Rng): string {
  const r = rng.next();
  if (r < 0.6) return String.fromCharCode(rng.int(0x20, 0x7e));
  if (r < 0.75) return rng.pick(SPECIAL_CHARS);
  if (r < 0.85) return String.fromCodePoint(rng.int(0xa0, 0x24ff));
  if (r < 0.92) return String.fromCodePoint(rng.int(0x3000, 0xd7ff));
  if (r < 0.97) return String.fromCodePoint(rng.int(0x10000, 0x1faff));
  return String.fromCharCode(rng.int(0x00, 0x1f));
}

function randomChars(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += randomChar(rng);
  return s;
}

function words(rng: Rng, n: number, sep = ' ', clean = false): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(word(rng, clean));
  return out.join(sep);
}

/** A string aimed at one of toYaml's / %q's rules, sometimes combined with another. */
export function trickyString(rng: Rng, depth = 0): string {
  let s: string;
  const clean = rng.chance(0.75);
  switch (rng.int(0, 20)) {
    case 0:
      s = randomCase(rng, rng.pick(KEYWORDS));
      break;
    case 1:
      s = numberLike(rng);
      break;
    case 2:
      s = rng.pick(['', ' ', '  ', '\t']) + word(rng) + rng.pick(['', ' ', '  ', '\t', ' \n']);
      break;
    case 3:
      s = rng.pick(INDICATORS) + (rng.chance(0.7) ? word(rng) : '');
      break;
    case 4:
      s = word(rng) + rng.pick([': ', ' #', ':', '#', ' : ', ': |', ' # c', ', ', ' - ', ' ? ']) + (rng.chance(0.8) ? word(rng) : '');
      break;
    case 5:
      s = words(rng, rng.int(1, 4)) + rng.pick(['\t', '\x07', '\x00', '\x7f', '\x1b', '\x85', '\u2028', '\ufeff']) + words(rng, rng.int(0, 3));
      break;
    case 6: {
      // multi-line, with and without trailing spaces, leading spaces, blank lines
      const lines: string[] = [];
      const n = rng.int(1, 5);
      for (let i = 0; i < n; i++) {
        lines.push(rng.pick(['', '', '', ' ', '  ', '\t']) + (rng.chance(0.85) ? words(rng, rng.int(1, 4), ' ', clean) : '') + rng.pick(['', '', '', '', '', ' ', '  ', '\t']));
      }
      s = lines.join(rng.pick(['\n', '\n', '\n', '\r\n', '\n\n'])) + rng.pick(['', '', '\n', '\n\n', '\n\n\n', ' \n']);
      break;
    }
    case 7:
      // long line with spaces (folding at 80 columns)
      s = words(rng, rng.int(10, 40), rng.pick([' ', ' ', ' ', '  ']), clean);
      break;
    case 8:
      // long line without spaces (never folded)
      s = randomCharsNoSpace(rng, rng.int(70, 200));
      break;
    case 9:
      s = rng.pick(['\u{1F600}', '\u{1D11E}', '\u{10000}', '\u{1F1FA}\u{1F1F8}', '😀 emoji', 'a\u{1F600}b']) + (rng.chance(0.5) ? ' ' + words(rng, rng.int(1, 30)) : '');
      break;
    case 10:
      s = randomChars(rng, rng.int(0, 12));
      break;
    case 11:
      s = words(rng, rng.int(1, 6));
      break;
    case 12:
      s = rng.pick(['null', 'true', 'yes', '1', '0x1F', '~', '-', '#', ' ', '']) + rng.pick(['\n', ' ', '\t', 'x', '']) + rng.pick(['', 'a', '\n']);
      break;
    case 13:
      // long multi-line text (literal block with long lines inside)
      s = `${words(rng, rng.int(5, 25), ' ', clean)}\n${words(rng, rng.int(5, 25), ' ', clean)}${rng.pick(['', '\n'])}`;
      break;
    case 14:
      // folding with special characters near the fold
      s = `${words(rng, rng.int(8, 14), ' ', clean)}${rng.pick(['\t', '  ', ' # ', ': ', '\u{1F600}', 'é', '"', "'"])}${words(rng, rng.int(5, 15), ' ', clean)}`;
      break;
    case 15:
      s = rng.pick(['"', "'", '\\', '\\\\', '"\'"', '\\"', "''", '""', '\\x41', '\\u00e9', '%!d', '<no value>', '<nil>', 'map[a:1]', '[1 2]']);
      break;
    case 16:
      s = String.fromCharCode(rng.int(0, 0x1f)) + word(rng);
      break;
    case 17:
      // long single-quoted (leading space or indicator) and long literal blocks
      s = rng.pick([' ', '- ', '#', '&', '@', '%']) + words(rng, rng.int(12, 35), ' ', true) + rng.pick(['', ' ']);
      break;
    case 18: {
      const lines: string[] = [];
      for (let i = rng.int(2, 6); i > 0; i--) lines.push(words(rng, rng.int(1, 30), ' ', true));
      s = lines.join('\n') + rng.pick(['', '\n', '\n\n']);
      break;
    }
    case 19:
      s = words(rng, rng.int(2, 12), ' ', true);
      break;
    default:
      s = `${words(rng, rng.int(1, 3))} ${' '.repeat(rng.int(2, 5))}${words(rng, rng.int(1, 3))}`;
  }
  if (depth === 0 && rng.chance(0.12)) s += trickyString(rng, 1);
  return s;
}

function randomCharsNoSpace(rng: Rng, n: number): string {
  let s = '';
  while ([...s].length < n) {
    const c = rng.chance(0.9) ? String.fromCharCode(rng.int(0x21, 0x7e)) : randomChar(rng);
    if (!/\s/.test(c)) s += c;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Numbers (written as YAML numbers: they load as float64 through helm's JSON conversion)

/** A number as YAML text that a values file loads as a (finite) number. */
export function trickyNumber(rng: Rng): string {
  const sign = rng.chance(0.25) ? '-' : '';
  switch (rng.int(0, 11)) {
    case 0:
      return sign + String(rng.pick([999999, 1000000, 1000001, 999999.5, 999999.9999, 1e6, 100000, 123456, 1234567]));
    case 1:
      return sign + rng.pick(['1e6', '1E6', '1.0e6', '1e+6', '1e+06', '10e5', '0.1e7', '1000000.0', '1000000.5']);
    case 2:
      return sign + rng.pick(['1e20', '1e21', '1e22', '999999999999999999999', '1000000000000000000000', '123456789012345678901', '9.99e20', '1.0000000000000001e21']);
    case 3: {
      const k = rng.int(-3, 3);
      return sign + (9007199254740992n + BigInt(k)).toString();
    }
    case 4:
      return sign + rng.pick(['9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616', '4294967296', '2147483648']);
    case 5:
      return sign + rng.pick(['0.0001', '0.00001', '0.000001', '1e-5', '1e-6', '1e-7', '5e-324', '4.9e-324', '2.2250738585072014e-308', '1e-300', '0.1', '0.2', '0.30000000000000004']);
    case 6:
      return rng.pick(['-0', '-0.0', '0', '0.0', '-0e0', '+0', '+1', '+1.5']);
    case 7:
      return sign + String(rng.int(0, 2 ** 31));
    case 8: {
      const m = (rng.next() * 10).toFixed(rng.int(0, 17));
      return `${sign}${m}e${rng.pick(['', '+', '-'])}${rng.int(0, 300)}`;
    }
    case 9:
      return sign + String(rng.next() * 10 ** rng.int(-10, 30));
    case 10:
      return sign + rng.pick(['1.7976931348623157e308', '1.5e300', '123456789.125', '0.1e-3', '3.0', '2.50', '100', '1.']);
    default:
      return sign + digits(rng, 1, 25).replace(/^0+(?=\d)/, '');
  }
}

// ---------------------------------------------------------------------------------------------
// Values

function scalar(rng: Rng): FuzzValue {
  const r = rng.next();
  if (r < 0.7) return { kind: 'string', yaml: yamlQuote(trickyString(rng)) };
  if (r < 0.92) return { kind: 'number', yaml: trickyNumber(rng) };
  return { kind: 'scalar', yaml: rng.pick(['true', 'false', 'null', '~', 'yes', 'no', 'on', 'off']) };
}

function trickyKey(rng: Rng): string {
  const r = rng.next();
  if (r < 0.35) return Array.from(trickyString(rng, 1)).slice(0, 40).join('');
  if (r < 0.5) return numberLike(rng);
  if (r < 0.6) return randomCase(rng, rng.pick(KEYWORDS));
  if (r < 0.75) return `${rng.pick(['a', 't', 'key', 'x', 'B', '_', '-', '', 'é'])}${rng.int(0, 120)}${rng.pick(['', 'b', '0', 'x1'])}`;
  return word(rng);
}

// ---------------------------------------------------------------------------------------------
// Key sets with a stable toYaml order

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/**
 * go-yaml v2's "natural" key comparison as measured on helm (reference §3.2): runes compared in
 * order; letters after non-letters; at the first difference between two non-letters, the digit
 * runs starting there compare as (wrapping int64) numbers, then by run length, then by rune.
 * Used only to keep key sets whose order this relation cannot decide (cycles such as
 * 1a < 2a < 10a < 1a) out of the fuzz: helm sorts them into a random order on every run.
 */
export function naturalLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  const cp = (c: string): number => c.codePointAt(0) as number;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]);
    const bl = LETTER.test(br[i]);
    if (al && bl) return cp(ar[i]) < cp(br[i]);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(cp(ar[ai]) - 48));
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(cp(br[bi]) - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return cp(ar[i]) < cp(br[i]);
  }
  return ar.length < br.length;
}

/** True when naturalLess orders these keys consistently (no a < b < c with c <= a). */
export function stableKeyOrder(keys: readonly string[]): boolean {
  for (const a of keys) {
    for (const b of keys) {
      if (a === b || !naturalLess(a, b)) continue;
      for (const c of keys) if (c !== a && c !== b && naturalLess(b, c) && !naturalLess(a, c)) return false;
    }
  }
  return true;
}

function collection(rng: Rng, depth: number): FuzzValue {
  if (rng.chance(0.55)) {
    const n = rng.int(0, 6);
    const seen = new Set<string>();
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = trickyKey(rng);
      if (seen.has(k) || k === '<<' || !stableKeyOrder([...seen, k])) continue;
      seen.add(k);
      parts.push(`${yamlQuote(k)}: ${value(rng, depth + 1).yaml}`);
    }
    return { kind: 'map', yaml: `{${parts.join(', ')}}` };
  }
  const n = rng.int(0, 5);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(rng.chance(0.35) && depth < 3 ? collection(rng, depth + 1).yaml : value(rng, depth + 1).yaml);
  return { kind: 'list', yaml: `[${items.join(', ')}]` };
}

function value(rng: Rng, depth: number): FuzzValue {
  if (depth < 3 && rng.chance(depth === 0 ? 0.18 : 0.2)) return collection(rng, depth);
  return scalar(rng);
}

/** Hand-picked values that every run includes, before the random ones. */
export const FIXED_VALUES: readonly FuzzValue[] = [
  ...['', ' ', 'a ', ' a', 'true', 'True', 'TRUE', 'yes', 'Y', 'n', 'NO', 'on', 'Off', 'null', 'Null', '~', '1', '-1', '+1', '012', '0o17', '0x1F', '0b101',
    '1_000', '1.5', '.5', '1.', '1e3', '.inf', '-.Inf', '.nan', '1:20', '2021-01-01', '- a', '-', '#a', 'a #b', 'a: b', 'a:b', 'x,y', "it's", '*a', '&a', '!a', '@a', '`a', '%a',
    '{a', '[a', '<<', '=', '?q', 'ünïcödé', 'tab\there', '\ttab', 'a\x07bell', 'emoji \u{1F600}', 'a\nb', 'a\nb\n', 'a\nb\n\n', '  a\nb', 'trailing \nnext', '\n',
    'word '.repeat(30).trim(), 'x'.repeat(150), '\u2028', '\ufeff', '\x85', '\x00', '\x7f', 'a\r\nb', '"quoted"', '\\'].map((s): FuzzValue => ({ kind: 'string', yaml: yamlQuote(s) })),
  ...['1000000', '1e6', '12345678901', '123456', '1234567', '0.5', '1.0', '0.0001', '0.00001', '1e21', '1e20', '9007199254740992', '9007199254740993', '-0', '-0.0', '5e-324', '1.5e300', '123456789012345678']
    .map((s): FuzzValue => ({ kind: 'number', yaml: s })),
  ...['true', 'false', 'null', '{}', '[]', '[[]]', '[[1, [2, []]], {}]', '{"a": {"b": {"c": []}}}', '{"true": 1, "1": 2, "10": 3, "9": 4, "-": 5, "_x": 6, "B": 7, "a10": 8, "a9": 9}']
    .map((s): FuzzValue => ({ kind: s.startsWith('{') ? 'map' : s.startsWith('[') ? 'list' : 'scalar', yaml: s })),
];

/** `count` values for `seed`: the fixed ones first, then random ones. */
export function generateValues(seed: number, count: number): FuzzValue[] {
  const rng = new Rng(seed);
  const out = FIXED_VALUES.slice(0, count);
  while (out.length < count) out.push(value(rng, 0));
  return out;
}
