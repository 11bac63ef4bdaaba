/**
 * What every reader of user YAML files (IstioOperator files, workload files, injector and mesh
 * configuration, cluster snapshots) says about text that is not YAML at all or is broken YAML:
 * invalid UTF-8, binary content, the yaml package's syntax messages made short and pointed at
 * the opening character of an unclosed quote or collection, and short descriptions of values.
 * One module, so that every command words these problems the same way.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type ScalarTag, type Tags } from 'yaml';
import type { Issue, SourcePosition } from './issues.js';

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number, file: string): SourcePosition {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { file, line, column: offset - start + 1 };
}

/** Offset of the first byte that is not part of valid UTF-8 (bytes.length when all are). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Strict UTF-8 decoding (a leading BOM is dropped by the caller's YAML reader): the text, or an
 * issue with `code` at the first bad byte saying what the file must be (`expected`, e.g. "an
 * IstioOperator must be a UTF-8 YAML file").
 */
export function decodeUtf8(bytes: Uint8Array, file: string, code: string, expected: string): { text: string } | { issue: Issue } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    return {
      issue: {
        severity: 'error',
        code,
        path: '',
        message: `the file is not valid UTF-8 text (bad byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad}); ${expected}`,
        source: positionAt(prefix, prefix.length, file),
      },
    };
  }
}

/** A file with a NUL byte or a control character is binary, not YAML: an issue with `code` naming it, or undefined. */
export function binaryProblem(text: string, file: string, code: string, expected: string): Issue | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffe || c === 0xffff) {
      const what = c === 0 ? 'a NUL byte' : `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
      return { severity: 'error', code, path: '', message: `the file looks binary: it contains ${what}; ${expected}`, source: positionAt(text, i, file) };
    }
  }
  return undefined;
}

/** The yaml package's message on one line, without its own position suffix and excerpt. */
export function shortYamlMessage(message: string): string {
  return message
    .replace(/ at line \d+, column \d+:[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Where an unclosed quote or flow collection starts: the yaml package reports these where it
 * gives up (often the end of the file); the user needs the opening character.
 */
export function openingOf(text: string, code: string, message: string, at: number): number | undefined {
  if (code === 'MISSING_CHAR' && /closing "quote/.test(message)) return lastBefore(text, '"', at);
  if (code === 'MISSING_CHAR' && /closing 'quote/.test(message)) return lastBefore(text, "'", at);
  const flow = /^Flow (sequence|map)/.exec(message);
  if (!flow) return undefined;
  const [open, close] = flow[1] === 'sequence' ? ['[', ']'] : ['{', '}'];
  let depth = 0;
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === close) depth++;
    else if (c === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

function lastBefore(text: string, ch: string, at: number): number | undefined {
  const i = text.lastIndexOf(ch, Math.min(at, text.length) - 1);
  return i >= 0 ? i : undefined;
}

/** One YAML syntax error as the text users read: short message, at the opening character when there is one. */
export function yamlSyntaxMessage(text: string, code: string, message: string, at: number): { message: string; at: number } {
  const opened = openingOf(text, code, message, at);
  return { message: `invalid YAML: ${shortYamlMessage(message)}${opened !== undefined ? ' (it is opened here and never closed)' : ''}`, at: opened ?? at };
}

/** A YAML node that is not a mapping, described for "the document is ...; expected a mapping". */
export function describeNode(node: Node, doc: Document.Parsed): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    return `the ${typeof v === 'string' ? 'string' : typeof v} ${JSON.stringify(String(v)).slice(0, 60)}`;
  }
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target ? describeNode(target, doc) : 'an alias';
  }
  return 'not a mapping';
}

/** A plain value, described for "expected X, got ...". */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * The yaml package's YAML 1.1 tags as Go's yaml.v2 (sigs.k8s.io/yaml, kubectl) resolves plain
 * scalars: without timestamps (they stay strings), without base-60 numbers (`1:20` stays a
 * string), and with floats that hold at least one digit before any exponent: the yaml package's
 * 1.1 float patterns make every part optional, so `.`, `e5` or a key `e0:` became NaN, where
 * yaml.v2 keeps them as strings. Pass as `customTags`.
 */
export function goYamlTags(tags: Tags): Tags {
  return tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && !('format' in t && t.format === 'TIME'))).map((t) => (typeof t === 'string' ? t : withDigit(t)));
}

/** A float tag whose pattern also requires a digit right after the sign and an optional point. */
function withDigit(t: Exclude<Tags[number], string>): Exclude<Tags[number], string> {
  if (t.tag !== 'tag:yaml.org,2002:float' || !('test' in t) || !(t.test instanceof RegExp)) return t;
  const src = t.test.source;
  if (!src.startsWith('^') || /inf|nan/i.test(src)) return t; // .inf and .nan are spelled out
  const scalar: ScalarTag = { ...(t as ScalarTag), test: new RegExp(`^(?=[-+]?\\.?[0-9])${src.slice(1)}`, t.test.flags) };
  return scalar;
}

/**
 * The node at `path` in a parsed document (or the deepest existing one on the way, aliases
 * followed), and the key node of the last mapping entry found on the way unless a list item
 * came after it: where an issue about that path is shown.
 */
export function locateNode(doc: Document.Parsed, path: readonly (string | number)[]): { node?: Node; key?: Node } {
  let node = doc.contents as Node | null | undefined;
  let key: Node | undefined;
  for (const s of path) {
    if (node && isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(s));
      if (!pair) break;
      key = pair.key as Node;
      if (!pair.value) break;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof s === 'number') {
      const item = node.items[s];
      if (!item) break;
      node = item as Node;
      key = undefined;
    } else break;
  }
  return { ...(node ? { node } : {}), ...(key ? { key } : {}) };
}
