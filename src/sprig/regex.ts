/**
 * Sprig's regular-expression functions with Go `regexp` (RE2) semantics, on top of re2js.
 *
 * Error behaviour (measured on helm 3.17.3 and 4.1.4):
 * - `regexMatch` swallows a compile error and returns false.
 * - the other non-`must` forms compile with Go's `MustCompile`, so a bad pattern is a panic whose
 *   text is `regexp: Compile(<quoted pattern>): error parsing regexp: ...`.
 * - the `must` forms return Go's syntax error unchanged: `error parsing regexp: CODE: `EXPR``.
 */
import { RE2JS } from 're2js';
import { GoError } from '../gotemplate/errors.js';
import { canBackquote, quote } from '../gotemplate/strconv.js';
import { STRING_SLICE_TYPE, withType, type GoFuncSpec, type GoInt, type GoValue } from '../gotemplate/value.js';
import { nilCollection } from '../yaml/jsontree.js';

/** A compiled pattern with what Go's regexp keeps about it. */
interface Compiled {
  readonly re: RE2JS;
  /** Capture group names by index (index 0 is the whole match, always ''). */
  readonly names: readonly string[];
}

/** Go's syntax error (regexp/syntax.Error): its text is `error parsing regexp: CODE: `EXPR``. */
class SyntaxError_ {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {}
  get message(): string {
    return `error parsing regexp: ${this.code}: \`${this.expr}\``;
  }
}

const cache = new Map<string, Compiled | SyntaxError_>();

function compile(pattern: string): Compiled | SyntaxError_ {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    hit = compileUncached(pattern);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

interface Re2SyntaxException {
  readonly name: string;
  readonly error?: string;
  readonly input?: string | null;
}

function compileUncached(pattern: string): Compiled | SyntaxError_ {
  try {
    const re = RE2JS.compile(pattern);
    return { re, names: groupNames(re, null) };
  } catch (e) {
    const err = asSyntaxException(e);
    // Go accepts several groups with the same name; re2js refuses them. Rename the repeats.
    if (err.error === 'duplicate capture group name') {
      const renamed = renameDuplicateGroups(pattern);
      if (renamed) {
        try {
          const re = RE2JS.compile(renamed.pattern);
          return { re, names: groupNames(re, renamed.original) };
        } catch (e2) {
          const err2 = asSyntaxException(e2);
          return new SyntaxError_(err2.error ?? String(e2), err2.input ?? '');
        }
      }
    }
    return new SyntaxError_(err.error ?? String(e), err.input ?? '');
  }
}

function asSyntaxException(e: unknown): Re2SyntaxException {
  if (e !== null && typeof e === 'object' && 'name' in e && (e as Re2SyntaxException).name === 'RE2JSSyntaxException') {
    return e as Re2SyntaxException;
  }
  throw e;
}

function groupNames(re: RE2JS, original: Map<string, string> | null): string[] {
  const names: string[] = new Array<string>(re.groupCount() + 1).fill('');
  const named = re.namedGroups();
  for (const name of Object.keys(named)) {
    const index = named[name];
    if (index !== undefined) names[index] = original?.get(name) ?? name;
  }
  return names;
}

/**
 * Renames the second and later groups of a repeated name (`(?P<n>..)` / `(?<n>..)`) to unique
 * internal names, skipping escapes, `\Q...\E` and character classes. Returns the map from the
 * internal names back to the Go names.
 */
function renameDuplicateGroups(pattern: string): { pattern: string; original: Map<string, string> } | null {
  const seen = new Set<string>();
  const original = new Map<string, string>();
  let out = '';
  let i = 0;
  let counter = 0;
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop;
        continue;
      }
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      // A ']' right after '[' or '[^' is a literal member.
      if (pattern[i] === '^') out += pattern[i++];
      if (pattern[i] === ']') out += pattern[i++];
      continue;
    }
    const m = c === '(' ? /^\(\?P?<([A-Za-z0-9_]+)>/.exec(pattern.slice(i, i + 300)) : null;
    if (m) {
      const name = m[1] ?? '';
      let use = name;
      if (seen.has(name)) {
        do use = `zzdup${counter++}_${name}`;
        while (pattern.includes(use));
        original.set(use, name);
      }
      seen.add(name);
      out += m[0].replace(name, use);
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return original.size > 0 ? { pattern: out, original } : null;
}

/** The pattern as Go's `regexp.MustCompile` panics about it. */
function mustCompile(pattern: string): Compiled {
  const c = compile(pattern);
  if (c instanceof SyntaxError_) {
    // A Go panic (not a returned error): thrown as a plain Error.
    throw new Error(`regexp: Compile(${quoteForCompile(pattern)}): ${c.message}`);
  }
  return c;
}

/** Go's `regexp.Compile`: the syntax error is returned as it is. */
function compileOrError(pattern: string): Compiled {
  const c = compile(pattern);
  if (c instanceof SyntaxError_) throw new GoError(c.message);
  return c;
}

/** regexp's `quote`: backquoted when strconv.CanBackquote allows it, else strconv.Quote. */
function quoteForCompile(s: string): string {
  return canBackquote(s) ? '`' + s + '`' : quote(s);
}

/** Go's FindAllStringSubmatchIndex with n (n < 0: all). */
function findAllIndex(c: Compiled, s: string, n: number): number[][] {
  if (n === 0) return [];
  const found = c.re.re2().findAllSubmatchIndex(s, n < 0 ? -1 : n) as number[][] | null;
  return found ?? [];
}

/** Go's (*Regexp).Expand of a `$name` / `${name}` template for one match. */
function expand(template: string, src: string, match: readonly number[], names: readonly string[]): string {
  let out = '';
  let rest = template;
  while (rest.length > 0) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar);
    if (rest.length > 1 && rest[1] === '$') {
      out += '$';
      rest = rest.slice(2);
      continue;
    }
    const ref = extractRef(rest);
    if (!ref) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    rest = ref.rest;
    if (ref.num >= 0) {
      const start = match[2 * ref.num];
      const end = match[2 * ref.num + 1];
      if (2 * ref.num + 1 < match.length && start !== undefined && end !== undefined && start >= 0) {
        out += src.slice(start, end);
      }
    } else {
      for (let i = 0; i < names.length; i++) {
        const start = match[2 * i];
        const end = match[2 * i + 1];
        if (names[i] === ref.name && start !== undefined && end !== undefined && start >= 0) {
          out += src.slice(start, end);
          break;
        }
      }
    }
  }
  return out + rest;
}

/** Parses `$name` or `${name}` at the start of s (s[0] is '$'); num is -1 for a non-numeric name. */
function extractRef(s: string): { name: string; num: number; rest: string } | null {
  if (s.length < 2) return null;
  let i = 1;
  const brace = s[1] === '{';
  if (brace) i++;
  const startName = i;
  while (i < s.length && /[A-Za-z0-9_]/.test(s[i] ?? '')) i++;
  if (i === startName) return null;
  const name = s.slice(startName, i);
  if (brace) {
    if (s[i] !== '}') return null;
    i++;
  }
  let num = 0;
  for (const ch of name) {
    if (ch < '0' || ch > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (ch.charCodeAt(0) - 48);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: s.slice(i) };
}

/** Go's ReplaceAllString (expand = true) and ReplaceAllLiteralString (expand = false). */
function replaceAll(c: Compiled, s: string, repl: string, withExpansion: boolean): string {
  const matches = findAllIndex(c, s, -1);
  let out = '';
  let last = 0;
  for (const m of matches) {
    const start = m[0] ?? 0;
    const end = m[1] ?? 0;
    out += s.slice(last, start);
    out += withExpansion ? expand(repl, s, m, c.names) : repl;
    last = end;
  }
  return out + s.slice(last);
}

/** Go's FindAllString: a nil slice (JSON null) when nothing matches or n is 0. */
function findAll(c: Compiled, s: string, n: number): GoValue[] {
  const found = withType(
    findAllIndex(c, s, n).map((m) => s.slice(m[0], m[1])),
    STRING_SLICE_TYPE,
  );
  return found.length === 0 ? nilCollection(found) : found;
}

/** Go's (*Regexp).Split. */
function split(c: Compiled, s: string, n: number): GoValue[] {
  const parts: string[] = [];
  if (n === 0) return nilCollection(withType(parts, STRING_SLICE_TYPE));
  if (c.re.pattern().length > 0 && s.length === 0) return withType([''], STRING_SLICE_TYPE);
  const matches = findAllIndex(c, s, n);
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && parts.length === n - 1) break;
    end = m[0] ?? 0;
    if ((m[1] ?? 0) !== 0) parts.push(s.slice(beg, end));
    beg = m[1] ?? 0;
  }
  if (end !== s.length) parts.push(s.slice(beg));
  return withType(parts, STRING_SLICE_TYPE);
}

function find(c: Compiled, s: string): string {
  const m = findAllIndex(c, s, 1)[0];
  return m ? s.slice(m[0], m[1]) : '';
}

function matchString(c: Compiled, s: string): boolean {
  return c.re.re2().match(s);
}

/** Go's regexp.QuoteMeta. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (m) => '\\' + m);
}

const str = (v: GoValue): string => v as string;
const num = (v: GoValue): number => Number((v as GoInt).value);

export const regexFuncs: readonly GoFuncSpec[] = [
  {
    name: 'regexMatch',
    params: ['string', 'string'],
    results: ['bool'],
    fn: (re, s) => {
      const c = compile(str(re));
      return c instanceof SyntaxError_ ? false : matchString(c, str(s));
    },
  },
  {
    name: 'mustRegexMatch',
    params: ['string', 'string'],
    results: ['bool'],
    returnsError: true,
    fn: (re, s) => matchString(compileOrError(str(re)), str(s)),
  },
  {
    name: 'regexFindAll',
    params: ['string', 'string', 'int'],
    results: ['[]string'],
    fn: (re, s, n) => findAll(mustCompile(str(re)), str(s), num(n)),
  },
  {
    name: 'mustRegexFindAll',
    params: ['string', 'string', 'int'],
    results: ['[]string'],
    returnsError: true,
    fn: (re, s, n) => findAll(compileOrError(str(re)), str(s), num(n)),
  },
  {
    name: 'regexFind',
    params: ['string', 'string'],
    results: ['string'],
    fn: (re, s) => find(mustCompile(str(re)), str(s)),
  },
  {
    name: 'mustRegexFind',
    params: ['string', 'string'],
    results: ['string'],
    returnsError: true,
    fn: (re, s) => find(compileOrError(str(re)), str(s)),
  },
  {
    name: 'regexReplaceAll',
    params: ['string', 'string', 'string'],
    results: ['string'],
    fn: (re, s, repl) => replaceAll(mustCompile(str(re)), str(s), str(repl), true),
  },
  {
    name: 'mustRegexReplaceAll',
    params: ['string', 'string', 'string'],
    results: ['string'],
    returnsError: true,
    fn: (re, s, repl) => replaceAll(compileOrError(str(re)), str(s), str(repl), true),
  },
  {
    name: 'regexReplaceAllLiteral',
    params: ['string', 'string', 'string'],
    results: ['string'],
    fn: (re, s, repl) => replaceAll(mustCompile(str(re)), str(s), str(repl), false),
  },
  {
    name: 'mustRegexReplaceAllLiteral',
    params: ['string', 'string', 'string'],
    results: ['string'],
    returnsError: true,
    fn: (re, s, repl) => replaceAll(compileOrError(str(re)), str(s), str(repl), false),
  },
  {
    name: 'regexSplit',
    params: ['string', 'string', 'int'],
    results: ['[]string'],
    fn: (re, s, n) => split(mustCompile(str(re)), str(s), num(n)),
  },
  {
    name: 'mustRegexSplit',
    params: ['string', 'string', 'int'],
    results: ['[]string'],
    returnsError: true,
    fn: (re, s, n) => split(compileOrError(str(re)), str(s), num(n)),
  },
  {
    name: 'regexQuoteMeta',
    params: ['string'],
    results: ['string'],
    fn: (s) => quoteMeta(str(s)),
  },
];
