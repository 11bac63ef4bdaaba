/**
 * TemplateSet: a set of named templates sharing functions and options, as a Go
 * *template.Template and its associated templates (helm parses every file into one set).
 */
import { isEmptyTree, type Tree } from './ast.js';
import { builtinFuncs } from './builtins.js';
import { TemplateError } from './errors.js';
import { execute, type Compat, type ExecEnv, type FuncEntry, type MissingKey } from './exec.js';
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
  private trees = new Map<string, Tree>();
  private userFuncs = new Map<string, GoFuncSpec>();
  private merged: Map<string, FuncEntry> | null = null;

  constructor(opts: TemplateSetOptions = {}) {
    this.missingKey = opts.missingKey ?? 'default';
    this.compat = opts.compat ?? 'helm4';
    this.rootName = opts.rootName ?? 'gotpl';
    if (opts.funcs) for (const [k, v] of opts.funcs) this.userFuncs.set(k, v);
  }

  /** Every function visible to templates: builtins, then the set's own functions over them. */
  get funcs(): ReadonlyMap<string, FuncEntry> {
    if (this.merged === null) {
      const m = new Map(builtinsFor(this.compat));
      for (const [k, spec] of this.userFuncs) m.set(k, { spec, builtin: false });
      this.merged = m;
    }
    return this.merged;
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
      if (this.trees.has(n) && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
  }

  has(name: string): boolean {
    return this.trees.has(name);
  }

  /** Names of all templates in the set (files and defines). */
  names(): string[] {
    return [...this.trees.keys()];
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
    return execute(this, tree, data);
  }

  /** A copy sharing nothing mutable (parsed trees are immutable and shared). */
  clone(): TemplateSet {
    const c = new TemplateSet({ funcs: this.userFuncs, missingKey: this.missingKey, compat: this.compat, rootName: this.rootName });
    for (const [k, v] of this.trees) c.trees.set(k, v);
    return c;
  }

  /** A copy with another missingkey mode. */
  withMissingKey(missingKey: MissingKey): TemplateSet {
    const c = new TemplateSet({ funcs: this.userFuncs, missingKey, compat: this.compat, rootName: this.rootName });
    for (const [k, v] of this.trees) c.trees.set(k, v);
    return c;
  }

  /** Adds or replaces functions. */
  addFuncs(funcs: ReadonlyMap<string, GoFuncSpec>): void {
    for (const [k, v] of funcs) this.userFuncs.set(k, v);
    this.merged = null;
  }
}
