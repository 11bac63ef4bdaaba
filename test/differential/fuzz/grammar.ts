// Grammar-based generator of random Go templates over a random values tree. Mostly well typed
// (functions get arguments of the Go types they accept), with a small share of deliberately wrong
// arguments and error forms so the error paths are compared too. Only deterministic functions.
import type { Branch, Define, Expr, Node, Stage, Template, Trim } from './ast.js';
import { goQuote } from './ast.js';
import type { Rng } from './random.js';
import type { Shape } from './values.js';
import { FIELD_KEYS, TRICKY_STRINGS } from './values.js';

/** The types the generator reasons about. `float` = float64 (values numbers), `int` = Go int. */
export type Ty = 'str' | 'int' | 'float' | 'bool' | 'list' | 'map' | 'any';

export interface GenOptions {
  /** Probability that an argument is deliberately of a wrong type (default 0.002). */
  readonly wrongArg?: number;
  /** Probability that a statement is a deliberate error form (default 0.003). */
  readonly errorStmt?: number;
  /** Prefix of define names (must be unique per template within a batch). */
  readonly definePrefix: string;
}

interface Scope {
  readonly vars: Map<string, Shape>;
}

interface Ctx {
  readonly rng: Rng;
  readonly opts: Required<GenOptions>;
  readonly root: Shape;
  dot: Shape | 'root';
  scopes: Scope[];
  inRange: boolean;
  defines: string[];
  varCount: number;
  budget: number;
}

const ANY: Shape = { t: 'any' };
const STR: Shape = { t: 'str', v: '' };
const FLOAT: Shape = { t: 'float', v: 1 };
const BOOL: Shape = { t: 'bool' };
const LIST: Shape = { t: 'list', items: [] };
const MAP: Shape = { t: 'map', entries: new Map() };

function shapeTy(s: Shape): Ty {
  switch (s.t) {
    case 'str':
      return 'str';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'list':
      return 'list';
    case 'map':
      return 'map';
    default:
      return 'any';
  }
}

function tyShape(t: Ty): Shape {
  switch (t) {
    case 'str':
      return STR;
    case 'float':
      return FLOAT;
    case 'bool':
      return BOOL;
    case 'list':
      return LIST;
    case 'map':
      return MAP;
    default:
      return ANY;
  }
}

const lit = (text: string): Expr => ({ k: 'lit', text });
const call = (fn: string, ...args: Expr[]): Expr => ({ k: 'call', fn, args });

// ---------------------------------------------------------------- literals

const SHORT_STRINGS = ['', 'a', 'x', 'abc', 'foo-bar', 'Hello', ' sp ', 'é', ',', '-', 'a.b', 'k', 'name', '0', '1', 'true', 'a\nb', '日本', '%s', '<>&'];
const REGEXES = ['[a-z]+', '^a', '\\d+', '(x|y)', '.*', 'é', '[A-Z]', 'b$', '\\s', 'a*'];

function strLit(c: Ctx): Expr {
  const s = c.rng.chance(0.7) ? c.rng.pick(SHORT_STRINGS) : c.rng.pick(TRICKY_STRINGS);
  if (c.rng.chance(0.08) && !s.includes('`')) return lit('`' + s + '`');
  return lit(goQuote(s));
}

function intLit(c: Ctx, lo = -3, hi = 12): Expr {
  const r = c.rng.next();
  if (r < 0.8) return lit(String(c.rng.int(lo, hi)));
  if (r < 0.85) return lit("'" + c.rng.pick(['a', 'z', '0', 'é']) + "'");
  if (r < 0.9) return lit(c.rng.pick(['0x10', '0o7', '0b11', '1_000']));
  return lit(c.rng.pick(['1000000', '9007199254740993', '-1', '65536']));
}

function floatLit(c: Ctx): Expr {
  return lit(c.rng.pick(['1.5', '0.5', '2.0', '1e3', '1e6', '-0.25', '3.14159', '1e21', '9007199254740993.0', '0.1']));
}

// ---------------------------------------------------------------- values paths

/** All paths below `s` (up to a small depth), with their shapes. */
function paths(s: Shape, depth: number, prefix: readonly string[], out: [readonly string[], Shape][]): void {
  out.push([prefix, s]);
  if (depth <= 0 || s.t !== 'map') return;
  for (const [k, v] of s.entries) paths(v, depth - 1, [...prefix, k], out);
}

const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** Expression reading `path` below base expression `base` (fields where possible, index otherwise). */
function access(base: string, path: readonly string[]): Expr {
  const firstBad = path.findIndex((p) => !IDENT.test(p));
  if (firstBad < 0) return { k: 'field', base, path };
  const head: Expr = { k: 'field', base, path: path.slice(0, firstBad) };
  return call('index', head, ...path.slice(firstBad).map((p) => lit(goQuote(p))));
}

/** Candidate value sources in scope: [expr, shape]. */
function sources(c: Ctx): [Expr, Shape][] {
  const out: [Expr, Shape][] = [];
  const p: [readonly string[], Shape][] = [];
  paths(c.root, 3, [], p);
  const valuesBase = c.dot === 'root' ? '.' : '$';
  for (const [path, s] of p) {
    if (path.length === 0) continue;
    out.push([access(valuesBase, ['Values', ...path]), s]);
  }
  if (c.dot !== 'root') {
    const dp: [readonly string[], Shape][] = [];
    paths(c.dot, 2, [], dp);
    for (const [path, s] of dp) out.push([path.length === 0 ? { k: 'field', base: '.', path: [] } : access('.', path), s]);
  }
  for (const sc of c.scopes) {
    for (const [name, s] of sc.vars) {
      const vp: [readonly string[], Shape][] = [];
      paths(s, 2, [], vp);
      for (const [path, s2] of vp) out.push([path.length === 0 ? { k: 'field', base: name, path: [] } : access(name, path), s2]);
    }
  }
  return out;
}

function sourceOf(c: Ctx, want: Ty): Expr | undefined {
  const all = sources(c).filter(([, s]) => want === 'any' || shapeTy(s) === want);
  if (all.length === 0) return undefined;
  return c.rng.pick(all)[0];
}

// ---------------------------------------------------------------- functions

type Arg = Ty | 'root' | 'keysof' | 'valuesof' | 'semver' | 'constraint' | 'freshmap' | 'substart' | 'subend' | 'smallint' | 'posint' | 'regex' | 'b64' | 'key' | 'fmt' | 'yamltext' | 'jsontext' | 'tpltext' | 'kind' | 'define';

interface Fn {
  readonly name: string;
  readonly args: readonly Arg[];
  /** Extra trailing arguments of this type (0..3 of them). */
  readonly rest?: Arg;
  readonly ret: Ty;
  readonly w?: number;
}

const FNS: readonly Fn[] = [
  // strings
  ...['upper', 'lower', 'title', 'untitle', 'trim', 'nospace', 'snakecase', 'camelcase', 'kebabcase', 'swapcase', 'initials', 'b64enc', 'sha256sum', 'sha1sum', 'adler32sum', 'base', 'dir', 'ext', 'clean', 'toString', 'squote', 'quote'].map(
    (name): Fn => ({ name, args: [name === 'toString' || name === 'quote' || name === 'squote' ? 'any' : 'str'], ret: 'str' }),
  ),
  { name: 'trimAll', args: ['str', 'str'], ret: 'str' },
  { name: 'trimPrefix', args: ['str', 'str'], ret: 'str' },
  { name: 'trimSuffix', args: ['str', 'str'], ret: 'str' },
  { name: 'repeat', args: ['smallint', 'str'], ret: 'str' },
  { name: 'substr', args: ['substart', 'subend', 'str'], ret: 'str' },
  { name: 'trunc', args: ['smallint', 'str'], ret: 'str' },
  { name: 'abbrev', args: ['posint', 'str'], ret: 'str' },
  { name: 'indent', args: ['smallint', 'str'], ret: 'str' },
  { name: 'nindent', args: ['smallint', 'str'], ret: 'str' },
  { name: 'replace', args: ['str', 'str', 'str'], ret: 'str' },
  { name: 'wrap', args: ['posint', 'str'], ret: 'str' },
  { name: 'cat', args: ['any'], rest: 'any', ret: 'str' },
  { name: 'print', args: [], rest: 'any', ret: 'str' },
  { name: 'println', args: [], rest: 'any', ret: 'str', w: 0.3 },
  { name: 'printf', args: ['fmt'], rest: 'any', ret: 'str', w: 2 },
  { name: 'html', args: ['any'], ret: 'str', w: 0.5 },
  { name: 'js', args: ['any'], ret: 'str', w: 0.5 },
  { name: 'urlquery', args: ['any'], ret: 'str', w: 0.5 },
  { name: 'join', args: ['str', 'list'], ret: 'str' },
  { name: 'toJson', args: ['any'], ret: 'str', w: 2 },
  { name: 'toRawJson', args: ['any'], ret: 'str' },
  { name: 'toPrettyJson', args: ['any'], ret: 'str' },
  { name: 'toYaml', args: ['any'], ret: 'str', w: 2 },
  { name: 'typeOf', args: ['any'], ret: 'str' },
  { name: 'kindOf', args: ['any'], ret: 'str' },
  { name: 'b64dec', args: ['b64'], ret: 'str' },
  { name: 'regexReplaceAll', args: ['regex', 'str', 'str'], ret: 'str' },
  { name: 'regexFind', args: ['regex', 'str'], ret: 'str' },
  { name: 'include', args: ['define', 'any'], ret: 'str', w: 1.5 },
  { name: 'tpl', args: ['tpltext', 'root'], ret: 'str', w: 0.7 },
  { name: 'ternary', args: ['str', 'str', 'bool'], ret: 'str' },
  { name: 'plural', args: ['str', 'str', 'smallint'], ret: 'str', w: 0.3 },
  { name: 'getHostByName', args: ['str'], ret: 'str', w: 0.1 },
  // numbers
  { name: 'len', args: ['str'], ret: 'int' },
  { name: 'len', args: ['list'], ret: 'int' },
  { name: 'len', args: ['map'], ret: 'int' },
  { name: 'add', args: ['any', 'any'], rest: 'int', ret: 'int' },
  { name: 'sub', args: ['int', 'int'], ret: 'int' },
  { name: 'mul', args: ['int', 'int'], ret: 'int' },
  { name: 'div', args: ['int', 'posint'], ret: 'int' },
  { name: 'mod', args: ['int', 'posint'], ret: 'int' },
  { name: 'add1', args: ['float'], ret: 'int' },
  { name: 'max', args: ['int', 'int'], rest: 'float', ret: 'int' },
  { name: 'min', args: ['float', 'int'], ret: 'int' },
  { name: 'int', args: ['float'], ret: 'int' },
  { name: 'int64', args: ['float'], ret: 'int' },
  { name: 'atoi', args: ['str'], ret: 'int' },
  { name: 'float64', args: ['int'], ret: 'float' },
  { name: 'floor', args: ['float'], ret: 'float' },
  { name: 'ceil', args: ['float'], ret: 'float' },
  { name: 'round', args: ['float', 'smallint'], ret: 'float' },
  { name: 'addf', args: ['float', 'float'], ret: 'float' },
  { name: 'mulf', args: ['float', 'int'], ret: 'float' },
  { name: 'divf', args: ['float', 'posint'], ret: 'float' },
  { name: 'maxf', args: ['float', 'float'], ret: 'float' },
  // booleans
  { name: 'eq', args: ['str', 'str'], rest: 'str', ret: 'bool', w: 2 },
  { name: 'eq', args: ['float', 'float'], ret: 'bool' },
  { name: 'eq', args: ['int', 'int'], ret: 'bool' },
  { name: 'ne', args: ['str', 'str'], ret: 'bool' },
  { name: 'lt', args: ['int', 'int'], ret: 'bool' },
  { name: 'ge', args: ['float', 'float'], ret: 'bool' },
  { name: 'gt', args: ['str', 'str'], ret: 'bool' },
  { name: 'not', args: ['any'], ret: 'bool' },
  { name: 'and', args: ['any', 'any'], ret: 'any' },
  { name: 'or', args: ['any', 'any'], rest: 'any', ret: 'any' },
  { name: 'empty', args: ['any'], ret: 'bool' },
  { name: 'contains', args: ['str', 'str'], ret: 'bool' },
  { name: 'hasPrefix', args: ['str', 'str'], ret: 'bool' },
  { name: 'hasSuffix', args: ['str', 'str'], ret: 'bool' },
  { name: 'hasKey', args: ['map', 'key'], ret: 'bool' },
  { name: 'has', args: ['any', 'list'], ret: 'bool' },
  { name: 'regexMatch', args: ['regex', 'str'], ret: 'bool' },
  { name: 'kindIs', args: ['kind', 'any'], ret: 'bool' },
  // lists
  { name: 'list', args: [], rest: 'any', ret: 'list', w: 2 },
  { name: 'splitList', args: ['str', 'str'], ret: 'list' },
  { name: 'sortAlpha', args: ['list'], ret: 'list' },
  { name: 'uniq', args: ['list'], ret: 'list' },
  { name: 'rest', args: ['list'], ret: 'list' },
  { name: 'initial', args: ['list'], ret: 'list' },
  { name: 'append', args: ['list', 'any'], ret: 'list' },
  { name: 'prepend', args: ['list', 'any'], ret: 'list' },
  { name: 'concat', args: ['list', 'list'], ret: 'list' },
  { name: 'compact', args: ['list'], ret: 'list' },
  { name: 'without', args: ['list', 'any'], ret: 'list' },
  { name: 'until', args: ['smallint'], ret: 'list' },
  { name: 'toStrings', args: ['list'], ret: 'list' },
  { name: 'regexFindAll', args: ['regex', 'str', 'smallint'], ret: 'list' },
  { name: 'fromYamlArray', args: ['yamltext'], ret: 'list', w: 0.5 },
  // keys/values come in map order: only ever compared sorted.
  { name: 'sortAlpha', args: ['keysof'], ret: 'list' },
  { name: 'sortAlpha', args: ['valuesof'], ret: 'list', w: 0.5 },
  { name: 'pluck', args: ['key', 'map'], rest: 'map', ret: 'list', w: 0.5 },
  { name: 'regexSplit', args: ['regex', 'str', 'smallint'], ret: 'list', w: 0.5 },
  { name: 'chunk', args: ['posint', 'list'], ret: 'list', w: 0.5 },
  { name: 'semverCompare', args: ['constraint', 'semver'], ret: 'bool', w: 0.3 },
  { name: 'b32enc', args: ['str'], ret: 'str', w: 0.3 },
  { name: 'sha512sum', args: ['str'], ret: 'str', w: 0.2 },
  // maps
  { name: 'dict', args: [], rest: 'key', ret: 'map', w: 2 },
  { name: 'fromYaml', args: ['yamltext'], ret: 'map' },
  { name: 'fromJson', args: ['jsontext'], ret: 'map' },
  { name: 'pick', args: ['map', 'key'], ret: 'map' },
  { name: 'omit', args: ['map', 'key'], ret: 'map' },
  { name: 'deepCopy', args: ['map'], ret: 'map' },
  { name: 'split', args: ['str', 'str'], ret: 'any' },
  { name: 'set', args: ['freshmap', 'key', 'any'], ret: 'map' },
  { name: 'unset', args: ['freshmap', 'key'], ret: 'map' },
  { name: 'lookup', args: ['str', 'str', 'str', 'str'], ret: 'map', w: 0.2 },
  { name: 'merge', args: ['freshmap', 'map'], rest: 'map', ret: 'map', w: 0.5 },
  { name: 'mergeOverwrite', args: ['freshmap', 'map'], ret: 'map', w: 0.5 },
  { name: 'splitn', args: ['str', 'posint', 'str'], ret: 'any', w: 0.3 },
  { name: 'dig', args: ['key', 'key', 'any', 'map'], ret: 'any', w: 0.5 },
  // any
  { name: 'index', args: ['map', 'key'], ret: 'any' },
  { name: 'first', args: ['list'], ret: 'any' },
  { name: 'last', args: ['list'], ret: 'any' },
  { name: 'default', args: ['any', 'any'], ret: 'any', w: 2 },
  { name: 'coalesce', args: ['any', 'any'], rest: 'any', ret: 'any' },
  { name: 'get', args: ['map', 'key'], ret: 'any' },
  { name: 'ternary', args: ['any', 'any', 'bool'], ret: 'any' },
];

const BY_RET = new Map<Ty, Fn[]>();
for (const f of FNS) {
  const l = BY_RET.get(f.ret) ?? [];
  l.push(f);
  BY_RET.set(f.ret, l);
}

const ALL_TYS: readonly Ty[] = ['str', 'int', 'float', 'bool', 'list', 'map', 'any'];

function fnFor(c: Ctx, want: Ty): Fn {
  const pool = (want === 'any' ? FNS : BY_RET.get(want) ?? []).filter((f) => c.defines.length > 0 || !f.args.includes('define'));
  return c.rng.weighted(pool.map((f) => [f.w ?? 1, f] as const));
}

const YAML_TEXTS = ['a: 1', 'a: {b: [1, x]}', '- 1\n- two', '[1, 2]', 'k: yes', ': [', 'x', '', 'a: null\nb: "s"', 'n: 1e6'];
const JSON_TEXTS = ['{"a":1}', '{"a":[1,"x",null]}', '[1]', '{bad', '', '{"k":{"n":1.5}}', '"s"', '{"big":9007199254740993}'];
const FORMATS = ['%s', '%d', '%v', '%q', '%5s|', '%-4v|', '%x', '%T', '%v-%v', '%s=%d', '%.2f', '%t', '%%', '%03d', '%+v', '%#v', '%!', '%z'];
const KINDS = ['string', 'map', 'slice', 'float64', 'int', 'bool', 'invalid'];

function argOf(c: Ctx, a: Arg, depth: number): Expr {
  switch (a) {
    case 'smallint':
      return lit(String(c.rng.int(0, 6)));
    case 'substart':
      return lit('0');
    case 'subend':
      return lit(c.rng.pick(['-1', '2', '5', '40']));
    case 'root':
      return { k: 'field', base: '$', path: [] };
    case 'keysof':
      return call('keys', expr(c, 'map', depth - 1));
    case 'valuesof':
      return call('values', expr(c, 'map', depth - 1));
    case 'semver':
      return lit(goQuote(c.rng.pick(['1.2.3', '0.1.0', '1.2.3-alpha.1', 'v2.0.0', '1.x', 'bad', '10.0.0+build'])));
    case 'constraint':
      return lit(goQuote(c.rng.pick(['>=1.0.0', '<1.2.3', '~1.2', '^0.1', '>1.0.0-0', '=1.2.3', '!=2.0.0', '>= 1.0, < 2.0', 'bad constraint'])));
    case 'freshmap':
      // set/unset mutate their map: never hand them a map of .Values (templates of a batch share it).
      return c.rng.chance(0.5) ? literalOf(c, 'map') : call('deepCopy', expr(c, 'map', depth - 1));
    case 'posint':
      return lit(String(c.rng.int(1, 7)));
    case 'regex':
      return lit(goQuote(c.rng.pick(REGEXES)));
    case 'b64':
      return c.rng.chance(0.8) ? call('b64enc', expr(c, 'str', depth - 1)) : lit(goQuote(c.rng.pick(['YWJj', 'w6k=', '/w==', 'bad!', ''])));
    case 'key':
      return c.rng.chance(0.7) ? lit(goQuote(c.rng.pick(FIELD_KEYS))) : expr(c, 'str', depth - 1);
    case 'fmt':
      return lit(goQuote(c.rng.pick(FORMATS)));
    case 'yamltext':
      return c.rng.chance(0.3) ? call('toYaml', expr(c, 'any', depth - 1)) : lit(goQuote(c.rng.pick(YAML_TEXTS)));
    case 'jsontext':
      return c.rng.chance(0.3) ? call('toJson', expr(c, 'map', depth - 1)) : lit(goQuote(c.rng.pick(JSON_TEXTS)));
    case 'tpltext':
      return lit(goQuote(tplText(c)));
    case 'kind':
      return lit(goQuote(c.rng.pick(KINDS)));
    case 'define':
      return lit(goQuote(c.defines.length ? c.rng.pick(c.defines) : c.opts.definePrefix + 'missing'));
    default:
      if (c.rng.chance(c.opts.wrongArg)) return expr(c, c.rng.pick(ALL_TYS), depth - 1);
      return expr(c, a, depth - 1);
  }
}

/** A small template text for `tpl` (rendered with the root context or a dict). */
function tplText(c: Ctx): string {
  const saved = { dot: c.dot, scopes: c.scopes };
  c.dot = 'root';
  c.scopes = [];
  const e = expr(c, 'any', 1);
  c.dot = saved.dot;
  c.scopes = saved.scopes;
  const inner = printInline(e);
  return c.rng.weighted([
    [4, () => '{{ ' + inner + ' }}'],
    [1, () => 'pre {{- ' + inner + ' }} post'],
    [1, () => `{{ define "${c.opts.definePrefix}tpl${c.varCount++}" }}in{{ end }}x`],
    [0.3, () => '{{ .nope.x }}'],
  ])();
}

// printExpr without importing the printer here would duplicate it; keep one printer.
import { printExpr as printInline } from './ast.js';

function callOf(c: Ctx, f: Fn, depth: number): Expr {
  const args = f.args.map((a) => argOf(c, a, depth));
  if (f.rest) {
    const n = f.name === 'dict' ? 2 * c.rng.int(0, 2) : c.rng.int(0, 2);
    for (let i = 0; i < n; i++) args.push(f.name === 'dict' && i % 2 === 1 ? expr(c, 'any', depth - 1) : argOf(c, f.rest, depth));
  }
  if (f.name === 'printf' && args.length === 1) args.push(expr(c, 'any', depth - 1));
  // Sometimes write the last argument as a pipeline head: `x | fn a b`.
  const lastArg = args[args.length - 1];
  if (args.length > 0 && c.rng.chance(0.3) && !(lastArg.k === 'lit' && lastArg.text === 'nil')) {
    const stage: Stage = { fn: f.name, args: args.slice(0, -1) };
    if (lastArg.k === 'pipe') return { k: 'pipe', first: lastArg.first, stages: [...lastArg.stages, stage] };
    return { k: 'pipe', first: lastArg, stages: [stage] };
  }
  return call(f.name, ...args);
}

/** An expression that (normally) yields a value of type `want`. */
export function expr(c: Ctx, want: Ty, depth: number): Expr {
  c.budget--;
  if (depth <= 0 || c.budget <= 0 || c.rng.chance(0.35)) {
    const src = c.rng.chance(0.6) ? sourceOf(c, want) : undefined;
    if (src) return src;
    return literalOf(c, want);
  }
  const r = c.rng.next();
  if (r < 0.25) {
    const src = sourceOf(c, want);
    if (src) return src;
  }
  if (r < 0.3 && want === 'any') {
    // (expr).field on a map-valued expression
    const m = callOf(c, c.rng.pick(BY_RET.get('map')!), depth);
    return { k: 'paren', e: m, path: [c.rng.pick(FIELD_KEYS.filter((k) => IDENT.test(k)))] };
  }
  return callOf(c, fnFor(c, want), depth);
}

function literalOf(c: Ctx, want: Ty): Expr {
  switch (want) {
    case 'str':
      return strLit(c);
    case 'int':
      return intLit(c);
    case 'float':
      return floatLit(c);
    case 'bool':
      return lit(c.rng.pick(['true', 'false']));
    case 'list':
      return call('list', ...Array.from({ length: c.rng.int(0, 3) }, () => literalOf(c, c.rng.pick(['str', 'int', 'float', 'bool'] as const))));
    case 'map':
      return call('dict', ...Array.from({ length: c.rng.int(0, 2) }, () => [lit(goQuote(c.rng.pick(FIELD_KEYS))), literalOf(c, c.rng.pick(['str', 'int', 'bool'] as const))]).flat());
    default:
      return c.rng.weighted<() => Expr>([
        [3, () => strLit(c)],
        [2, () => intLit(c)],
        [1, () => floatLit(c)],
        [0.5, () => lit(c.rng.pick(['true', 'false']))],
        [0.4, () => lit('nil')],
        [0.5, () => ({ k: 'field', base: c.dot === 'root' ? '.' : '$', path: ['Values', 'nope'] })],
        [0.5, () => ({ k: 'field', base: c.dot === 'root' ? '.' : '$', path: ['Release', c.rng.pick(['Name', 'Namespace', 'Service', 'IsInstall', 'Revision'])] })],
        [0.3, () => ({ k: 'field', base: c.dot === 'root' ? '.' : '$', path: c.rng.pick([['Chart', 'Name'], ['Chart', 'Version'], ['Template', 'Name'], ['Template', 'BasePath'], ['Capabilities', 'KubeVersion', 'Major']]) })],
        [0.2, () => call(`${c.dot === 'root' ? '' : '$'}.Capabilities.APIVersions.Has`, lit(goQuote(c.rng.pick(['apps/v1', 'v1', 'nope/v1']))))],
      ])();
  }
}

// ---------------------------------------------------------------- statements

const TEXTS = ['', ' ', '\n', '  ', 'a', 'key: ', '- ', '\t', 'é', ', ', '\n  ', ': ', '|'];

function trim(c: Ctx): Trim {
  return c.rng.chance(0.25) ? c.rng.int(1, 3) : 0;
}

function newVar(c: Ctx, s: Shape): string {
  const name = `$v${c.varCount++}`;
  c.scopes[c.scopes.length - 1].vars.set(name, s);
  return name;
}

function allVars(c: Ctx): string[] {
  return c.scopes.flatMap((s) => [...s.vars.keys()]);
}

function inScope<T>(c: Ctx, dot: Shape | 'root' | undefined, inRange: boolean | undefined, f: () => T): T {
  const saved = { dot: c.dot, inRange: c.inRange };
  c.scopes.push({ vars: new Map() });
  if (dot !== undefined) c.dot = dot;
  if (inRange !== undefined) c.inRange = inRange;
  try {
    return f();
  } finally {
    c.scopes.pop();
    c.dot = saved.dot;
    c.inRange = saved.inRange;
  }
}

function shapeOfExprGuess(want: Ty): Shape {
  return tyShape(want);
}

function body(c: Ctx, depth: number, max: number): Node[] {
  const n = c.rng.int(0, max);
  const out: Node[] = [];
  for (let i = 0; i < n; i++) out.push(...stmt(c, depth));
  return out;
}

function errorStmt(c: Ctx): Node {
  const base = c.dot === 'root' ? '.' : '$';
  return c.rng.weighted<() => Node>([
    [2, () => ({ k: 'out', e: { k: 'field', base, path: ['Values', 'nope', 'deeper'] }, t: 0 })],
    [1, () => ({ k: 'out', e: call('fail', lit(goQuote(c.rng.pick(['boom', 'bad value', ''])))), t: 0 })],
    [1, () => ({ k: 'out', e: call('required', lit('"need it"'), { k: 'field', base, path: ['Values', 'missing'] }), t: 0 })],
    [1, () => ({ k: 'out', e: call('eq', { k: 'field', base, path: ['Values', 'x'] }, lit('1')), t: 0 })],
    [1, () => ({ k: 'out', e: call('len', lit('3')), t: 0 })],
    [1, () => ({ k: 'out', e: call('index', call('list', lit('1')), lit('5')), t: 0 })],
    [1, () => ({ k: 'template', name: c.opts.definePrefix + 'undefined' })],
    [0.5, () => ({ k: 'raw', s: c.rng.pick(['{{ .Values.a ', '{{ nosuchfunc }}', '{{ end }}', '{{ $undef }}', '{{ if }}{{ end }}', '{{ (1 }}', '{{ 1.x }}']) })],
    [0.5, () => ({ k: 'out', e: lit('nil'), t: 0 })],
    [0.5, () => ({ k: 'out', e: call('upper', lit('5')), t: 0 })],
  ])();
}

export function stmt(c: Ctx, depth: number): Node[] {
  c.budget--;
  const text: Node[] = c.rng.chance(0.5) ? [{ k: 'text', s: c.rng.pick(TEXTS) }] : [];
  if (c.rng.chance(c.opts.errorStmt)) return [...text, errorStmt(c)];
  const canNest = depth > 0 && c.budget > 0;
  const kind = c.rng.weighted<string>([
    [6, 'out'],
    [canNest ? 2 : 0, 'if'],
    [canNest ? 1.2 : 0, 'with'],
    [canNest ? 1.5 : 0, 'range'],
    [1.2, 'decl'],
    [allVars(c).length ? 0.8 : 0, 'assign'],
    [0.5, 'comment'],
    [c.defines.length ? 0.8 : 0, 'template'],
    [c.inRange ? 0.4 : 0, 'break'],
    [c.inRange ? 0.4 : 0, 'continue'],
  ]);
  switch (kind) {
    case 'out':
      return [...text, { k: 'out', e: notNil(expr(c, c.rng.pick(ALL_TYS), 3)), t: trim(c) }];
    case 'decl': {
      const want = c.rng.pick(ALL_TYS);
      const e = notNil(expr(c, want, 3));
      return [...text, { k: 'decl', name: newVar(c, shapeOfExprGuess(want)), e, assign: false, t: trim(c) }];
    }
    case 'assign': {
      const name = c.rng.pick(allVars(c));
      return [...text, { k: 'decl', name, e: expr(c, 'any', 2), assign: true, t: trim(c) }];
    }
    case 'comment':
      return [...text, { k: 'comment', s: c.rng.pick(['c', 'a {{ b }}', 'multi\nline', '']), t: trim(c) }];
    case 'template':
      return [...text, { k: 'template', name: c.rng.pick(c.defines), e: c.rng.chance(0.8) ? expr(c, 'any', 2) : undefined }];
    case 'break':
      return [...text, { k: 'break' }];
    case 'continue':
      return [...text, { k: 'continue' }];
    case 'if': {
      const branches: Branch[] = [];
      const n = c.rng.weighted([[6, 1], [2, 2], [1, 3]] as const);
      for (let i = 0; i < n; i++) {
        const cond = expr(c, c.rng.chance(0.5) ? 'bool' : 'any', 2);
        branches.push({ cond, body: inScope(c, undefined, undefined, () => body(c, depth - 1, 3)) });
      }
      const els = c.rng.chance(0.5) ? inScope(c, undefined, undefined, () => body(c, depth - 1, 2)) : undefined;
      return [...text, { k: 'if', branches, els, t: trim(c) }];
    }
    case 'with': {
      const want = c.rng.pick(['map', 'str', 'list', 'any'] as const);
      const src = sourceOf(c, want);
      const cond = src && c.rng.chance(0.7) ? src : expr(c, want, 2);
      const shape = src && cond === src ? shapeOfSource(c, src) : tyShape(want);
      const useVar = c.rng.chance(0.25);
      let v: string | undefined;
      const b = inScope(c, shape, undefined, () => {
        if (useVar) v = newVar(c, shape);
        return body(c, depth - 1, 3);
      });
      const branches: Branch[] = [{ cond, body: b }];
      if (c.rng.chance(0.15)) {
        const cond2 = expr(c, 'any', 2);
        branches.push({ cond: cond2, body: inScope(c, ANY, undefined, () => body(c, depth - 1, 2)) });
      }
      const els = c.rng.chance(0.4) ? inScope(c, undefined, undefined, () => body(c, depth - 1, 2)) : undefined;
      return [...text, { k: 'with', v, branches, els, t: trim(c) }];
    }
    case 'range': {
      const want = c.rng.weighted([[5, 'list'], [3, 'map'], [0.08, 'int'], [0.1, 'any']] as const);
      const src = want === 'int' ? undefined : sourceOf(c, want);
      const e = src && c.rng.chance(0.7) ? src : want === 'int' ? lit(String(c.rng.int(0, 4))) : expr(c, want, 2);
      const coll = src && e === src ? shapeOfSource(c, src) : tyShape(want);
      const elem = commonShape(coll.t === 'list' ? coll.items : coll.t === 'map' ? [...coll.entries.values()] : []);
      const nv = c.rng.weighted([[3, 0], [2, 1], [2, 2]] as const);
      const vars: string[] = [];
      const b = inScope(c, elem, true, () => {
        if (nv === 2) vars.push(newVar(c, coll.t === 'map' ? STR : tyShape('int')));
        if (nv >= 1) vars.push(newVar(c, elem));
        return body(c, depth - 1, 3);
      });
      const els = c.rng.chance(0.3) ? inScope(c, undefined, false, () => body(c, depth - 1, 2)) : undefined;
      return [...text, { k: 'range', vars, e, body: b, els, t: trim(c) }];
    }
  }
  throw new Error('unreachable');
}

/** `nil` alone as a command is an error ("nil is not a command"); keep those to errorStmt. */
function notNil(e: Expr): Expr {
  return e.k === 'lit' && e.text === 'nil' ? lit('""') : e;
}

/** The shape every element shares (scalars of one type), else unknown. */
function commonShape(xs: readonly Shape[]): Shape {
  if (xs.length === 0) return ANY;
  const t = xs[0].t;
  if (t === 'list' || t === 'map') return ANY;
  return xs.every((x) => x.t === t) ? xs[0] : ANY;
}

function shapeOfSource(c: Ctx, e: Expr): Shape {
  for (const [x, s] of sources(c)) if (x === e || JSON.stringify(x) === JSON.stringify(e)) return s;
  return ANY;
}

/** Generates one random template over values of the given shape. */
export function generateTemplate(rng: Rng, root: Shape, opts: GenOptions): Template {
  const c: Ctx = {
    rng,
    opts: { wrongArg: opts.wrongArg ?? 0.002, errorStmt: opts.errorStmt ?? 0.003, definePrefix: opts.definePrefix },
    root,
    dot: 'root',
    scopes: [{ vars: new Map() }],
    inRange: false,
    defines: [],
    varCount: 0,
    budget: 60,
  };
  const defines: Define[] = [];
  const nd = rng.weighted([[6, 0], [2, 1], [1, 2]] as const);
  for (let i = 0; i < nd; i++) {
    const name = `${opts.definePrefix}${i}`;
    // Inside a define, dot and $ are the argument: unknown shape.
    const b = inScope(c, ANY, false, () => {
      const savedScopes = c.scopes;
      c.scopes = [{ vars: new Map() }];
      const saveRoot = c.root;
      try {
        // Values are reachable only through the argument; pretend `$` is unknown.
        (c as { root: Shape }).root = { t: 'map', entries: new Map() };
        return body(c, 1, 3);
      } finally {
        (c as { root: Shape }).root = saveRoot;
        c.scopes = savedScopes;
      }
    });
    defines.push({ name, body: b });
    c.defines.push(name);
  }
  const main = body(c, 3, 5);
  if (main.length === 0) main.push(...stmt(c, 2));
  return { defines, body: main };
}
