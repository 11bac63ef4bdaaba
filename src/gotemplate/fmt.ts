/**
 * Go's fmt as text/template uses it: Sprint, Sprintln, Sprintf and the printing of every
 * GoValue with every verb, flag, width and precision, including Go's error forms
 * (`%!d(float64=1)`, `%!s(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`, ...).
 *
 * Padding and precision count runes, as Go does; strings are byte strings (bytes.ts).
 */
import type { GoFuncSpec, GoValue } from './value.js';
import { GoInt, GoStruct, GoFunc, typeInfoOf, sortedKeys, goTypeName, methodsOf, isNilCollection } from './value.js';
import { formatFloat, quote, quoteToASCII, quoteRune, quoteRuneToASCII, canBackquote, isPrint } from './strconv.js';
import { isAscii, runeCount, runes, utf8Encode, utf8Decode, runeToString, normalizeByteString } from './bytes.js';

/** Formatting state of one verb (Go's fmt.fmtFlags plus width and precision). */
interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function newFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false, wid: 0, widPresent: false, prec: 0, precPresent: false };
}

function clearFlags(f: Flags): void {
  f.plus = f.minus = f.sharp = f.space = f.zero = f.plusV = f.sharpV = false;
  f.wid = f.prec = 0;
  f.widPresent = f.precPresent = false;
}

/** Printer state: output buffer and flags (Go's pp). */
class Printer {
  buf = '';
  f: Flags = newFlags();
  erroring = false;

  // -- padding -------------------------------------------------------------------------------

  padding(n: number): string {
    if (n <= 0) return '';
    return (this.f.zero ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    const f = this.f;
    if (!f.widPresent || f.wid === 0) {
      this.buf += s;
      return;
    }
    let width: number;
    if (isAscii(s)) width = f.wid - s.length;
    else {
      s = normalizeByteString(s);
      width = f.wid - runeCount(s);
    }
    if (!f.minus) this.buf += this.padding(width) + s;
    else this.buf += s + this.padding(width);
  }

  // -- primitive formatters (Go's fmt type) ---------------------------------------------------

  fmtBool(b: boolean): void {
    this.pad(b ? 'true' : 'false');
  }

  /** Integer in a base; digits upper or lower case. */
  fmtInteger(v: bigint, base: number, verb: string, upper: boolean): void {
    const f = this.f;
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = f.zero;
        f.zero = false;
        this.buf += this.padding(f.wid);
        f.zero = oldZero;
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (f.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8) {
        if (digits[0] !== '0') digits = '0' + digits;
      } else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (f.plus) digits = '+' + digits;
    else if (f.space) digits = ' ' + digits;
    const oldZero = f.zero;
    f.zero = false;
    this.pad(digits);
    f.zero = oldZero;
  }

  /** %#v of an unsigned integer, and %#x-like forms: 0x + hex. */
  fmt0x64(v: bigint, leading0x: boolean): void {
    const f = this.f;
    const sharp = f.sharp;
    f.sharp = leading0x;
    this.fmtInteger(v, 16, 'v', false);
    f.sharp = sharp;
  }

  fmtC(v: bigint): void {
    let r = v > 0x10ffffn || v < 0n ? 0xfffd : Number(v);
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    this.pad(runeToString(r));
  }

  fmtQc(v: bigint): void {
    let r = v > 0x10ffffn || v < 0n ? 0xfffd : Number(v);
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    this.pad(this.f.plus ? quoteRuneToASCII(r) : quoteRune(r));
  }

  fmtUnicode(v: bigint): void {
    const f = this.f;
    let prec = 4;
    if (f.precPresent && f.prec > 4) prec = f.prec;
    // Go formats the value as uint64.
    const u = BigInt.asUintN(64, v);
    let s = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
    if (f.sharp && u <= 0x10ffffn && isPrint(Number(u))) s += " '" + runeToString(Number(u)) + "'";
    const oldZero = f.zero;
    f.zero = false;
    this.pad(s);
    f.zero = oldZero;
  }

  truncate(s: string): string {
    const f = this.f;
    if (!f.precPresent) return s;
    if (isAscii(s)) return s.length > f.prec ? s.slice(0, f.prec) : s;
    s = normalizeByteString(s);
    let n = 0;
    for (const r of runes(s)) {
      if (n === f.prec) return s.slice(0, r.start);
      n++;
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtSbx(bytes: Uint8Array, upper: boolean): void {
    const f = this.f;
    let length = bytes.length;
    if (f.precPresent && f.prec < length) length = f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (f.space) {
        if (f.sharp) width *= 2;
        width += length - 1;
      } else if (f.sharp) {
        width += 2;
      }
    } else {
      if (f.widPresent) this.buf += this.padding(f.wid);
      return;
    }
    if (f.widPresent && f.wid > width && !f.minus) this.buf += this.padding(f.wid - width);
    const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
    const prefix = upper ? '0X' : '0x';
    let out = f.sharp ? prefix : '';
    for (let i = 0; i < length; i++) {
      if (f.space && i > 0) {
        out += ' ';
        if (f.sharp) out += prefix;
      }
      const c = bytes[i];
      out += digits[c >> 4] + digits[c & 15];
    }
    this.buf += out;
    if (f.widPresent && f.wid > width && f.minus) this.buf += this.padding(f.wid - width);
  }

  fmtQ(s: string): void {
    const f = this.f;
    s = this.truncate(s);
    if (f.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(f.plus ? quoteToASCII(s) : quote(s));
  }

  fmtFloatWith(v: number, size: 32 | 64, verb: string, prec: number): void {
    const f = this.f;
    if (f.precPresent) prec = f.prec;
    const sverb = (verb === 'F' ? 'f' : verb) as 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';
    let num = formatFloat(v, sverb, prec, size);
    if (num[0] === '-' || num[0] === '+') {
      // keep
    } else {
      num = '+' + num;
    }
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = f.zero;
      f.zero = false;
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.pad(num);
      f.zero = oldZero;
      return;
    }
    if (f.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      let body = num;
      for (let i = 1; i < body.length; i++) {
        const c = body[i];
        if (c === '.') {
          hasDecimalPoint = true;
          continue;
        }
        if (c === 'p' || c === 'P') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      if (digits > 0) body += '0'.repeat(digits);
      num = body + tail;
    }
    if (f.plus || num[0] !== '+') {
      if (f.zero && !f.minus && f.widPresent && f.wid > num.length) {
        this.buf += num[0] + this.padding(f.wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  // -- per-type dispatch (Go's pp methods) ----------------------------------------------------

  badVerb(verb: string, v: GoValue): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (v === null) {
      this.buf += '<nil>';
    } else {
      this.buf += goTypeName(v) + '=';
      this.printValue(v, 'v', 0);
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtIntegerVerb(v: GoInt, verb: string): void {
    const value = v.value;
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !v.signed) this.fmt0x64(value, true);
        else this.fmtInteger(value, 10, verb, false);
        return;
      case 'd':
        return this.fmtInteger(value, 10, verb, false);
      case 'b':
        return this.fmtInteger(value, 2, verb, false);
      case 'o':
      case 'O':
        return this.fmtInteger(value, 8, verb, false);
      case 'x':
        return this.fmtInteger(value, 16, verb, false);
      case 'X':
        return this.fmtInteger(value, 16, verb, true);
      case 'c':
        return this.fmtC(value);
      case 'q':
        return this.fmtQc(value);
      case 'U':
        return this.fmtUnicode(value);
      default:
        return this.badVerb(verb, v);
    }
  }

  fmtFloatVerb(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.fmtFloatWith(v, 64, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloatWith(v, 64, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmtFloatWith(v, 64, verb, 6);
      case 'F':
        return this.fmtFloatWith(v, 64, 'f', 6);
      default:
        return this.badVerb(verb, v);
    }
  }

  fmtString(s: string, verb: string, original: GoValue = s): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        return this.fmtS(s);
      case 'x':
        return this.fmtSbx(utf8Encode(s), false);
      case 'X':
        return this.fmtSbx(utf8Encode(s), true);
      case 'q':
        return this.fmtQ(s);
      default:
        return this.badVerb(verb, original);
    }
  }

  fmtBytes(b: Uint8Array, verb: string, typeString: string, depth: number): void {
    switch (verb) {
      case 'v':
      case 'd':
        if (this.f.sharpV) {
          this.buf += typeString + '{';
          for (let i = 0; i < b.length; i++) {
            if (i > 0) this.buf += ', ';
            this.fmt0x64(BigInt(b[i]), true);
          }
          this.buf += '}';
        } else {
          this.buf += '[';
          for (let i = 0; i < b.length; i++) {
            if (i > 0) this.buf += ' ';
            this.fmtInteger(BigInt(b[i]), 10, verb, false);
          }
          this.buf += ']';
        }
        return;
      case 's':
        return this.fmtS(utf8Decode(b));
      case 'x':
        return this.fmtSbx(b, false);
      case 'X':
        return this.fmtSbx(b, true);
      case 'q':
        return this.fmtQ(utf8Decode(b));
      default:
        this.printSliceElems(Array.from(b, (x) => new GoInt('uint8', BigInt(x))), verb, depth, typeString);
    }
  }

  /** The top-level operand (Go's printArg). */
  printArg(arg: GoValue, verb: string): void {
    if (arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(goTypeName(arg));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, verb);
      return;
    }
    if (verb === 'w') {
      // %w wraps errors in fmt.Errorf only; Sprintf reports the whole operand.
      this.badVerb(verb, arg);
      return;
    }
    switch (typeof arg) {
      case 'string':
        return this.fmtString(arg, verb);
      case 'number':
        return this.fmtFloatVerb(arg, verb);
      case 'boolean':
        if (verb === 't' || verb === 'v') this.fmtBool(arg);
        else this.badVerb(verb, arg);
        return;
    }
    if (arg instanceof GoInt) return this.fmtIntegerVerb(arg, verb);
    if (arg instanceof Uint8Array) return this.fmtBytes(arg, verb, '[]byte', 0);
    if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
  }

  /** Stringer / error methods (`Error`, `String` with no parameters) for the string-ish verbs. */
  handleMethods(v: GoValue, verb: string): boolean {
    if (this.erroring || this.f.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const m = stringMethod(v);
    if (!m) return false;
    const s = m.fn(v);
    this.fmtString(typeof s === 'string' ? s : String(s), verb, v);
    return true;
  }

  fmtPointer(v: GoValue, verb: string): void {
    // Addresses are not modelled: reference values print a fixed fake address.
    const isRef = Array.isArray(v) || v instanceof Map || v instanceof GoFunc || v instanceof Uint8Array || (v instanceof GoStruct && v.pointer);
    if (!isRef) return this.badVerb(verb, v);
    const f = this.f;
    switch (verb) {
      case 'v':
        if (f.sharpV) {
          this.buf += '(' + goTypeName(v) + ')(0xc000010000)';
        } else {
          this.fmt0x64(0xc000010000n, !f.sharp);
        }
        return;
      case 'p':
        this.fmt0x64(0xc000010000n, !f.sharp);
        return;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        this.fmtIntegerVerb(new GoInt('uintptr', 0xc000010000n), verb);
        return;
      default:
        this.badVerb(verb, v);
    }
  }

  printSliceElems(elems: readonly GoValue[], verb: string, depth: number, typeName: string): void {
    if (this.f.sharpV) {
      this.buf += typeName + '{';
      for (let i = 0; i < elems.length; i++) {
        if (i > 0) this.buf += ', ';
        this.printValue(elems[i], verb, depth + 1);
      }
      this.buf += '}';
    } else {
      this.buf += '[';
      for (let i = 0; i < elems.length; i++) {
        if (i > 0) this.buf += ' ';
        this.printValue(elems[i], verb, depth + 1);
      }
      this.buf += ']';
    }
  }

  /** Go's printValue: composite values and nested operands. */
  printValue(v: GoValue, verb: string, depth: number): void {
    if (depth > 0 && v !== null && this.handleMethods(v, verb)) return;
    if (v === null) {
      // A nil interface element (or a nil at the top inside an error form).
      // Go writes a nil interface element without padding.
      if (depth > 0) this.buf += this.f.sharpV ? 'interface {}(nil)' : '<nil>';
      else if (verb !== 'v') this.badVerb(verb, v);
      else this.pad('<nil>');
      return;
    }
    switch (typeof v) {
      case 'string':
        return this.fmtString(v, verb);
      case 'number':
        return this.fmtFloatVerb(v, verb);
      case 'boolean':
        if (verb === 't' || verb === 'v') this.fmtBool(v);
        else this.badVerb(verb, v);
        return;
    }
    if (v instanceof GoInt) return this.fmtIntegerVerb(v, verb);
    if (v instanceof Uint8Array) {
      if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') return this.fmtBytes(v, verb, '[]uint8', depth);
      return this.printSliceElems(
        Array.from(v, (x) => new GoInt('uint8', BigInt(x))),
        verb,
        depth,
        '[]uint8',
      );
    }
    if (Array.isArray(v)) {
      const info = typeInfoOf(v);
      if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && info.elem === 'uint8') {
        const bytes = Uint8Array.from(v, (e) => (e instanceof GoInt ? Number(e.value) : 0));
        return this.fmtBytes(bytes, verb, info.name, depth);
      }
      // %#v writes a nil slice as `[]T(nil)`; every other verb as an empty one.
      if (this.f.sharpV && isNilCollection(v)) {
        this.buf += info.name + '(nil)';
        return;
      }
      return this.printSliceElems(v, verb, depth, info.name);
    }
    if (v instanceof Map) {
      const info = typeInfoOf(v);
      const keys = sortedKeys(v);
      if (this.f.sharpV && isNilCollection(v)) {
        this.buf += info.name + '(nil)';
        return;
      }
      if (this.f.sharpV) {
        this.buf += info.name + '{';
        keys.forEach((k, i) => {
          if (i > 0) this.buf += ', ';
          this.printValue(k, verb, depth + 1);
          this.buf += ':';
          this.printValue(v.get(k) ?? null, verb, depth + 1);
        });
        this.buf += '}';
      } else {
        this.buf += 'map[';
        keys.forEach((k, i) => {
          if (i > 0) this.buf += ' ';
          this.printValue(k, verb, depth + 1);
          this.buf += ':';
          this.printValue(v.get(k) ?? null, verb, depth + 1);
        });
        this.buf += ']';
      }
      return;
    }
    if (v instanceof GoStruct) {
      if (v.pointer) {
        if (depth === 0) {
          this.buf += '&';
          return this.printStruct(v, verb, depth + 1);
        }
        return this.fmtPointer(v, verb);
      }
      return this.printStruct(v, verb, depth);
    }
    if (v instanceof GoFunc) return this.fmtPointer(v, verb);
  }

  printStruct(v: GoStruct, verb: string, depth: number): void {
    const f = this.f;
    if (f.sharpV) this.buf += v.type.name;
    this.buf += '{';
    let i = 0;
    for (const [name, value] of v.fields) {
      if (i > 0) this.buf += f.sharpV ? ', ' : ' ';
      if (f.plusV || f.sharpV) this.buf += name + ':';
      this.printValue(value, verb, depth + 1);
      i++;
    }
    this.buf += '}';
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * The `Error` or `String` method fmt would call on v (Go's error / fmt.Stringer), if any.
 * Methods receive the receiver as their first argument. A struct value (not a pointer) does not
 * have the methods its type declares with pointer receivers (GoTypeInfo.pointerMethods).
 */
export function stringMethod(v: GoValue): GoFuncSpec | undefined {
  const methods = methodsOf(v);
  if (!methods) return undefined;
  const ptrOnly = v instanceof GoStruct && !v.pointer ? v.type.pointerMethods : undefined;
  for (const name of ['Error', 'String']) {
    const m = methods.get(name);
    if (m && m.params.length === 0 && m.results?.[0] === 'string' && !ptrOnly?.has(name)) return m;
  }
  return undefined;
}

/**
 * text/template's printableValue: what `{{ x }}` and the escapers (html, js, urlquery) hand to
 * fmt. Pointers are followed; a struct value that is addressable (reached through a pointer or a
 * struct field, which `{{ .Capabilities.KubeVersion }}` is) gets its pointer-receiver String.
 * nil stays nil (the callers print `<no value>`).
 */
export function templatePrintable(v: GoValue, addressable: boolean): GoValue {
  if (!(v instanceof GoStruct)) return v;
  if (v.pointer) {
    const value = new GoStruct(v.type, v.fields, false);
    if (stringMethod(value)) return value;
    return stringMethod(v) ? v : value;
  }
  if (addressable && !stringMethod(v) && stringMethod(new GoStruct(v.type, v.fields, true))) return new GoStruct(v.type, v.fields, true);
  return v;
}

/**
 * %v of a float64. JavaScript's String(x) has the same shortest digits and also prints them
 * without exponent in [1e-3, 1e6), where Go's %v does too.
 */
function formatFloatV(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return formatFloat(x, 'g', -1, 64);
}

/** One operand printed with a verb and no flags: `formatValue(v)` is Go's `%v`. */
export function formatValue(v: GoValue, verb: string = 'v'): string {
  if (verb === 'v') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return formatFloatV(v);
    if (v instanceof GoInt) return v.value.toString();
  }
  const p = new Printer();
  p.printArg(v, verb);
  return p.buf;
}

/** fmt.Sprint: operands printed with %v, a space between two operands when neither is a string. */
export function sprint(...args: GoValue[]): string {
  if (args.length === 1) return formatValue(args[0]);
  let out = '';
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const isString = typeof a === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += formatValue(a);
    prevString = isString;
  }
  return normalizeByteString(out);
}

/** fmt.Sprintln: operands printed with %v, always space-separated, then a newline. */
export function sprintln(...args: GoValue[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += ' ';
    out += formatValue(args[i]);
  }
  return normalizeByteString(out) + '\n';
}

const TOO_LARGE = 1e6;

/** Reads a decimal number at s[i..end): [num, isNum, newI] (Go's parsenum). */
function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    if (num > TOO_LARGE || num < -TOO_LARGE) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

/** An int operand for `*` width or precision: [num, isInt, newArgNum] (Go's intFromArg). */
function intFromArg(a: readonly GoValue[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    if (v instanceof GoInt) {
      const n = v.value;
      if (n >= -(1n << 63n) && n < 1n << 63n) {
        num = Number(n);
        isInt = true;
      }
    }
    newArgNum = argNum + 1;
    if (num > TOO_LARGE || num < -TOO_LARGE) {
      num = 0;
      isInt = false;
    }
  }
  return [num, isInt, newArgNum];
}

interface ArgState {
  reordered: boolean;
  goodArgNum: boolean;
}

/** An explicit argument index `[n]` at format[i]: [argNum, newI, found] (Go's argNumber). */
function argNumber(st: ArgState, format: string, numArgs: number, argNum: number, i: number): [number, number, boolean] {
  const end = format.length;
  if (end <= i || format[i] !== '[') return [argNum, i, false];
  st.reordered = true;
  let index = 0;
  let wid = 1;
  let ok = false;
  if (end - i >= 3) {
    for (let j = i + 1; j < end; j++) {
      if (format[j] === ']') {
        const [width, isnum, newi] = parsenum(format, i + 1, j);
        wid = j - i + 1;
        if (isnum && newi === j) {
          index = width - 1;
          ok = true;
        }
        break;
      }
    }
  }
  if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
  st.goodArgNum = false;
  return [argNum, i + wid, ok];
}

/** fmt.Sprintf with Go's verbs, flags, widths, precisions, argument indexes and error forms. */
export function sprintf(format: string, ...a: GoValue[]): string {
  const p = new Printer();
  const f = p.f;
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  const st: ArgState = { reordered: false, goodArgNum: true };

  let i = 0;
  formatLoop: while (i < end) {
    st.goodArgNum = true;
    const lasti = i;
    const pct = format.indexOf('%', i);
    i = pct < 0 ? end : pct;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    clearFlags(f);
    simple: for (; i < end; i++) {
      const c = format[i];
      switch (c) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          if (c >= 'a' && c <= 'z' && argNum < a.length) {
            if (c === 'v' || c === 'w') {
              f.sharpV = f.sharp;
              f.sharp = false;
              f.plusV = f.plus;
              f.plus = false;
            }
            p.printArg(a[argNum], c);
            argNum++;
            i++;
            continue formatLoop;
          }
          break simple;
      }
    }

    [argNum, i, afterIndex] = argNumber(st, format, a.length, argNum, i);

    if (i < end && format[i] === '*') {
      i++;
      [f.wid, f.widPresent, argNum] = intFromArg(a, argNum);
      if (!f.widPresent) p.buf += '%!(BADWIDTH)';
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      [f.wid, f.widPresent, i] = parsenum(format, i, end);
      if (afterIndex && f.widPresent) st.goodArgNum = false;
    }

    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) st.goodArgNum = false;
      [argNum, i, afterIndex] = argNumber(st, format, a.length, argNum, i);
      if (i < end && format[i] === '*') {
        i++;
        [f.prec, f.precPresent, argNum] = intFromArg(a, argNum);
        if (f.prec < 0) {
          f.prec = 0;
          f.precPresent = false;
        }
        if (!f.precPresent) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        [f.prec, f.precPresent, i] = parsenum(format, i, end);
        if (!f.precPresent) {
          f.prec = 0;
          f.precPresent = true;
        }
      }
    }

    if (!afterIndex) [argNum, i, afterIndex] = argNumber(st, format, a.length, argNum, i);

    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }

    // The verb: one rune (an escaped invalid byte is Go's U+FFFD of width 1).
    let verb: string;
    const cu = format.charCodeAt(i);
    if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < end) {
      const cu2 = format.charCodeAt(i + 1);
      if (cu2 >= 0xdc00 && cu2 <= 0xdfff) {
        verb = format.slice(i, i + 2);
        i += 2;
      } else {
        verb = '\ufffd';
        i++;
      }
    } else if (cu >= 0xd800 && cu <= 0xdfff) {
      verb = '\ufffd';
      i++;
    } else {
      verb = format[i];
      i++;
    }

    if (verb === '%') {
      p.buf += '%';
    } else if (!st.goodArgNum) {
      p.buf += '%!' + verb + '(BADINDEX)';
    } else if (argNum >= a.length) {
      p.buf += '%!' + verb + '(MISSING)';
    } else {
      if (verb === 'v' || verb === 'w') {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      p.printArg(a[argNum], verb);
      argNum++;
    }
  }

  if (!st.reordered && argNum < a.length) {
    clearFlags(f);
    p.buf += '%!(EXTRA ';
    for (let k = argNum; k < a.length; k++) {
      if (k > argNum) p.buf += ', ';
      const arg = a[k];
      if (arg === null) p.buf += '<nil>';
      else {
        p.buf += goTypeName(arg) + '=';
        p.printArg(arg, 'v');
      }
    }
    p.buf += ')';
  }
  return normalizeByteString(p.buf);
}
