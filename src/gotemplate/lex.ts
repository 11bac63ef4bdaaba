/**
 * The template lexer: text/template/parse's state machine, item for item, with the same
 * positions, line numbers and error texts. Items are produced on demand (`nextItem`).
 */
import { runeCount } from './bytes.js';
import { quote } from './strconv.js';

export enum ItemType {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords (all after Keyword).
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

const KEYWORDS = new Map<string, ItemType>([
  ['.', ItemType.Dot],
  ['block', ItemType.Block],
  ['break', ItemType.Break],
  ['continue', ItemType.Continue],
  ['define', ItemType.Define],
  ['else', ItemType.Else],
  ['end', ItemType.End],
  ['if', ItemType.If],
  ['range', ItemType.Range],
  ['nil', ItemType.Nil],
  ['template', ItemType.Template],
  ['with', ItemType.With],
]);

export interface Item {
  readonly typ: ItemType;
  /** UTF-16 offset in the input. */
  readonly pos: number;
  readonly val: string;
  /** 1-based line number at the start of the item (as Go counts it). */
  readonly line: number;
}

/** Go's `item.String()`, used in parse errors. */
export function itemString(i: Item): string {
  if (i.typ === ItemType.EOF) return 'EOF';
  if (i.typ === ItemType.Error) return i.val;
  if (i.typ > ItemType.Keyword) return '<' + i.val + '>';
  if (runeCount(i.val) > 10) return quote(firstRunes(i.val, 10)) + '...';
  return quote(i.val);
}

function firstRunes(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i++;
    if (c >= 0xd800 && c <= 0xdbff && i < s.length) {
      const d = s.charCodeAt(i);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return s.slice(0, i);
}

/** Go's `%#U`: `U+003D '='` (the quoted form only for printable runes). */
export function formatUnicode(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  if (isPrintRune(r)) return 'U+' + hex + " '" + String.fromCodePoint(r) + "'";
  return 'U+' + hex;
}

const PRINT_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
function isPrintRune(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r >= 0xd800 && r <= 0xdfff) return false;
  return PRINT_RE.test(String.fromCodePoint(r));
}

const EOF = -1;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const NL = 0x0a;
const DASH = 0x2d;

function isSpace(r: number): boolean {
  return r === SPACE || r === TAB || r === CR || r === NL;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
function isAlphaNumeric(r: number): boolean {
  if (r < 0x80) return r === 0x5f || (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a);
  if (r === EOF || (r >= 0xd800 && r <= 0xdfff)) return false;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

type StateFn = ((l: Lexer) => StateFn) | null;

export interface LexOptions {
  /** `break` is a keyword (true unless a function named break exists). */
  breakOK: boolean;
  continueOK: boolean;
  /** Go 1.25 counts the newlines inside comments; Go 1.23 does not (later lines are off). */
  countCommentLines: boolean;
}

/** The lexer of one parse. */
export class Lexer {
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private insideAction = false;
  private item: Item | null = null;

  constructor(
    private input: string,
    private readonly options: LexOptions,
  ) {}

  /** The line the lexer is on (for errors raised outside the grammar). */
  currentLine(): number {
    return this.startLine;
  }

  nextItem(): Item {
    this.item = null;
    const pos = this.pos;
    const line = this.startLine;
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(this);
    return this.item ?? { typ: ItemType.EOF, pos, val: 'EOF', line };
  }

  // --- primitives (public to the state functions below) ---

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) as number;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === NL) this.line++;
    return r;
  }

  peek(): number {
    if (this.pos >= this.input.length) return EOF;
    return this.input.codePointAt(this.pos) as number;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      let w = 1;
      const c = this.input.charCodeAt(this.pos - 1);
      if (c >= 0xdc00 && c <= 0xdfff && this.pos >= 2) {
        const h = this.input.charCodeAt(this.pos - 2);
        if (h >= 0xd800 && h <= 0xdbff) w = 2;
      }
      this.pos -= w;
      if (c === NL) this.line--;
    }
  }

  private thisItem(t: ItemType): Item {
    const i: Item = { typ: t, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  emit(t: ItemType): StateFn {
    this.item = this.thisItem(t);
    return null;
  }

  emitItem(i: Item): StateFn {
    this.item = i;
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.indexOf(String.fromCodePoint(r)) >= 0) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || valid.indexOf(String.fromCodePoint(r)) < 0) break;
    }
    this.backup();
  }

  errorf(msg: string): StateFn {
    this.item = { typ: ItemType.Error, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  // --- state functions ---

  lexText(): StateFn {
    const input = this.input;
    const x = input.indexOf('{{', this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trimLength = 0;
        const delimEnd = x + 2;
        if (hasLeftTrimMarker(input, delimEnd)) trimLength = rightTrimLength(input, this.start, this.pos);
        this.pos -= trimLength;
        this.line += countNewlines(input, this.start, this.pos);
        const i = this.thisItem(ItemType.Text);
        this.pos += trimLength;
        this.ignore();
        if (i.val.length > 0) return this.emitItem(i);
      }
      return lexLeftDelim;
    }
    this.pos = input.length;
    if (this.pos > this.start) {
      this.line += countNewlines(input, this.start, this.pos);
      return this.emit(ItemType.Text);
    }
    return this.emit(ItemType.EOF);
  }

  lexLeftDelim(): StateFn {
    this.pos += 2;
    const trimSpace = hasLeftTrimMarker(this.input, this.pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return lexComment;
    }
    const i = this.thisItem(ItemType.LeftDelim);
    this.insideAction = true;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return this.emitItem(i);
  }

  lexComment(): StateFn {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + 2;
    const delim = this.atRightDelim();
    if (delim === 0) return this.errorf('comment ends before closing delimiter');
    const trimSpace = delim === 2;
    // Go 1.23 does not count the newlines inside a comment (thisItem without next()).
    if (this.options.countCommentLines) this.line += countNewlines(this.input, this.start, this.pos);
    const i = this.thisItem(ItemType.Comment);
    if (trimSpace) this.pos += 2;
    this.pos += 2;
    if (trimSpace) this.pos += leftTrimLength(this.input, this.pos);
    this.ignore();
    void i;
    return lexText;
  }

  lexRightDelim(): StateFn {
    const trimSpace = this.atRightDelim() === 2;
    if (trimSpace) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += 2;
    const i = this.thisItem(ItemType.RightDelim);
    if (trimSpace) {
      this.pos += leftTrimLength(this.input, this.pos);
      this.ignore();
    }
    this.insideAction = false;
    return this.emitItem(i);
  }

  /** 0: not at a right delimiter; 1: at `}}`; 2: at a trim-marked ` -}}`. */
  atRightDelim(): number {
    const input = this.input;
    const p = this.pos;
    const c = input.charCodeAt(p);
    if (c === 0x7d) return input.charCodeAt(p + 1) === 0x7d ? 1 : 0;
    if (isSpace(c) && input.charCodeAt(p + 1) === DASH && input.charCodeAt(p + 2) === 0x7d && input.charCodeAt(p + 3) === 0x7d) return 2;
    return 0;
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith('}}', this.pos);
  }

  lexInsideAction(): StateFn {
    if (this.atRightDelim() !== 0) {
      if (this.parenDepth === 0) return lexRightDelim;
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup();
      return lexSpace;
    }
    switch (r) {
      case 0x3d: // =
        return this.emit(ItemType.Assign);
      case 0x3a: // :
        if (this.next() !== 0x3d) return this.errorf('expected :=');
        return this.emit(ItemType.Declare);
      case 0x7c: // |
        return this.emit(ItemType.Pipe);
      case 0x22: // "
        return lexQuote;
      case 0x60: // `
        return lexRawQuote;
      case 0x24: // $
        return lexVariable;
      case 0x27: // '
        return lexChar;
      case 0x2e: {
        // .
        if (this.pos < this.input.length) {
          const c = this.input.charCodeAt(this.pos);
          if (c < 0x30 || c > 0x39) return lexField;
        }
        this.backup();
        return lexNumber;
      }
      case 0x28: // (
        this.parenDepth++;
        return this.emit(ItemType.LeftParen);
      case 0x29: // )
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        return this.emit(ItemType.RightParen);
    }
    if (r === 0x2b || r === DASH || (r >= 0x30 && r <= 0x39)) {
      this.backup();
      return lexNumber;
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return lexIdentifier;
    }
    if (r < 0x80 && r >= 0x20 && r < 0x7f) return this.emit(ItemType.Char);
    // An invalid UTF-8 byte (held as U+DC80..U+DCFF) decodes as U+FFFD in Go.
    return this.errorf('unrecognized character in action: ' + formatUnicode(r >= 0xdc80 && r <= 0xdcff ? 0xfffd : r));
  }

  lexSpace(): StateFn {
    let numSpaces = 0;
    for (;;) {
      const r = this.peek();
      if (!isSpace(r)) break;
      this.next();
      numSpaces++;
    }
    // A trim-marked closing delimiter starts with a space: leave that space to it.
    const input = this.input;
    const p = this.pos - 1;
    if (isSpace(input.charCodeAt(p)) && input.charCodeAt(p + 1) === DASH && input.startsWith('}}', p + 2)) {
      this.backup();
      if (numSpaces === 1) return lexInsideAction;
    }
    return this.emit(ItemType.Space);
  }

  lexIdentifier(): StateFn {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf('bad character ' + formatUnicode(r));
      const key = KEYWORDS.get(word);
      if (key !== undefined && key > ItemType.Keyword) {
        if ((key === ItemType.Break && !this.options.breakOK) || (key === ItemType.Continue && !this.options.continueOK)) return this.emit(ItemType.Identifier);
        return this.emit(key);
      }
      if (word[0] === '.') return this.emit(ItemType.Field);
      if (word === 'true' || word === 'false') return this.emit(ItemType.Bool);
      return this.emit(ItemType.Identifier);
    }
  }

  lexFieldOrVariable(typ: ItemType.Field | ItemType.Variable): StateFn {
    if (this.atTerminator()) {
      return this.emit(typ === ItemType.Variable ? ItemType.Variable : ItemType.Dot);
    }
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf('bad character ' + formatUnicode(r));
    return this.emit(typ);
  }

  lexChar(): StateFn {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== NL) continue;
        return this.errorf('unterminated character constant');
      }
      if (r === EOF || r === NL) return this.errorf('unterminated character constant');
      if (r === 0x27) break;
    }
    return this.emit(ItemType.CharConstant);
  }

  lexNumber(): StateFn {
    if (!this.scanNumber()) return this.errorf('bad number syntax: ' + quote(this.input.slice(this.start, this.pos)));
    const sign = this.peek();
    if (sign === 0x2b || sign === DASH) {
      if (!this.scanNumber() || this.input.charCodeAt(this.pos - 1) !== 0x69) return this.errorf('bad number syntax: ' + quote(this.input.slice(this.start, this.pos)));
      return this.emit(ItemType.Complex);
    }
    return this.emit(ItemType.Number);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  lexQuote(): StateFn {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== NL) continue;
        return this.errorf('unterminated quoted string');
      }
      if (r === EOF || r === NL) return this.errorf('unterminated quoted string');
      if (r === 0x22) break;
    }
    return this.emit(ItemType.String);
  }

  lexRawQuote(): StateFn {
    for (;;) {
      const r = this.next();
      if (r === EOF) return this.errorf('unterminated raw quoted string');
      if (r === 0x60) break;
    }
    return this.emit(ItemType.RawString);
  }
}

const lexText = (l: Lexer): StateFn => l.lexText();
const lexLeftDelim = (l: Lexer): StateFn => l.lexLeftDelim();
const lexComment = (l: Lexer): StateFn => l.lexComment();
const lexRightDelim = (l: Lexer): StateFn => l.lexRightDelim();
const lexInsideAction = (l: Lexer): StateFn => l.lexInsideAction();
const lexSpace = (l: Lexer): StateFn => l.lexSpace();
const lexIdentifier = (l: Lexer): StateFn => l.lexIdentifier();
const lexField = (l: Lexer): StateFn => l.lexFieldOrVariable(ItemType.Field);
const lexVariable = (l: Lexer): StateFn => l.lexFieldOrVariable(ItemType.Variable);
const lexChar = (l: Lexer): StateFn => l.lexChar();
const lexNumber = (l: Lexer): StateFn => l.lexNumber();
const lexQuote = (l: Lexer): StateFn => l.lexQuote();
const lexRawQuote = (l: Lexer): StateFn => l.lexRawQuote();

function hasLeftTrimMarker(s: string, i: number): boolean {
  return i + 1 < s.length && s.charCodeAt(i) === DASH && isSpace(s.charCodeAt(i + 1));
}

/** Length of the trailing run of spaces in s[start:end]. */
function rightTrimLength(s: string, start: number, end: number): number {
  let i = end;
  while (i > start && isSpace(s.charCodeAt(i - 1))) i--;
  return end - i;
}

/** Length of the leading run of spaces from i. */
function leftTrimLength(s: string, i: number): number {
  let j = i;
  while (j < s.length && isSpace(s.charCodeAt(j))) j++;
  return j - i;
}

function countNewlines(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', start); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
