/**
 * go-yaml v2's syntax error messages, derived from the `yaml` package's errors.
 *
 * go-yaml reports libyaml's problem text, with a line prefix chosen this way: scanner errors
 * print the 1-based line of the problem; parser errors print the problem mark's 0-based line
 * (which reads like the previous line); a line number of 0 is left out
 * (`yaml: found unexpected end of stream`). The end of the stream counts as one line further
 * when the text does not end with a newline. The two parsers detect problems at different
 * places, so this mapping covers the common cases measured against helm, not every case.
 */
import type { YAMLError } from 'yaml';

export interface SyntaxMessage {
  /** `yaml: line N: problem` as go-yaml words it. */
  readonly message: string;
  /** 1-based line and column of the problem, for our own diagnostics. */
  readonly line: number;
  readonly column: number;
}

function lineIndexAt(text: string, pos: number): number {
  let n = 0;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The mark libyaml reports at the end of the stream (a final unterminated line counts as ended). */
function eofLineIndex(text: string): number {
  const n = lineIndexAt(text, text.length);
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

function scannerMsg(lineIndex: number, problem: string): string {
  return 'yaml: ' + (lineIndex !== 0 ? `line ${lineIndex + 1}: ` : '') + problem;
}

function parserMsg(lineIndex: number, problem: string): string {
  return 'yaml: ' + (lineIndex !== 0 ? `line ${lineIndex}: ` : '') + problem;
}

function lastSignificantBefore(text: string, pos: number): string {
  for (let i = Math.min(pos, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return c;
  }
  return '';
}

/** Finds the `:` that makes a value a nested mapping, from `pos` on (for the scanner's message). */
function nextMappingColon(text: string, pos: number): number {
  const re = /:(?=[ \t\r\n]|$)/g;
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m.index : pos;
}

/** The next token at or after `pos` (libyaml marks parser problems at a token's start). */
function nextTokenPos(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else break;
  }
  return i;
}

export function syntaxErrorMessage(e: YAMLError, text: string): SyntaxMessage {
  const pos = ['BAD_INDENT', 'MISSING_CHAR', 'UNEXPECTED_TOKEN', 'MULTILINE_IMPLICIT_KEY'].includes(e.code)
    ? nextTokenPos(text, e.pos[0])
    : e.pos[0];
  const atEof = pos >= text.length;
  const idx = atEof ? eofLineIndex(text) : lineIndexAt(text, pos);
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const line = lineIndexAt(text, pos) + 1;
  const column = pos - lineStart + 1;
  const m = (message: string): SyntaxMessage => ({ message, line, column });
  const msg = e.message;
  switch (e.code) {
    case 'MISSING_CHAR':
      if (/Sequence item without - indicator/.test(msg)) return m(parserMsg(idx, "did not find expected '-' indicator"));
      if (/quote/.test(msg)) return m(scannerMsg(lineIndexAt(text, text.length), 'found unexpected end of stream'));
      if (/Flow sequence/.test(msg) || /Flow map/.test(msg)) return m(flowProblem(text, pos, /sequence/.test(msg) ? ']' : '}'));
      if (/Implicit map keys/.test(msg)) return m(scannerMsg(eofLineIndex(text), "could not find expected ':'"));
      break;
    case 'BAD_INDENT':
      if (/Flow sequence/.test(msg) || /Flow map/.test(msg)) return m(flowProblem(text, pos, /sequence/.test(msg) ? ']' : '}'));
      return m(parserMsg(idx, inBlockSequence(text, lineStart) ? "did not find expected '-' indicator" : 'did not find expected key'));
    case 'BAD_DQ_ESCAPE':
      if (/sequence \\[xuU]/.test(msg)) return m(scannerMsg(idx, 'did not find expected hexdecimal number'));
      return m(scannerMsg(idx, 'found unknown escape character'));
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return m(scannerMsg(idx, 'found character that cannot start any token'));
    case 'BLOCK_AS_IMPLICIT_KEY':
      return m(scannerMsg(lineIndexAt(text, nextMappingColon(text, pos)), 'mapping values are not allowed in this context'));
    case 'MULTILINE_IMPLICIT_KEY':
      return m(parserMsg(idx, 'did not find expected key'));
    case 'UNEXPECTED_TOKEN':
      if (/block-seq-ind on same line/.test(msg)) return m(scannerMsg(idx, 'block sequence entries are not allowed in this context'));
      if (/at node end/.test(msg) && lastSignificantBefore(text, lineStart) !== '') {
        return m(parserMsg(idx, "did not find expected '-' indicator"));
      }
      return m(parserMsg(idx, 'did not find expected key'));
  }
  return m(parserMsg(idx, 'did not find expected node content'));
}

/** True when the line starting at `lineStart` continues a block sequence at its own indentation. */
function inBlockSequence(text: string, lineStart: number): boolean {
  const lines = text.slice(0, lineStart).split('\n');
  const cur = text.slice(lineStart).split('\n')[0];
  const indent = cur.length - cur.trimStart().length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    const ind = l.length - l.trimStart().length;
    if (ind > indent) continue;
    return ind === indent && /^-(\s|$)/.test(l.trimStart());
  }
  return false;
}

function flowProblem(text: string, pos: number, close: string): string {
  const atEof = pos >= text.length;
  const idx = atEof ? eofLineIndex(text) : lineIndexAt(text, pos);
  const prev = lastSignificantBefore(text, pos);
  if (prev === '[' || prev === ',' || prev === '{') return parserMsg(idx, 'did not find expected node content');
  return parserMsg(idx, `did not find expected ',' or '${close}'`);
}
