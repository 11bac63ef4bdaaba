/**
 * helm's `toToml` and `fromToml` (BurntSushi/toml; helm 3.17 and helm 4 bundle different
 * releases, which format floats differently).
 *
 * Encoding: keys sorted byte-wise; in each table the plain values come first, then sub-tables
 * (`[a.b]`, indented two spaces per level) and arrays of tables (`[[a.x]]`); a blank line before
 * each top-level table and each array-of-tables entry; nil map values are skipped. Errors come
 * back as the function's string result, as helm returns `err.Error()`.
 */
import { GoInt, GoStruct, compareGoStrings, isNilCollection, methodsOf, type GoValue } from '../gotemplate/value.js';
import { formatFloat } from '../gotemplate/strconv.js';

type Compat = 'helm3' | 'helm4';

class TomlEncodeError extends Error {}

/** The text of an encoding.TextMarshaler value (semver.Version, time.Time), or null. */
function marshalText(v: GoValue): string | null {
  if (!(v instanceof GoStruct)) return null;
  const mt = methodsOf(v)?.get('MarshalText');
  if (!mt) return null;
  const b = mt.fn(v);
  return b instanceof Uint8Array ? new TextDecoder().decode(b) : typeof b === 'string' ? b : '';
}

function isTable(v: GoValue): boolean {
  return v instanceof Map || (v instanceof GoStruct && marshalText(v) === null);
}

function isTableArray(v: GoValue): boolean {
  return Array.isArray(v) && v.length > 0 && v.every(isTable);
}

function entriesOf(v: Map<string, GoValue> | GoStruct): [string, GoValue][] {
  if (v instanceof GoStruct) return [...v.fields].filter(([k]) => /^[A-Z]/.test(k));
  return [...v];
}

const BARE = /^[A-Za-z0-9_-]+$/;

function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0d:
        out += '\\r';
        break;
      default:
        if (c >= 0xdc80 && c <= 0xdcff) out += '\\x' + (c - 0xdc00).toString(16).padStart(2, '0');
        else out += c < 0x20 || c === 0x7f ? '\\u' + c.toString(16).padStart(4, '0') : ch;
    }
  }
  return out + '"';
}

function keyPart(k: string): string {
  return BARE.test(k) ? k : quoteString(k);
}

class TomlEncoder {
  private out = '';
  private written = false;

  constructor(private readonly compat: Compat) {}

  result(): string {
    return this.out;
  }

  private w(s: string): void {
    this.out += s;
    this.written = true;
  }

  private newline(): void {
    if (this.written) this.w('\n');
  }

  private float(f: number): string {
    if (Number.isNaN(f)) return 'nan';
    if (f === Infinity) return 'inf';
    if (f === -Infinity) return '-inf';
    const s = formatFloat(f, this.compat === 'helm3' ? 'f' : 'g', -1, 64);
    return s.includes('.') || s.includes('e') ? s : s + '.0';
  }

  element(v: GoValue): void {
    if (v === null) throw new TomlEncodeError('toml: cannot encode a nil value');
    switch (typeof v) {
      case 'string':
        return this.w(quoteString(v));
      case 'boolean':
        return this.w(v ? 'true' : 'false');
      case 'number':
        return this.w(this.float(v));
    }
    if (v instanceof GoInt) return this.w(v.value.toString());
    if (v instanceof Uint8Array) return this.element([...v].map((b) => new GoInt('uint8', BigInt(b))));
    if (Array.isArray(v)) {
      this.w('[');
      v.forEach((x, i) => {
        if (x === null) throw new TomlEncodeError('toml: cannot encode array with nil element');
        if (i > 0) this.w(', ');
        this.element(x);
      });
      return this.w(']');
    }
    const text = marshalText(v);
    if (text !== null) return this.w(v instanceof GoStruct && v.type.name === 'time.Time' ? text : quoteString(text));
    if (v instanceof Map || v instanceof GoStruct) return this.table([], v, true);
    throw new TomlEncodeError('toml: unsupported type');
  }

  private keyValue(key: string[], v: GoValue, inline: boolean): void {
    if (key.length === 0) return this.element(v);
    this.w('  '.repeat(key.length - 1) + keyPart(key[key.length - 1]) + ' = ');
    this.element(v);
    if (!inline) this.newline();
  }

  encode(key: string[], v: GoValue): void {
    if (v === null) return;
    if (isTable(v)) return this.eTable(key, v as Map<string, GoValue> | GoStruct);
    if (isTableArray(v)) return this.eArrayOfTables(key, v as GoValue[]);
    this.keyValue(key, v, false);
  }

  private eTable(key: string[], v: Map<string, GoValue> | GoStruct): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.w('  '.repeat(key.length - 1) + '[' + key.map(keyPart).join('.') + ']');
      this.newline();
    }
    this.table(key, v, false);
  }

  private eArrayOfTables(key: string[], items: GoValue[]): void {
    if (key.length === 0) throw new TomlEncodeError('toml: top-level values must be Go maps or structs');
    for (const t of items) {
      if (t === null) continue;
      this.newline();
      this.w('  '.repeat(key.length - 1) + '[[' + key.map(keyPart).join('.') + ']]');
      this.newline();
      this.table(key, t as Map<string, GoValue> | GoStruct, false);
    }
  }

  private table(key: string[], v: Map<string, GoValue> | GoStruct, inline: boolean): void {
    const direct: [string, GoValue][] = [];
    const sub: [string, GoValue][] = [];
    for (const e of entriesOf(v)) (isTable(e[1]) || isTableArray(e[1]) ? sub : direct).push(e);
    const writeKeys = (list: [string, GoValue][], trailingComma: boolean): void => {
      list.sort((a, b) => compareGoStrings(a[0], b[0]));
      list.forEach(([k, x], i) => {
        // Nil values, nil slices and nil maps are left out.
        if (x === null || isNilCollection(x)) return;
        if (inline) {
          this.keyValue([k], x, true);
          if (trailingComma || i !== list.length - 1) this.w(', ');
        } else {
          this.encode([...key, k], x);
        }
      });
    };
    if (inline) this.w('{');
    writeKeys(direct, sub.length > 0);
    writeKeys(sub, false);
    if (inline) this.w('}');
  }
}

/** helm's `toToml`: the TOML text, or the encoder's error text. */
export function toToml(v: GoValue, compat: Compat = 'helm3'): string {
  if (v === null) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  const e = new TomlEncoder(compat);
  try {
    e.encode([], v);
  } catch (err) {
    if (err instanceof TomlEncodeError) return err.message;
    throw err;
  }
  return e.result();
}

export { fromToml } from './tomlparse.js';
