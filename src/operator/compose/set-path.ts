/**
 * Parsing one `--set PATH=VALUE` flag (istioctl's path syntax, facts §2.4):
 * - `a.b.c`, with an optional leading `spec.`; `\.` is a dot inside a key
 *   (`injectedAnnotations.container\.apparmor\.security\.beta\.kubernetes\.io/istio-proxy`);
 * - list selectors, written after a key (`a[0]`) or as their own element (`a.[0]`):
 *   `[N]` an index (`[-1]`, or N equal to the length, appends), `[key:value]` the map entry
 *   whose `key` is `value`, `[value]` or `[:value]` the scalar entry equal to `value`;
 * - the flag splits at the first `=` outside brackets; `\` escapes `.`, `[`, `]`, `:`, `=` and
 *   `\` itself in the path.
 * Positions: an issue's source is `{ file: '--set', line: <1-based number of the flag among the
 * --set flags>, column: <1-based column in the flag's text> }`.
 */
import type { Issue, SourcePosition } from '../issues.js';

export type SetSegment =
  | { readonly kind: 'key'; readonly key: string; readonly column: number }
  | { readonly kind: 'index'; readonly index: number; readonly column: number }
  | { readonly kind: 'match'; readonly key: string; readonly value: string; readonly column: number }
  | { readonly kind: 'value'; readonly value: string; readonly column: number };

export interface SetFlag {
  /** The flag as given. */
  readonly text: string;
  /** 1-based number of the flag among the --set flags. */
  readonly line: number;
  /** Path below `spec` (a leading `spec.` removed). */
  readonly path: readonly SetSegment[];
  readonly value: string;
  /** 1-based column of the value's first character. */
  readonly valueColumn: number;
}

export const SET_FILE = '--set';

export function setPosition(line: number, column: number): SourcePosition {
  return { file: SET_FILE, line, column };
}

const ESCAPABLE = new Set(['.', '[', ']', ':', '=', '\\']);

export function parseSetFlag(text: string, line: number): { ok: true; flag: SetFlag } | { ok: false; issue: Issue } {
  const bad = (column: number, message: string, suggestion?: string): { ok: false; issue: Issue } => ({
    ok: false,
    issue: {
      severity: 'error',
      code: 'invalid-set-flag',
      path: '',
      message: `--set ${JSON.stringify(text)}: ${message}`,
      source: setPosition(line, column),
      ...(suggestion ? { suggestion } : {}),
    },
  });

  // The first `=` outside brackets and not escaped ends the path.
  let eq = -1;
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === ']' && depth > 0) depth--;
    else if (c === '=' && depth === 0) {
      eq = i;
      break;
    }
  }
  if (eq < 0 && depth > 0) return bad(open + 1, 'the selector "[" is not closed by "]"');
  if (eq < 0) return bad(text.length + 1, 'expected PATH=VALUE, there is no "="', 'write it as --set path.to.field=value');
  if (eq === 0) return bad(1, 'the path before "=" is empty');

  const parsed = parsePathText(text, eq);
  if (!parsed.ok) return bad(parsed.column, parsed.message);
  const segs = parsed.path;
  const first = segs[0];
  if (first && first.kind === 'key' && first.key === 'spec' && segs.length > 1) segs.shift();
  if (segs[0]?.kind !== 'key') return bad(1, 'the path must start with a field name, not a list selector');
  return { ok: true, flag: { text, line, path: segs, value: text.slice(eq + 1), valueColumn: eq + 2 } };
}

export type PathParseResult = { readonly ok: true; readonly path: SetSegment[] } | { readonly ok: false; readonly column: number; readonly message: string };

/**
 * A path alone in the --set syntax (no `=VALUE`, no `spec.` stripping), as `k8s.overlays` patches
 * write it (`spec.template.spec.containers.[name:discovery].args.[30m]`). Errors carry the
 * 1-based column in `text`.
 */
export function parseSetPath(text: string): PathParseResult {
  if (text === '') return pathError(1, 'the path is empty');
  const parsed = parsePathText(text, text.length);
  if (!parsed.ok) return parsed;
  if (parsed.path[0]?.kind !== 'key') return pathError(1, 'the path must start with a field name, not a list selector');
  return parsed;
}

function pathError(column: number, message: string): { ok: false; column: number; message: string } {
  return { ok: false, column, message };
}

/** Parses `text[0, end)` as path elements (the shared core of parseSetFlag and parseSetPath). */
function parsePathText(text: string, end: number): PathParseResult {
  const segs: SetSegment[] = [];
  let i = 0;
  let elementStart = true;
  while (i < end) {
    const c = text[i] as string;
    if (c === '.') {
      if (elementStart) return pathError(i + 1, 'empty path element (two dots in a row, or a dot at the start)');
      elementStart = true;
      i++;
      continue;
    }
    if (!elementStart && c !== '[') return pathError(i + 1, `unexpected ${JSON.stringify(c)} after "]"; separate path elements with "."`);
    if (c === '[') {
      const col = i + 1;
      let content = '';
      const raw: { ch: string; escaped: boolean }[] = [];
      i++;
      let closed = false;
      while (i < end) {
        const d = text[i] as string;
        if (d === '\\' && i + 1 < end && ESCAPABLE.has(text[i + 1] as string)) {
          raw.push({ ch: text[i + 1] as string, escaped: true });
          i += 2;
          continue;
        }
        if (d === ']') {
          closed = true;
          i++;
          break;
        }
        if (d === '[') return pathError(i + 1, 'a "[" inside a selector must be escaped as "\\["');
        raw.push({ ch: d, escaped: false });
        i++;
      }
      if (!closed) return pathError(col, 'the selector "[" is not closed by "]"');
      content = raw.map((r) => r.ch).join('');
      const seg = selector(raw, content, col);
      if ('error' in seg) return pathError(col, seg.error);
      segs.push(seg);
      elementStart = false;
      continue;
    }
    // A key: up to an unescaped `.` or `[`.
    const col = i + 1;
    let key = '';
    while (i < end) {
      const d = text[i] as string;
      if (d === '\\' && i + 1 < end && ESCAPABLE.has(text[i + 1] as string)) {
        key += text[i + 1];
        i += 2;
        continue;
      }
      if (d === '.' || d === '[') break;
      if (d === ']') return pathError(i + 1, 'a "]" without "["');
      key += d;
      i++;
    }
    segs.push({ kind: 'key', key, column: col });
    elementStart = false;
  }
  if (elementStart) return pathError(end, 'the path ends with "."');
  return { ok: true, path: segs };
}

function selector(raw: readonly { ch: string; escaped: boolean }[], content: string, column: number): SetSegment | { error: string } {
  if (content === '') return { error: 'empty selector "[]"; use [N], [key:value] or [value]' };
  if (/^[-+]?\d+$/.test(content) && !raw.some((r) => r.escaped)) {
    const n = Number(content);
    if (!Number.isSafeInteger(n) || n < -1) return { error: `list index ${content} is not valid; use 0, 1, ... or -1 to append` };
    return { kind: 'index', index: n, column };
  }
  const colon = raw.findIndex((r) => r.ch === ':' && !r.escaped);
  if (colon < 0) return { kind: 'value', value: content, column };
  const key = raw.slice(0, colon).map((r) => r.ch).join('');
  const value = raw.slice(colon + 1).map((r) => r.ch).join('');
  if (key === '') return { kind: 'value', value, column };
  return { kind: 'match', key, value, column };
}

/** The path as istioctl writes it (`components.ingressGateways[name:x].enabled`), for messages. */
export function formatSetPath(path: readonly SetSegment[]): string {
  let out = '';
  for (const s of path) {
    if (s.kind === 'key') out += (out === '' ? '' : '.') + s.key.replace(/[.[\]\\]/g, (c) => `\\${c}`);
    else if (s.kind === 'index') out += `[${s.index}]`;
    else if (s.kind === 'match') out += `[${s.key}:${s.value}]`;
    else out += `[${s.value}]`;
  }
  return out;
}
