/**
 * helm's `fromToml`: BurntSushi/toml decoding into `map[string]interface{}`. Integers are int64,
 * floats float64, arrays of tables `[]map[string]interface {}`; date-times are kept as their text
 * (Go would hold a time.Time). Errors come back under the key "Error" with BurntSushi's wording
 * for the common cases (`toml: line 2 (last key "a"): Key 'a' has already been defined.`).
 */
import { GoInt, withType, type GoValue } from '../gotemplate/value.js';
import { parseGoInt } from './resolve.js';

type Compat = 'helm3' | 'helm4';

const MAP_SLICE = { name: '[]map[string]interface {}', kind: 'slice', elem: 'map[string]interface {}' } as const;

class TomlError extends Error {}

class Parser {
  private i = 0;
  private line = 1;
  private lastKey = '';
  /** The key path of the enclosing inline table (BurntSushi reports nested keys as `k.2`). */
  private inlinePath: string[] = [];
  private readonly root = new Map<string, GoValue>();
  /** Tables defined by a header or implicitly (so a second header for them is an error). */
  private readonly defined = new Set<Map<string, GoValue>>();
  private readonly inline = new Set<Map<string, GoValue>>();
  private current: Map<string, GoValue>;

  constructor(
    private readonly s: string,
    private readonly compat: Compat,
  ) {
    this.current = this.root;
  }

  private fail(msg: string, withKey = true, eof = false): never {
    let line = this.line;
    if (eof) {
      // At the end of input BurntSushi's line count differs between the bundled releases.
      const breaks = this.s.split('\n').length - 1;
      line = this.compat === 'helm3' ? breaks : breaks + (this.s.endsWith('\n') ? 0 : 1);
    }
    const key = withKey && this.lastKey ? ` (last key "${this.lastKey}")` : '';
    throw new TomlError(`toml: line ${line}${key}: ${msg}`);
  }

  private peek(): string {
    return this.s[this.i] ?? '';
  }

  private skipWs(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }

  private skipComment(): void {
    if (this.peek() === '#') while (this.i < this.s.length && this.peek() !== '\n') this.i++;
  }

  /** Whitespace, newlines and comments (inside arrays). */
  private skipAll(): void {
    while (this.i < this.s.length) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '\n') {
        this.i++;
        this.line++;
      } else if (c === '#') this.skipComment();
      else break;
    }
  }

  parse(): Map<string, GoValue> {
    while (true) {
      this.skipAll();
      if (this.i >= this.s.length) return this.root;
      const c = this.peek();
      if (c === '[') this.header();
      else if (c === '=') this.fail("unexpected '=': key name appears blank", false);
      else this.keyValue(this.current);
      this.skipWs();
      this.skipComment();
      if (this.i < this.s.length && this.peek() !== '\n' && this.peek() !== '\r') {
        this.fail(`expected a top-level item to end with a newline, comment, or EOF, but got '${this.peek()}' instead`, false);
      }
    }
  }

  private keyPart(): string {
    this.skipWs();
    const c = this.peek();
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.i, this.i + 1000));
    if (!m) {
      if (c === '=') this.fail("unexpected '=': key name appears blank", false);
      if (this.i >= this.s.length) this.fail('unexpected EOF; expected key name', false, true);
      if (c === '\n') this.line++;
      this.fail(`expected '.' or '=', but got '${c === '\n' ? '\\n' : c}' instead`, false);
    }
    this.i += m[0].length;
    return m[0];
  }

  private dottedKey(): string[] {
    const parts = [this.keyPart()];
    this.skipWs();
    while (this.peek() === '.') {
      this.i++;
      this.skipWs();
      if (this.peek() === '=') this.fail("unexpected '='", false);
      parts.push(this.keyPart());
      this.skipWs();
    }
    return parts;
  }

  private header(): void {
    this.i++;
    if (this.i >= this.s.length || this.peek() === ']') this.fail('unexpected end of table name (table names cannot be empty)', false);
    const array = this.peek() === '[';
    if (array) this.i++;
    const key = this.dottedKey();
    this.skipWs();
    if (this.peek() !== ']') {
      if (this.peek() === '\n') this.line++;
      const got = this.peek() === '\n' ? '\\n' : this.peek();
      this.fail(`expected '.' or ']' to end table name, but got '${got}' instead`, false);
    }
    this.i++;
    if (array) {
      if (this.peek() !== ']') this.fail("expected ']]' to end array of tables", false);
      this.i++;
    }
    this.lastKey = key.join('.');
    let t = this.root;
    for (let k = 0; k < key.length - 1; k++) t = this.descend(t, key[k]);
    const last = key[key.length - 1];
    const cur = t.get(last);
    if (array) {
      let list = cur;
      if (list === undefined) {
        list = withType([], MAP_SLICE);
        t.set(last, list);
      } else if (!Array.isArray(list)) this.fail(`Key '${this.lastKey}' has already been defined.`);
      const m = new Map<string, GoValue>();
      (list as GoValue[]).push(m);
      this.current = m;
    } else {
      if (cur instanceof Map) {
        if (this.defined.has(cur)) this.fail(`Key '${this.lastKey}' has already been defined.`);
        this.defined.add(cur);
        this.current = cur;
      } else if (cur !== undefined) this.fail(`Key '${this.lastKey}' has already been defined.`);
      else {
        const m = new Map<string, GoValue>();
        t.set(last, m);
        this.defined.add(m);
        this.current = m;
      }
    }
  }

  /** The table under key `k` of `t`, created implicitly; the last table of an array of tables. */
  private descend(t: Map<string, GoValue>, k: string): Map<string, GoValue> {
    const v = t.get(k);
    if (v === undefined) {
      const m = new Map<string, GoValue>();
      t.set(k, m);
      return m;
    }
    if (v instanceof Map && !this.inline.has(v)) return v;
    if (Array.isArray(v) && v.length > 0 && v[v.length - 1] instanceof Map) return v[v.length - 1] as Map<string, GoValue>;
    return this.fail(`Key '${this.lastKey}' has already been defined.`);
  }

  private keyValue(t: Map<string, GoValue>): void {
    if (this.peek() === '.') this.fail("unexpected '.': keys cannot start with a '.'", false);
    if (this.peek() === '=') this.fail("unexpected '=': key name appears blank", this.inlinePath.length > 0);
    const key = this.dottedKey();
    const full = [...this.inlinePath, ...key];
    this.lastKey = full.join('.');
    this.skipWs();
    if (this.peek() !== '=') {
      if (this.i >= this.s.length) this.fail("unexpected EOF; expected key separator '='", true, true);
      if (this.peek() === '\n') this.line++;
      this.fail(`expected '.' or '=', but got '${this.peek() === '\n' ? '\\n' : this.peek()}' instead`, false);
    }
    this.i++;
    this.skipWs();
    let target = t;
    for (let k = 0; k < key.length - 1; k++) target = this.descend(target, key[k]);
    const last = key[key.length - 1];
    if (target.has(last)) this.fail(`Key '${this.lastKey}' has already been defined.`);
    const saved = this.inlinePath;
    this.inlinePath = full;
    const v = this.value();
    this.inlinePath = saved;
    this.lastKey = full.join('.');
    target.set(last, v);
  }

  private value(): GoValue {
    const c = this.peek();
    if (this.i >= this.s.length) this.fail('unexpected EOF; expected value', true, true);
    if (c === '\n') {
      this.line++;
      this.fail("expected value but found '\\n' instead");
    }
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const m = /^[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|inf|nan|[0-9_]+(\.[0-9_]+)?([eE][+-]?[0-9_]+)?|true|false)/.exec(
      this.s.slice(this.i, this.i + 5000),
    );
    const tok = m ? m[0] : '';
    if (tok === '' && c === '.') this.fail("floats must start with a digit, not '.'");
    if (tok === '') this.fail(`expected value but found '${c === '\n' ? '\\n' : c}' instead`);
    // Date-times may contain one space between date and time.
    const dt = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?)?|^\d{2}:\d{2}:\d{2}(\.\d+)?/.exec(
      this.s.slice(this.i, this.i + 64),
    );
    if (dt && dt[0].length >= tok.length) {
      this.i += dt[0].length;
      return dt[0];
    }
    this.i += tok.length;
    if (this.peek() === '.' && /^[+-]?[0-9_]+$/.test(tok)) {
      this.fail(`Invalid float ${JSON.stringify(tok + '.')}: '.' must be followed by one or more digits`);
    }
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (/^[+-]?(inf|nan)$/.test(tok)) return tok.endsWith('nan') ? NaN : tok.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9_]+)$/.test(tok)) return this.integer(tok);
    if (/^[+-]?[0-9_]+(\.[0-9_]+)?([eE][+-]?[0-9_]+)?$/.test(tok)) {
      const f = Number(tok.replace(/_/g, ''));
      return f;
    }
    return this.fail(`expected value but found ${JSON.stringify(tok)} instead`);
  }

  private integer(tok: string): GoValue {
    const body = tok.replace(/^[+-]/, '');
    if (/^0[0-9]/.test(body)) this.fail(`Invalid integer ${JSON.stringify(tok)}: cannot have leading zeroes`);
    const v = parseGoInt(tok.replace(/_/g, ''), 0, true);
    if (v === null) this.fail(`${tok} is out of range for int64`);
    return new GoInt('int64', v);
  }

  private array(): GoValue[] {
    this.i++;
    const out: GoValue[] = [];
    while (true) {
      this.skipAll();
      if (this.peek() === ']') {
        this.i++;
        return out;
      }
      if (this.peek() === ',') this.fail('unexpected comma');
      out.push(this.value());
      this.skipAll();
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      if (this.peek() === ']') {
        this.i++;
        return out;
      }
      if (this.i >= this.s.length) {
        this.fail("expected a comma (',') or array terminator (']'), but got end of file", true, true);
      }
      this.fail(`expected a comma (',') or array terminator (']'), but got '${this.peek()}'`);
    }
  }

  private inlineTable(): Map<string, GoValue> {
    this.i++;
    const m = new Map<string, GoValue>();
    this.skipWs();
    if (this.peek() === '}') {
      this.i++;
      this.inline.add(m);
      return m;
    }
    while (true) {
      this.skipWs();
      this.keyValue(m);
      this.skipWs();
      if (this.peek() === ',') {
        this.i++;
        continue;
      }
      if (this.peek() === '}') {
        this.i++;
        this.inline.add(m);
        this.lastKey = this.inlinePath.join('.');
        return m;
      }
      if (this.i >= this.s.length) this.fail("unexpected EOF; expected '}'", true, true);
      this.fail(`expected a comma or an inline table terminator '}', but got '${this.peek()}' instead`);
    }
  }

  private literalString(): string {
    if (this.s.startsWith("'''", this.i)) {
      this.i += 3;
      if (this.peek() === '\n') {
        this.i++;
        this.line++;
      }
      const end = this.s.indexOf("'''", this.i);
      if (end < 0) this.fail("unexpected EOF; expected \"'''\"", true, true);
      const body = this.s.slice(this.i, end);
      this.line += body.split('\n').length - 1;
      this.i = end + 3;
      return body;
    }
    this.i++;
    const start = this.i;
    while (this.i < this.s.length && this.peek() !== "'" && this.peek() !== '\n') this.i++;
    if (this.peek() !== "'") this.fail("unexpected EOF; expected \"'\"", true, this.i >= this.s.length);
    const body = this.s.slice(start, this.i);
    this.i++;
    return body;
  }

  /** Where the string being read starts (for BurntSushi's escape messages). */
  private valueStart = 0;

  private basicString(): string {
    this.valueStart = this.i;
    const multi = this.s.startsWith('"""', this.i);
    this.i += multi ? 3 : 1;
    if (multi && this.peek() === '\n') {
      this.i++;
      this.line++;
    }
    let out = '';
    while (true) {
      if (this.i >= this.s.length) this.fail(multi ? 'unexpected EOF; expected \'"""\'' : 'unexpected EOF; expected \'"\'', true, true);
      const c = this.peek();
      if (multi && this.s.startsWith('"""', this.i)) {
        this.i += 3;
        // Up to two extra quotes belong to the content.
        while (this.peek() === '"' && out.length >= 0 && this.s.startsWith('"', this.i)) {
          out += '"';
          this.i++;
        }
        return out;
      }
      if (!multi && c === '"') {
        this.i++;
        return out;
      }
      if (c === '\n') {
        if (!multi) this.fail("strings cannot contain newlines");
        this.line++;
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
        if (e in simple) {
          out += simple[e];
          this.i += 2;
          continue;
        }
        if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = this.s.slice(this.i + 2, this.i + 2 + n);
          if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(hex)) {
            const seen = this.s.slice(this.valueStart + 1, this.i + 2 + n);
            this.fail(`expected ${n === 4 ? 'four' : 'eight'} hexadecimal digits after '\\${e}', but got ${JSON.stringify(seen)} instead`);
          }
          out += String.fromCodePoint(parseInt(hex, 16));
          this.i += 2 + n;
          continue;
        }
        if (multi && /^\\[ \t]*\r?\n/.test(this.s.slice(this.i, this.i + 100))) {
          // Line-ending backslash: trim the break and following whitespace.
          this.i++;
          while (this.i < this.s.length && /[ \t\r\n]/.test(this.peek())) {
            if (this.peek() === '\n') this.line++;
            this.i++;
          }
          continue;
        }
        this.fail(`invalid escape in string '\\${e ?? ''}'`);
      }
      out += c;
      this.i++;
    }
  }
}

/** helm's `fromToml`: a map; on error a map with the message under "Error". */
export function fromToml(text: string, compat: Compat = 'helm3'): Map<string, GoValue> {
  try {
    return new Parser(text, compat).parse();
  } catch (e) {
    if (e instanceof TomlError) return new Map<string, GoValue>([['Error', e.message]]);
    throw e;
  }
}
