/**
 * helm's dependency processing and final values (action.CheckDependencies,
 * chartutil.ProcessDependenciesWithMerge, ToRenderValues' CoalesceValues), giving the tree of
 * enabled charts with the `.Values` each one renders with.
 *
 * Facts (measured on helm 3.17.3 and 4.1.4 unless said otherwise):
 * - a Chart.yaml dependency matches a chart under charts/ by name and version constraint; a
 *   dependency without a version (or with one the chart does not satisfy) matches nothing, so
 *   the chart stays under its own name with no alias; charts not listed are always kept;
 * - several entries may alias one chart; each gets its own copy under its alias. In helm 3 the
 *   copies share the chart's own Chart.yaml dependency entries, so when a chart aliased twice
 *   aliases a subchart itself, the second copy sees the entry already renamed and keeps the
 *   subchart under its own name, with no condition applied; helm 4 copies the entries;
 * - tags (top-level `tags:` table) are applied first, then conditions: the first path of the
 *   comma-separated list that resolves to a bool decides; a path that resolves to a non-bool
 *   warns and the next is tried; paths of nested charts are prefixed with their parents' names;
 * - import-values run bottom-up after disabling: `child`/`parent` maps and the `exports.<name>`
 *   string form; the parent's own values win over imported ones;
 * - the subchart's `.Values` is the very map found under its name in the parent's `.Values`.
 */
import type { Compat } from '../../gotemplate/template.js';
import type { GoValue } from '../../gotemplate/value.js';
import { checkConstraints, parseConstraints, parseVersion } from '../../sprig/semver.js';
import { loadValues, YamlError } from '../../yaml/load.js';
import type { Chart, ChartDependency, ChartMetadata } from '../load/chart.js';
import { quote } from '../../gotemplate/strconv.js';
import type { ValuesNode } from './coalesce.js';
import { Coalescer, CoalesceError, deepCopyMap, isTable } from './coalesce.js';
import { tooDeep } from './user-values.js';
import type { ValuesWarning } from './warnings.js';

/** A chart after dependency processing, aliases applied. */
export interface ResolvedChart {
  readonly chart: Chart;
  /** The alias or the chart's name. */
  readonly name: string;
  /** Template path prefix: 'parent' or 'parent/charts/kid'. */
  readonly path: string;
  /** Chart.yaml with the alias as name and only the enabled dependencies. */
  readonly metadata: ChartMetadata;
  /** This chart's `.Values`: the same Map object as the parent's `values.get(name)`. */
  readonly values: Map<string, GoValue>;
  /** Enabled subcharts, in helm's order. */
  readonly subcharts: readonly ResolvedChart[];
}

export type ResolveResult =
  | { readonly ok: true; readonly root: ResolvedChart; readonly warnings: ValuesWarning[] }
  | { readonly ok: false; readonly error: string; readonly warnings: ValuesWarning[] };

/** A Chart.yaml dependency entry while helm processes it (helm mutates these). */
interface Req {
  name: string;
  readonly alias?: string;
  readonly version?: string;
  readonly condition?: string;
  readonly tags?: readonly string[];
  importValues: ChartDependency['importValues'];
  enabled: boolean;
  source: ChartDependency;
}

/** helm's *chart.Chart while dependencies are processed. Alias copies share `reqs` and `deps` as in Go. */
interface Work extends ValuesNode {
  readonly chart: Chart;
  name: string;
  values: Map<string, GoValue>;
  reqs: Req[] | undefined;
  deps: Work[];
}

class ResolveFailure extends Error {}

function buildWork(chart: Chart, compat: Compat): Work {
  let values: Map<string, GoValue>;
  try {
    values = chart.valuesText === undefined ? new Map() : loadValues(chart.valuesText, { compat });
  } catch (e) {
    if (e instanceof YamlError) throw new ResolveFailure(`cannot load values.yaml: ${e.message}`);
    if (e instanceof RangeError) throw new ResolveFailure(`cannot load values.yaml: ${tooDeep(compat)}`);
    throw e;
  }
  const reqs = chart.metadata.dependencies?.map(
    (d): Req => ({
      name: d.name,
      alias: d.alias,
      version: d.version,
      condition: d.condition,
      tags: d.tags,
      importValues: d.importValues,
      enabled: d.enabled ?? false,
      source: d,
    }),
  );
  return {
    chart,
    name: chart.metadata.name,
    values,
    reqs,
    deps: chart.dependencies.map((c) => buildWork(c, compat)),
  };
}

/** helm's IsCompatibleRange: false for an empty or invalid constraint or version. */
function isCompatibleRange(constraint: string | undefined, version: string, compat: Compat): boolean {
  if (constraint === undefined) return false;
  try {
    const v = parseVersion(version, compat);
    const c = parseConstraints(constraint, compat);
    return checkConstraints(c, v, compat);
  } catch {
    return false;
  }
}

/** Values.Table: the map at a dotted path, or the first path part that is not a map. */
function table(v: Map<string, GoValue>, name: string): { ok: true; t: Map<string, GoValue> } | { ok: false; key: string } {
  let cur = v;
  for (const part of name.split('.')) {
    const next = cur.get(part);
    if (!isTable(next)) return { ok: false, key: part };
    cur = next;
  }
  return { ok: true, t: cur };
}

/** Values.PathValue as dependency conditions use it: a non-table value at the path, if any. */
function pathValue(v: Map<string, GoValue>, path: string): { found: true; value: GoValue } | { found: false } {
  const parts = path.split('.');
  const key = parts[parts.length - 1];
  let t: Map<string, GoValue> = v;
  if (parts.length > 1) {
    const r = table(v, parts.slice(0, -1).join('.'));
    if (!r.ok) return { found: false };
    t = r.t;
  }
  if (t.has(key) && !isTable(t.get(key))) return { found: true, value: t.get(key) ?? null };
  return { found: false };
}

/** A nested map from a dotted path (helm's pathToMap); '.' means the data itself. */
function pathToMap(path: string, data: Map<string, GoValue>): Map<string, GoValue> {
  if (path === '.') return data;
  const parts = path.split('.');
  let cur = data;
  for (let i = parts.length - 1; i >= 0; i--) cur = new Map<string, GoValue>([[parts[i], cur]]);
  return cur;
}

class Resolver {
  readonly warnings: ValuesWarning[] = [];
  readonly co: Coalescer;
  /** Import-values entries helm has already rewritten (it ignores them on a second pass). */
  private readonly consumed = new WeakSet<Req>();

  constructor(private readonly compat: Compat) {
    this.co = new Coalescer(compat, (w) => this.warnings.push(w));
  }

  private aliasDependency(charts: readonly Work[], req: Req): Work | undefined {
    for (const c of charts) {
      if (c.name !== req.name) continue;
      if (!isCompatibleRange(req.version, c.chart.metadata.version, this.compat)) continue;
      const name = req.alias ? req.alias : c.name;
      if (this.compat === 'helm3') {
        // helm 3 copies the chart struct only: the copy shares its Chart.yaml dependency entries
        // and its subcharts with the original and with other aliases of it (measured).
        return { chart: c.chart, name, values: c.values, reqs: c.reqs, deps: c.deps };
      }
      // helm 4 copies the dependency entries and makes shallow copies of the subcharts.
      return {
        chart: c.chart,
        name,
        values: c.values,
        reqs: c.reqs?.map((r) => ({ ...r })),
        deps: c.deps.map((d) => ({ ...d })),
      };
    }
    return undefined;
  }

  /** processDependencyEnabled. */
  enabled(c: Work, v: Map<string, GoValue>, path: string): void {
    if (c.reqs === undefined) return;
    const reqs = c.reqs;
    const chartDeps: Work[] = [];
    for (const existing of c.deps) {
      const listed = reqs.some(
        (r) => existing.name === r.name && isCompatibleRange(r.version, existing.chart.metadata.version, this.compat),
      );
      if (!listed) chartDeps.push(existing);
    }
    for (const req of reqs) {
      const d = this.aliasDependency(c.deps, req);
      if (d !== undefined) chartDeps.push(d);
      if (req.alias) req.name = req.alias;
    }
    c.deps = chartDeps;
    for (const r of reqs) r.enabled = true;
    const cvals = this.co.coalesceValues(c, v, false);
    this.tags(reqs, cvals);
    this.conditions(reqs, cvals, path);
    const removed = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
    const kept = c.deps.filter((d) => !removed.has(d.name));
    const keptReqs = reqs.filter((r) => !removed.has(r.name));
    for (const t of kept) this.enabled(t, cvals, `${path}${t.name}.`);
    c.reqs = keptReqs;
    c.deps = kept;
  }

  private tags(reqs: readonly Req[], cvals: Map<string, GoValue>): void {
    const vt = table(cvals, 'tags');
    if (!vt.ok) return;
    for (const r of reqs) {
      let hasTrue = false;
      let hasFalse = false;
      for (const k of r.tags ?? []) {
        if (!vt.t.has(k)) continue;
        const b = vt.t.get(k);
        if (typeof b === 'boolean') {
          if (b) hasTrue = true;
          else hasFalse = true;
        } else this.warnings.push({ kind: 'tag-non-bool', tag: k, chart: r.name });
      }
      if (!hasTrue && hasFalse) r.enabled = false;
      else r.enabled = true;
    }
  }

  private conditions(reqs: readonly Req[], cvals: Map<string, GoValue>, cpath: string): void {
    for (const r of reqs) {
      for (const c of (r.condition ?? '').trim().split(',')) {
        if (c.length === 0) continue;
        const pv = pathValue(cvals, cpath + c);
        if (!pv.found) continue;
        if (typeof pv.value === 'boolean') {
          r.enabled = pv.value;
          break;
        }
        this.warnings.push({ kind: 'condition-non-bool', path: c, chart: r.name });
      }
    }
  }

  /** processDependencyImportValues: children first. */
  imports(c: Work): void {
    for (const d of c.deps) this.imports(d);
    this.importValues(c);
  }

  private importValues(c: Work): void {
    if (c.reqs === undefined) return;
    const cvals = this.co.coalesceValues(c, undefined, true);
    let b = new Map<string, GoValue>();
    for (const r of c.reqs) {
      if (this.consumed.has(r)) continue;
      for (const iv of r.importValues ?? []) {
        if (typeof iv === 'object') {
          const t = table(cvals, `${r.name}.${iv.child}`);
          if (!t.ok) {
            this.warnings.push({ kind: 'import-missing-table', chart: r.name, error: `${quote(t.key)} is not a table` });
            continue;
          }
          b = this.co.tables(b, pathToMap(iv.parent, t.t), true);
        } else {
          const t = table(cvals, `${r.name}.exports.${iv}`);
          if (!t.ok) {
            this.warnings.push({ kind: 'import-missing-export', error: `${quote(t.key)} is not a table` });
            continue;
          }
          b = this.co.tables(b, t.t, true);
        }
      }
      this.consumed.add(r);
    }
    c.values = this.co.tables(deepCopyMap(cvals), b, true);
  }
}

function joinMissing(chart: Chart): string | undefined {
  const reqs = chart.metadata.dependencies;
  if (reqs === undefined) return undefined;
  const missing = reqs.filter((r) => !chart.dependencies.some((d) => d.metadata.name === r.name)).map((r) => r.name);
  return missing.length === 0 ? undefined : missing.join(', ');
}

/** A Chart.yaml dependency entry as helm leaves it: aliased name, enabled, import-values rewritten. */
function processedEntry(r: Req): ChartDependency {
  const importValues = r.importValues?.map((iv) =>
    typeof iv === 'object' ? { child: iv.child, parent: iv.parent } : { child: `exports.${iv}`, parent: '.' },
  );
  return { ...r.source, name: r.name, enabled: r.enabled, ...(importValues === undefined ? {} : { importValues }) };
}

function resolvedTree(w: Work, values: Map<string, GoValue>, path: string): ResolvedChart {
  const subcharts: ResolvedChart[] = [];
  for (const d of w.deps) {
    const sub = values.get(d.name);
    // coalescing put a map under every enabled subchart's name
    if (!isTable(sub)) continue;
    subcharts.push(resolvedTree(d, sub, `${path}/charts/${d.name}`));
  }
  const metadata: ChartMetadata = {
    ...w.chart.metadata,
    name: w.name,
    ...(w.reqs === undefined ? {} : { dependencies: w.reqs.map(processedEntry) }),
  };
  return { chart: w.chart, name: w.name, path, metadata, values, subcharts };
}

/**
 * Dependency processing and coalescing for `helm template`: the tree of enabled charts with
 * their `.Values`, the warnings helm prints on the way, or helm's error (without "Error: ").
 */
export function resolveChart(chart: Chart, userValues: Map<string, GoValue>, compat: Compat): ResolveResult {
  try {
    return resolve(chart, userValues, compat);
  } catch (e) {
    // Copying and merging recurse along the values; only absurdly deep values get here.
    if (e instanceof RangeError) return { ok: false, error: `values nested too deeply to process`, warnings: [] };
    throw e;
  }
}

function resolve(chart: Chart, userValues: Map<string, GoValue>, compat: Compat): ResolveResult {
  const missing = joinMissing(chart);
  if (missing !== undefined) {
    const lead = compat === 'helm3' ? 'An error' : 'an error';
    return {
      ok: false,
      error:
        `${lead} occurred while checking for chart dependencies. You may need to run \`helm dependency build\` ` +
        `to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing}`,
      warnings: [],
    };
  }
  const r = new Resolver(compat);
  let root: Work;
  try {
    root = buildWork(chart, compat);
  } catch (e) {
    if (e instanceof ResolveFailure) return { ok: false, error: e.message, warnings: r.warnings };
    throw e;
  }
  try {
    r.enabled(root, userValues, '');
    r.imports(root);
  } catch (e) {
    if (!(e instanceof CoalesceError)) throw e;
    if (compat === 'helm3') return { ok: false, error: e.message, warnings: r.warnings };
    r.warnings.push({ kind: 'dependencies-failed', error: e.message });
    return { ok: false, error: `chart dependencies processing failed: ${e.message}`, warnings: r.warnings };
  }
  let values: Map<string, GoValue>;
  try {
    values = r.co.coalesceValues(root, userValues, false);
  } catch (e) {
    if (e instanceof CoalesceError) return { ok: false, error: e.message, warnings: r.warnings };
    throw e;
  }
  return { ok: true, root: resolvedTree(root, values, root.name), warnings: r.warnings };
}
