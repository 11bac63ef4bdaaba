/**
 * helm's strvals: the `--set`, `--set-string`, `--set-json`, `--set-file` and `--set-literal`
 * grammar, parsed into an existing values map the way helm's parser does it.
 *
 * Grammar (measured on helm 3.17.3 and 4.1.4; both agree unless noted):
 * - `name=value` pairs separated by commas; a name is dotted (`a.b.c`) with list indexes
 *   (`a[0].b[2][1]`); `\` escapes the next character in names and values (`a\.b=1` is the key
 *   `a.b`, `x=a\,b` the string `a,b`); not in `--set-literal`, which has no escapes and takes
 *   everything after the first `=` literally, commas included.
 * - `a={x,y}` is a list; an empty name part is dropped (`.a=1` and `=1` set nothing).
 * - `--set` types: `true`/`false`/`null` (any case) are bool/nil, `0` and decimal integers not
 *   starting with `0` that fit int64 are int64, everything else a string.
 * - a list index beyond the list grows it with nils; indexes above 65536, negative ones and names
 *   nested deeper than 30 levels are errors.
 * - helm 4 only: a name that ends inside an index (`a[0`) ends parsing silently (its
 *   "error parsing index" wraps io.EOF), helm 3 reports `error parsing index: EOF`.
 */
import type { Compat } from '../../gotemplate/template.js';
import { quote, quoteRune } from '../../gotemplate/strconv.js';
import type { GoValue } from '../../gotemplate/value.js';
import { int64 } from '../../gotemplate/value.js';
import { decodeJsonPrefix } from './json-prefix.js';

/** The five flags, as named in helm's messages. */
export type SetFlag = 'set' | 'set-string' | 'set-json' | 'set-file' | 'set-literal';

/** strvals.MaxIndex. */
export const MAX_INDEX = 65536;
/** strvals.MaxNestedNameLevel. */
export const MAX_NESTED_NAME_LEVEL = 30;

/** A Go error inside the parser; `eof` is errors.Is(err, io.EOF). */
class ParseErr {
  constructor(
    readonly message: string,
    readonly eof = false,
  ) {}
}
const EOF = new ParseErr('EOF', true);
const NOT_LIST = new ParseErr('not a list');

/** A Go panic (failed type assertion) inside the parser, recovered by the nearest key(). */
class Panic {
  constructor(readonly message: string) {}
}

/** Go's name for the dynamic type of a value held in an interface{} (nil for nil). */
export function ifaceTypeName(v: GoValue | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  if (v instanceof Uint8Array) return '[]uint8';
  if ('type' in v && typeof v.type === 'string') return v.type;
  return 'interface {}';
}

function assertMap(v: GoValue | undefined): Map<string, GoValue> {
  if (v instanceof Map) return v;
  throw new Panic(`interface conversion: interface {} is ${ifaceTypeName(v)}, not map[string]interface {}`);
}

function assertList(v: GoValue | undefined): GoValue[] {
  if (Array.isArray(v)) return v as GoValue[];
  throw new Panic(`interface conversion: interface {} is ${ifaceTypeName(v)}, not []interface {}`);
}

/** unicode.IsSpace. */
function isSpace(r: string): boolean {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case '\u0085':
    case '\u00a0':
    case '\u1680':
    case '\u2028':
    case '\u2029':
    case '\u202f':
    case '\u205f':
    case '\u3000':
      return true;
  }
  return r >= '\u2000' && r <= '\u200a';
}

/** strings.EqualFold against an ASCII lower-case word (Go folds 'ſ' to 's' and 'K' to 'k'). */
function equalFold(s: string, word: string): boolean {
  const rs = Array.from(s);
  if (rs.length !== word.length) return false;
  return rs.every((r, i) => {
    const w = word[i];
    const l = r.length === 1 && r < '\u0080' ? r.toLowerCase() : r;
    return l === w || (w === 's' && r === '\u017f') || (w === 'k' && r === '\u212a');
  });
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64); undefined on any error. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** strconv.Atoi, with Go's error text. */
function atoi(s: string): { n: bigint } | { err: ParseErr } {
  if (!/^[+-]?[0-9]+$/.test(s)) return { err: new ParseErr(`strconv.Atoi: parsing ${quote(s)}: invalid syntax`) };
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) return { err: new ParseErr(`strconv.Atoi: parsing ${quote(s)}: value out of range`) };
  return { n };
}

/** strvals' typedVal: the type a `--set` value gets. */
export function typedValue(s: string, forceString: boolean): GoValue {
  if (forceString) return s;
  if (equalFold(s, 'true')) return true;
  if (equalFold(s, 'false')) return false;
  if (equalFold(s, 'null')) return null;
  if (s === '0') return int64(0);
  if (s.length !== 0 && s[0] !== '0') {
    const n = parseInt64(s);
    if (n !== undefined) return int64(n);
  }
  return s;
}

type Reader = (value: string) => { v: GoValue; err: ParseErr | null };

function set(data: Map<string, GoValue>, key: string, v: GoValue): void {
  if (key.length !== 0) data.set(key, v);
}

function setIndex(list: GoValue[], index: bigint, v: GoValue): { list: GoValue[]; err: ParseErr | null } {
  if (index < 0n) return { list, err: new ParseErr(`negative ${index} index not allowed`) };
  if (index > BigInt(MAX_INDEX)) {
    return { list, err: new ParseErr(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`) };
  }
  const i = Number(index);
  if (list.length <= i) {
    const grown: GoValue[] = new Array<GoValue>(i + 1).fill(null);
    for (let j = 0; j < list.length; j++) grown[j] = list[j];
    list = grown;
  }
  list[i] = v;
  return { list, err: null };
}

interface Scan {
  readonly runes: string;
  readonly last: string | undefined; // undefined at end of input
}

class Parser {
  private pos = 0;
  private readonly runes: string[];

  constructor(
    text: string,
    private readonly mode: 'typed' | 'json' | 'literal',
    private readonly reader: Reader,
    private readonly compat: Compat,
  ) {
    this.runes = Array.from(text);
  }

  parse(data: Map<string, GoValue>): ParseErr | null {
    for (;;) {
      const err = this.key(data, 0);
      if (err === null) continue;
      return err.eof ? null : err;
    }
  }

  private read(): string | undefined {
    return this.pos < this.runes.length ? this.runes[this.pos++] : undefined;
  }

  private unread(): void {
    this.pos--;
  }

  private rest(): string {
    const s = this.runes.slice(this.pos).join('');
    this.pos = this.runes.length;
    return s;
  }

  /** runesUntil (with `\` escapes) or runesUntilLiteral (without). */
  private until(stop: string): Scan {
    let v = '';
    for (;;) {
      const r = this.read();
      if (r === undefined) return { runes: v, last: undefined };
      if (stop.includes(r)) return { runes: v, last: r };
      if (r === '\\' && this.mode !== 'literal') {
        const next = this.read();
        if (next === undefined) return { runes: v, last: undefined };
        v += next;
      } else v += r;
    }
  }

  private wrapIndex(err: ParseErr): ParseErr {
    // helm 4 wraps with %w, so an EOF inside an index still counts as io.EOF there.
    return new ParseErr(`error parsing index: ${err.message}`, this.compat === 'helm4' && err.eof);
  }

  private key(data: Map<string, GoValue>, level: number): ParseErr | null {
    try {
      return this.keyUnsafe(data, level);
    } catch (e) {
      if (e instanceof Panic) return new ParseErr(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyUnsafe(data: Map<string, GoValue>, level: number): ParseErr | null {
    const { runes: k, last } = this.until(this.mode === 'literal' ? '=[.' : '=[,.');
    if (last === undefined) {
      if (k.length === 0) return EOF;
      return new ParseErr(`key ${quote(k)} has no value`);
    }
    if (last === '[') {
      const idx = this.keyIndex();
      if ('err' in idx) return this.wrapIndex(idx.err);
      let list: GoValue[] = [];
      if (data.has(k)) list = assertList(data.get(k));
      const r = this.listItem(list, idx.n, level);
      set(data, k, r.list);
      return r.err;
    }
    if (last === '=') {
      if (this.mode === 'literal') {
        set(data, k, this.rest());
        return null;
      }
      if (this.mode === 'json') {
        if (this.emptyVal()) {
          set(data, k, null);
          return null;
        }
        const j = this.decodeJson();
        if (j.err !== null) return j.err;
        set(data, k, j.v);
        this.emptyVal();
        return null;
      }
      const vl = this.valList();
      if (vl.err === null) {
        set(data, k, vl.list);
        return null;
      }
      if (vl.err.eof) {
        set(data, k, '');
        return vl.err;
      }
      if (vl.err === NOT_LIST) {
        const rs = this.val();
        const { v, err } = this.reader(rs);
        set(data, k, v);
        return err;
      }
      return vl.err;
    }
    if (last === ',') {
      set(data, k, '');
      return new ParseErr(`key ${quote(k)} has no value (cannot end with ,)`);
    }
    // last === '.'
    level++;
    if (level > MAX_NESTED_NAME_LEVEL) {
      return new ParseErr(
        `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
      );
    }
    let inner = new Map<string, GoValue>();
    if (data.has(k)) inner = assertMap(data.get(k));
    const e = this.key(inner, level);
    if (e === null && inner.size === 0) return new ParseErr(`key map ${quote(k)} has no value`);
    if (inner.size !== 0) set(data, k, inner);
    return e;
  }

  private keyIndex(): { n: bigint } | { err: ParseErr } {
    const { runes, last } = this.until(']');
    if (last === undefined) return { err: EOF };
    return atoi(runes);
  }

  private listItem(list: GoValue[], i: bigint, level: number): { list: GoValue[]; err: ParseErr | null } {
    if (i < 0n) return { list, err: new ParseErr(`negative ${i} index not allowed`) };
    const { runes: k, last } = this.until('[.=');
    if (k.length > 0) {
      const q = Array.from(k, (r) => quoteRune(r.codePointAt(0) ?? 0xfffd)).join(' ');
      return { list, err: new ParseErr(`unexpected data at end of array index: [${q}]`) };
    }
    if (last === undefined) return { list, err: EOF };
    if (last === '=') {
      if (this.mode === 'literal') return setIndex(list, i, this.rest());
      if (this.mode === 'json') {
        if (this.emptyVal()) return setIndex(list, i, null);
        const j = this.decodeJson();
        if (j.err !== null) return { list, err: j.err };
        const r = setIndex(list, i, j.v);
        if (r.err !== null) return r;
        this.emptyVal();
        return { list: r.list, err: null };
      }
      const vl = this.valList();
      if (vl.err === null) return setIndex(list, i, vl.list);
      if (vl.err.eof) return setIndex(list, i, '');
      if (vl.err === NOT_LIST) {
        const rs = this.val();
        const { v, err } = this.reader(rs);
        if (err !== null) return { list, err };
        return setIndex(list, i, v);
      }
      return { list, err: vl.err };
    }
    if (last === '[') {
      const idx = this.keyIndex();
      if ('err' in idx) return { list, err: this.wrapIndex(idx.err) };
      let current: GoValue[] = [];
      if (list.length > Number(i)) {
        const existed = list[Number(i)];
        if (existed !== null) current = assertList(existed);
      }
      const r = this.listItem(current, idx.n, level);
      if (r.err !== null) return { list, err: r.err };
      return setIndex(list, i, r.list);
    }
    // last === '.'
    let inner = new Map<string, GoValue>();
    if (list.length > Number(i)) {
      const cur = list[Number(i)];
      if (cur instanceof Map) inner = cur;
      else list[Number(i)] = inner; // indexes out of order: helm starts an empty map
    }
    const e = this.key(inner, level);
    if (e !== null) return { list, err: e };
    return setIndex(list, i, inner);
  }

  /** Optional spaces up to a comma or the end: true (both consumed); else false (nothing consumed but spaces). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.read();
      if (r === undefined || r === ',') return true;
      if (!isSpace(r)) {
        this.unread();
        return false;
      }
    }
  }

  private decodeJson(): { v: GoValue; err: ParseErr | null } {
    const rest = this.runes.slice(this.pos).join('');
    const d = decodeJsonPrefix(rest);
    if (d === undefined) return { v: null, err: new ParseErr('invalid JSON') };
    this.pos += Array.from(rest.slice(0, d.length)).length;
    return { v: d.value, err: null };
  }

  private val(): string {
    return this.until(',').runes;
  }

  private valList(): { list: GoValue[]; err: ParseErr | null } {
    const r = this.read();
    if (r === undefined) return { list: [], err: EOF };
    if (r !== '{') {
      this.unread();
      return { list: [], err: NOT_LIST };
    }
    const list: GoValue[] = [];
    for (;;) {
      const { runes, last } = this.until(',}');
      if (last === undefined) return { list, err: new ParseErr("list must terminate with '}'") };
      if (last === '}') {
        const next = this.read();
        if (next !== undefined && next !== ',') this.unread();
        const { v, err } = this.reader(runes);
        list.push(v);
        return { list, err };
      }
      const { v, err } = this.reader(runes);
      if (err !== null) return { list, err };
      list.push(v);
    }
  }
}

/**
 * Reads a `--set-file` path: the file's content; undefined when it does not exist (helm's
 * `open PATH: no such file or directory`); or `{ error }` with Go's text for other failures
 * (e.g. `read PATH: is a directory`).
 */
export type ReadFile = (path: string) => string | undefined | { readonly error: string };

/**
 * Parses one `--set*` argument into `dest` (which it changes, as helm's ParseInto does).
 * Returns helm's message (without "Error: ") on failure.
 */
export function parseSetInto(
  flag: SetFlag,
  text: string,
  dest: Map<string, GoValue>,
  compat: Compat,
  readFile?: ReadFile,
): { ok: true } | { ok: false; error: string } {
  let parser: Parser;
  switch (flag) {
    case 'set':
    case 'set-string': {
      const force = flag === 'set-string';
      parser = new Parser(text, 'typed', (s) => ({ v: typedValue(s, force), err: null }), compat);
      break;
    }
    case 'set-file':
      parser = new Parser(
        text,
        'typed',
        (path) => {
          const content = readFile?.(path);
          if (content === undefined) return { v: '', err: new ParseErr(`open ${path}: no such file or directory`) };
          if (typeof content !== 'string') return { v: '', err: new ParseErr(content.error) };
          return { v: content, err: null };
        },
        compat,
      );
      break;
    case 'set-json':
      parser = new Parser(text, 'json', () => ({ v: null, err: null }), compat);
      break;
    case 'set-literal':
      parser = new Parser(text, 'literal', (s) => ({ v: s, err: null }), compat);
      break;
  }
  let err: ParseErr | null;
  try {
    err = parser.parse(dest);
  } catch (e) {
    // Only indexes nest without a limit (`a[0][0]...`); Go grows its stack, we cannot.
    if (!(e instanceof RangeError)) throw e;
    err = new ParseErr('list indexes nested too deeply');
  }
  if (err === null) return { ok: true };
  // --set-json reports the argument, not the parser's error (measured, both versions).
  if (flag === 'set-json') return { ok: false, error: `failed parsing --set-json data ${text}` };
  return { ok: false, error: `failed parsing --${flag} data: ${err.message}` };
}

/** Parses one `--set*` argument into a fresh map. */
export function parseSet(
  flag: SetFlag,
  text: string,
  compat: Compat,
  readFile?: ReadFile,
): { ok: true; values: Map<string, GoValue> } | { ok: false; error: string } {
  const values = new Map<string, GoValue>();
  const r = parseSetInto(flag, text, values, compat, readFile);
  return r.ok ? { ok: true, values } : r;
}
