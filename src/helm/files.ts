/**
 * `.Files`: helm's `engine.files`, a `map[string][]byte` of the chart's non-template files with
 * the methods Get, GetBytes, Glob, Lines, AsConfig and AsSecrets (measured on helm 3.17.3).
 */
import { utf8Decode, utf8Encode } from '../gotemplate/bytes.js';
import type { GoFuncSpec, GoTypeInfo, GoValue } from '../gotemplate/value.js';
import { STRING_MAP_TYPE, STRING_SLICE_TYPE, withType } from '../gotemplate/value.js';
import { base64Encode } from '../gotemplate/base64.js';
import { toYaml } from '../yaml/index.js';

/** Chart files that are not in `.Files` (helm takes them out while loading, §2.1). */
function isSpecialFile(path: string): boolean {
  return (
    path === 'Chart.yaml' ||
    path === 'values.yaml' ||
    path === 'values.schema.json' ||
    path === 'Chart.lock' ||
    path === 'requirements.yaml' ||
    path === 'requirements.lock' ||
    path.startsWith('templates/') ||
    path.startsWith('charts/')
  );
}

/** The `.Files` of a chart: every file helm did not take out, as bytes. */
export function chartFilesValue(files: ReadonlyMap<string, string>): Map<string, GoValue> {
  const m = new Map<string, GoValue>();
  for (const [path, text] of files) if (!isSpecialFile(path)) m.set(path, utf8Encode(text));
  return filesValue(m);
}

/**
 * The `.Files` of a loaded chart: its non-template files (the loader already took out
 * Chart.yaml, values.yaml, templates/ and charts/) as bytes. The bytes are shared, not copied:
 * no template function writes into a `[]byte`.
 */
export function chartFilesFromBytes(files: Iterable<{ readonly name: string; readonly data: Uint8Array }>): Map<string, GoValue> {
  const m = new Map<string, GoValue>();
  for (const f of files) m.set(f.name, f.data);
  return filesValue(m);
}

/**
 * helm's `engine.files` (a `map[string][]byte`) with its methods Get, GetBytes, Glob, Lines,
 * AsConfig, AsSecrets. Methods receive the map itself as their first argument.
 */
function filesValue(m: Map<string, GoValue>): Map<string, GoValue> {
  return withType(m, FILES_TYPE);
}

function bytesOf(recv: GoValue, name: string): Uint8Array | undefined {
  const v = (recv as Map<string, GoValue>).get(name);
  return v instanceof Uint8Array ? v : undefined;
}

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** AsConfig / AsSecrets: toYaml of a map[string]string from base names to each file's bytes as text. */
function filesYaml(recv: GoValue, text: (b: Uint8Array) => string): string {
  const m = new Map<string, GoValue>();
  for (const [k, v] of recv as Map<string, GoValue>) m.set(baseName(k), text(v as Uint8Array));
  return toYaml(withType(m, STRING_MAP_TYPE));
}

const FILES_METHODS = new Map<string, GoFuncSpec>([
  ['Get', { name: 'Get', params: ['string'], results: ['string'], fn: (recv, name) => utf8Decode(bytesOf(recv, name as string) ?? new Uint8Array(0)) }],
  ['GetBytes', { name: 'GetBytes', params: ['string'], results: ['[]uint8'], fn: (recv, name) => bytesOf(recv, name as string) ?? new Uint8Array(0) }],
  [
    'Glob',
    {
      name: 'Glob',
      params: ['string'],
      results: ['engine.files'],
      fn: (recv, pattern) => {
        const re = globRegExp(pattern as string);
        const out = new Map<string, GoValue>();
        for (const [k, v] of recv as Map<string, GoValue>) if (re.test(k)) out.set(k, v);
        return filesValue(out);
      },
    },
  ],
  [
    'Lines',
    {
      name: 'Lines',
      params: ['string'],
      results: ['[]string'],
      fn: (recv, path) => {
        const b = bytesOf(recv, path as string);
        if (b === undefined) return withType([], STRING_SLICE_TYPE);
        // Go indexes s[len(s)-1] unguarded: an empty file panics.
        if (b.length === 0) throw new Error('runtime error: index out of range [-1]');
        let s = utf8Decode(b);
        if (s.endsWith('\n')) s = s.slice(0, -1);
        return withType(s.split('\n'), STRING_SLICE_TYPE);
      },
    },
  ],
  [
    'AsConfig',
    {
      name: 'AsConfig',
      params: [],
      results: ['string'],
      fn: (recv) => filesYaml(recv, utf8Decode),
    },
  ],
  [
    'AsSecrets',
    {
      name: 'AsSecrets',
      params: [],
      results: ['string'],
      fn: (recv) => filesYaml(recv, base64Encode),
    },
  ],
]);

const FILES_TYPE: GoTypeInfo = { name: 'engine.files', kind: 'map', elem: '[]uint8', methods: FILES_METHODS };

/**
 * A gobwas/glob pattern with `/` as separator, as a RegExp over the whole path: `*` (no `/`),
 * `**` (anything), `?`, `[abc]`, `[!a-z]`, `{a,b}`, `\x`.
 */
export function globRegExp(pattern: string): RegExp {
  let i = 0;
  const esc = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const parse = (inAlt: boolean): string => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i];
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      if (c === '\\' && i < pattern.length) out += esc(pattern[i++]);
      else if (c === '*') {
        if (pattern[i] === '*') {
          i++;
          out += '[\\s\\S]*';
        } else out += '[^/]*';
      } else if (c === '?') out += '[^/]';
      else if (c === '[') {
        const close = pattern.indexOf(']', i + 1);
        if (close < 0) {
          out += esc(c);
          continue;
        }
        let body = pattern.slice(i, close);
        i = close + 1;
        const neg = body.startsWith('!');
        if (neg) body = body.slice(1);
        out += (neg ? '[^' : '[') + body.replace(/[\\\]^]/g, '\\$&') + ']';
      } else if (c === '{') {
        const alts: string[] = [];
        for (;;) {
          alts.push(parse(true));
          if (i >= pattern.length) break;
          const sep = pattern[i++];
          if (sep === '}') break;
        }
        out += '(?:' + alts.join('|') + ')';
      } else out += esc(c);
    }
    return out;
  };
  return new RegExp('^' + parse(false) + '$', 'u');
}
