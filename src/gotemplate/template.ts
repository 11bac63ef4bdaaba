/**
 * TemplateSet: a set of named templates sharing functions and options, as a Go
 * *template.Template and its associated templates (helm parses every file into one set).
 *
 * Cloning is O(1): a set keeps its templates and functions as a chain of frozen layers plus
 * one mutable layer; clone() freezes the mutable layer (if it has anything) and both sets go
 * on with new empty layers over the shared frozen chain. helm's `tpl` clones the whole set on
 * every call, so this matters.
 */
import { isEmptyTree, type Tree } from './ast.js';
import { builtinFuncs } from './builtins.js';
import { TemplateError } from './errors.js';
import { Executor, execNesting, executionFailed, type Compat, type ExecEnv, type FuncEntry, type FuncLookup, type MissingKey } from './exec.js';
import { parse } from './parse.js';
import type { GoFuncSpec, GoValue } from './value.js';

export type { Compat, MissingKey } from './exec.js';

const RV = 'reflect.Value';

/** text/template's own and/or/call (the executor implements them). */
const EXECUTOR_BUILTINS: readonly GoFuncSpec[] = [
  { name: 'and', params: [RV, RV], variadic: true, results: [RV], fn: () => null },
  { name: 'or', params: [RV, RV], variadic: true, results: [RV], fn: () => null },
  { name: 'call', params: [RV, RV], variadic: true, results: [RV], returnsError: true, fn: () => null },
];

const builtinCache = new Map<Compat, Map<string, FuncEntry>>();

function builtinsFor(compat: Compat): Map<string, FuncEntry> {
  let m = builtinCache.get(compat);
  if (m === undefined) {
    m = new Map();
    for (const spec of builtinFuncs(compat)) m.set(spec.name, { spec, builtin: true });
    for (const spec of EXECUTOR_BUILTINS) m.set(spec.name, { spec, builtin: true });
    builtinCache.set(compat, m);
  }
  return m;
}

/** An immutable layer of a chain of maps (the newest layer first). */
interface Frozen<V> {
  readonly map: ReadonlyMap<string, V>;
  readonly below: Frozen<V> | null;
}

/** A mutable map over a chain of frozen layers. */
class Layered<V> {
  private own = new Map<string, V>();
  constructor(private frozen: Frozen<V> | null) {}

  get(k: string): V | undefined {
    const v = this.own.get(k);
    if (v !== undefined) return v;
    for (let f = this.frozen; f !== null; f = f.below) {
      const w = f.map.get(k);
      if (w !== undefined) return w;
    }
    return undefined;
  }

  has(k: string): boolean {
    return this.get(k) !== undefined;
  }

  set(k: string, v: V): void {
    this.own.set(k, v);
  }

  /** Freezes the mutable layer (if non-empty) and returns the chain to share with a copy. */
  share(): Frozen<V> | null {
    if (this.own.size > 0) {
      this.frozen = { map: this.own, below: this.frozen };
      this.own = new Map();
    }
    return this.frozen;
  }

  keys(): string[] {
    const seen = new Set<string>(this.own.keys());
    for (let f = this.frozen; f !== null; f = f.below) for (const k of f.map.keys()) seen.add(k);
    return [...seen];
  }

  entries(): [string, V][] {
    return this.keys().map((k) => [k, this.get(k) as V]);
  }
}

/** Functions visible to a set: its own (newest first), then the builtins. */
class FuncTable implements FuncLookup {
  constructor(
    private readonly user: Layered<FuncEntry>,
    private readonly builtins: ReadonlyMap<string, FuncEntry>,
  ) {}
  get(name: string): FuncEntry | undefined {
    return this.user.get(name) ?? this.builtins.get(name);
  }
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

export interface TemplateSetOptions {
  /** Template functions (they override builtins of the same name, as in Go). */
  funcs?: ReadonlyMap<string, GoFuncSpec>;
  /** Go's `missingkey` option; Go's default is `default` (helm uses `zero`). */
  missingKey?: MissingKey;
  /** Target helm version: `helm3` = Go 1.23 text/template, `helm4` = Go 1.25. */
  compat?: Compat;
  /** The name of the set's root template, used in `no template "x" associated with template "ROOT"`. */
  rootName?: string;
}

export class TemplateSet implements ExecEnv {
  readonly missingKey: MissingKey;
  readonly compat: Compat;
  readonly rootName: string;
  private trees: Layered<Tree>;
  private userFuncs: Layered<FuncEntry>;
  readonly funcs: FuncLookup;

  constructor(opts: TemplateSetOptions = {}, shared?: { trees: Frozen<Tree> | null; funcs: Frozen<FuncEntry> | null }) {
    this.missingKey = opts.missingKey ?? 'default';
    this.compat = opts.compat ?? 'helm4';
    this.rootName = opts.rootName ?? 'gotpl';
    this.trees = new Layered(shared?.trees ?? null);
    this.userFuncs = new Layered(shared?.funcs ?? null);
    if (opts.funcs) for (const [k, spec] of opts.funcs) this.userFuncs.set(k, { spec, builtin: false });
    this.funcs = new FuncTable(this.userFuncs, builtinsFor(this.compat));
  }

  /**
   * Parses `text` as template `name`; its {{define}}s join the set. A template whose body is
   * empty (whitespace and comments) does not replace an existing one; otherwise the last
   * definition wins. Throws TemplateError (kind 'parse').
   */
  parse(name: string, text: string): void {
    const funcs = this.funcs;
    const trees = parse(name, text, { hasFunction: (n) => funcs.has(n), countCommentLines: this.compat !== 'helm3' });
    for (const [n, tree] of trees) {
      if (isEmptyTree(tree.root) && this.trees.has(n)) continue;
      this.trees.set(n, tree);
    }
  }

  has(name: string): boolean {
    return this.trees.has(name);
  }

  /** Names of all templates in the set (files and defines). */
  names(): string[] {
    return this.trees.keys();
  }

  lookup(name: string): Tree | undefined {
    return this.trees.get(name);
  }

  /** Executes template `name` with `data` as dot and `$`. Re-entrant. Throws TemplateError. */
  execute(name: string, data: GoValue): string {
    const tree = this.trees.get(name);
    if (tree === undefined) {
      const msg = 'template: no template ' + JSON.stringify(name) + ' associated with template ' + JSON.stringify(this.rootName);
      throw new TemplateError({ kind: 'exec', message: msg, template: name, parseName: null, line: null, col: null, context: null, inner: msg });
    }
    // The executor runs here rather than in a helper: include recursion passes through this
    // frame once per level, and every frame counts against the JavaScript stack.
    const st = new Executor(this, tree.name, data);
    execNesting.depth++;
    try {
      st.walkList(tree.root);
    } catch (e) {
      throw executionFailed(e, tree.name);
    } finally {
      execNesting.depth--;
    }
    return st.out;
  }

  /** A copy sharing nothing mutable (parsed trees are immutable and shared). O(1). */
  clone(): TemplateSet {
    return this.copy(this.missingKey);
  }

  /** A copy with another missingkey mode. */
  withMissingKey(missingKey: MissingKey): TemplateSet {
    return this.copy(missingKey);
  }

  private copy(missingKey: MissingKey): TemplateSet {
    return new TemplateSet({ missingKey, compat: this.compat, rootName: this.rootName }, { trees: this.trees.share(), funcs: this.userFuncs.share() });
  }

  /** Adds or replaces functions. */
  addFuncs(funcs: ReadonlyMap<string, GoFuncSpec>): void {
    for (const [k, spec] of funcs) this.userFuncs.set(k, { spec, builtin: false });
  }
}
