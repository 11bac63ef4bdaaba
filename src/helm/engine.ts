/**
 * Helm's template rendering step (reference §2.1 step 6, §2.2, §2.3): all template files of a
 * chart parsed into one template set in helm's order, every non-partial file executed with the
 * render context, `<no value>` removed from each file's output. Pure: files and values come in,
 * per-file text or a structured error comes out.
 *
 * This is the core that the full chart renderer (chart loading, subcharts, output assembly)
 * builds on.
 */
import { TemplateError } from '../gotemplate/errors.js';
import { TemplateSet, type Compat } from '../gotemplate/template.js';
import type { GoFuncSpec, GoValue } from '../gotemplate/value.js';
import { MAP_TYPE, withType } from '../gotemplate/value.js';
import { utf8Decode } from '../gotemplate/bytes.js';
import { sprigFuncs } from '../sprig/index.js';
import type { Chart, ChartMetadata as LoadedMetadata } from './load/chart.js';
import {
  capabilitiesValue,
  chartValue,
  releaseValue,
  renderContext,
  type CapabilitiesOptions,
  type ChartMetadata as ContextMetadata,
  type ContextInput,
  type ReleaseInfo,
} from './context.js';
import { chartFilesFromBytes } from './files.js';
import { HelmRenderError, errorChain, formatExecError, formatParseError } from './errors.js';
import { boundFuncs, helmFuncMap, replaceNoValue } from './funcs.js';
import { valuesType } from './values.js';

export type { Compat };
export type { CapabilitiesOptions, ChartMetadata, ReleaseInfo } from './context.js';
export { renderContext } from './context.js';

/** One render: the chart's files and values, release and chart information, target helm. */
export type RenderRequest = ContextInput;

export type RenderResult =
  | { readonly ok: true; readonly outputs: Map<string, string> }
  | { readonly ok: false; readonly error: HelmRenderError };

/**
 * Helm's parse order (`sortTemplates`): more path segments first; equal depth in reverse byte
 * order. Files are also executed in this order.
 */
export function helmTemplateOrder(names: Iterable<string>): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** True for files helm parses but never executes (base name starts with `_`). */
export function isPartial(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.startsWith('_');
}

/** The complete function map of a render: Sprig (minus env/expandenv) plus helm's. */
export function renderFuncs(compat: Compat): Map<string, GoFuncSpec> {
  const funcs = new Map(sprigFuncs(compat));
  for (const [k, v] of helmFuncMap(compat)) funcs.set(k, v);
  return funcs;
}

/** Renders every non-partial template file. */
export function renderTemplates(req: RenderRequest): RenderResult {
  const { compat } = req;
  const names = new Map<string, string>();
  for (const [path, text] of req.files) if (path.startsWith('templates/')) names.set(`${req.chartName}/${path}`, text);
  const order = helmTemplateOrder(names.keys());

  const set = new TemplateSet({ funcs: renderFuncs(compat), missingKey: 'zero', compat });
  set.addFuncs(boundFuncs(set, { depth: new Map() }));
  for (const name of order) {
    try {
      set.parse(name, names.get(name) as string);
    } catch (e) {
      return { ok: false, error: toRenderError(e, 'parse', name, compat) };
    }
  }

  const context = renderContext(req);
  const basePath = `${req.chartName}/templates`;
  const outputs = new Map<string, string>();
  for (const name of order) {
    if (isPartial(name)) continue;
    context.set('Template', withType(new Map<string, GoValue>([['Name', name], ['BasePath', basePath]]), valuesType(compat)));
    let out: string;
    try {
      out = set.execute(name, context);
    } catch (e) {
      return { ok: false, error: toRenderError(e, 'exec', name, compat) };
    }
    outputs.set(name, replaceNoValue(out));
  }
  return { ok: true, outputs };
}

/**
 * One chart of a resolved tree (structurally the values layer's ResolvedChart): the loaded
 * chart, its name after aliasing, its template path prefix (`root` or `root/charts/kid`), its
 * metadata (alias applied), its coalesced `.Values` and its enabled subcharts.
 */
export interface RenderNode {
  readonly chart: Chart;
  readonly name: string;
  readonly path: string;
  readonly metadata: LoadedMetadata;
  readonly values: Map<string, GoValue>;
  readonly subcharts: readonly RenderNode[];
}

export interface TreeRenderRequest {
  readonly root: RenderNode;
  readonly compat: Compat;
  readonly release?: Partial<ReleaseInfo>;
  readonly capabilities?: CapabilitiesOptions;
  /** Bound on the total rendered text (UTF-16 code units); default DEFAULT_MAX_OUTPUT. */
  readonly maxOutput?: number;
}

/** Default bound on the total text a render may produce: 64 Mi characters. */
export const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

export type TreeRenderResult =
  | { readonly ok: true; readonly outputs: readonly (readonly [string, string])[] }
  | { readonly ok: false; readonly error: HelmRenderError };

/** A parsed template set for one (chart tree, compat, enabled subcharts); reused across renders. */
type ParsedTree =
  | {
      readonly ok: true;
      readonly set: TemplateSet;
      readonly order: readonly string[];
      /** Template name -> path of the chart it belongs to. */
      readonly owners: ReadonlyMap<string, string>;
    }
  | { readonly ok: false; readonly error: HelmRenderError };

const parsedTrees = new WeakMap<Chart, Map<string, ParsedTree>>();
const filesValues = new WeakMap<Chart, Map<string, GoValue>>();
const funcMaps = new Map<Compat, Map<string, GoFuncSpec>>();

function cachedFuncs(compat: Compat): Map<string, GoFuncSpec> {
  let f = funcMaps.get(compat);
  if (!f) {
    f = renderFuncs(compat);
    funcMaps.set(compat, f);
  }
  return f;
}

function isLibrary(node: RenderNode): boolean {
  return node.metadata.type === 'library';
}

/** Every chart of the tree, parents before their subcharts. */
function treeNodes(root: RenderNode): RenderNode[] {
  const out: RenderNode[] = [];
  const walk = (n: RenderNode): void => {
    out.push(n);
    for (const c of n.subcharts) walk(c);
  };
  walk(root);
  return out;
}

/** The template files of the tree by template name, with their text and chart (library charts: partials only). */
function treeTemplates(nodes: readonly RenderNode[]): Map<string, { text: string; node: RenderNode }> {
  const out = new Map<string, { text: string; node: RenderNode }>();
  for (const node of nodes) {
    for (const t of node.chart.templates) {
      const name = `${node.path}/${t.name}`;
      if (isLibrary(node) && !isPartial(name)) continue;
      out.set(name, { text: utf8Decode(t.data), node });
    }
  }
  return out;
}

function parseTree(templates: ReadonlyMap<string, { text: string; node: RenderNode }>, compat: Compat): ParsedTree {
  const order = helmTemplateOrder(templates.keys());
  const set = new TemplateSet({ funcs: cachedFuncs(compat), missingKey: 'zero', compat });
  // include/tpl must be known while parsing; each render rebinds them to its own clone.
  set.addFuncs(boundFuncs(set, { depth: new Map() }));
  for (const name of order) {
    try {
      set.parse(name, (templates.get(name) as { text: string }).text);
    } catch (e) {
      return { ok: false, error: toRenderError(e, 'parse', name, compat) };
    }
  }
  const owners = new Map<string, string>();
  for (const [name, t] of templates) owners.set(name, t.node.path);
  return { ok: true, set, order, owners };
}

function cachedParse(root: RenderNode, nodes: readonly RenderNode[], compat: Compat): ParsedTree {
  const key = compat + '\n' + nodes.map((n) => `${n.path}\u0000${isLibrary(n) ? 'L' : ''}`).join('\n');
  let byKey = parsedTrees.get(root.chart);
  if (!byKey) {
    byKey = new Map();
    parsedTrees.set(root.chart, byKey);
  }
  let parsed = byKey.get(key);
  if (!parsed) {
    parsed = parseTree(treeTemplates(nodes), compat);
    byKey.set(key, parsed);
  }
  return parsed;
}

function filesOf(chart: Chart): Map<string, GoValue> {
  let f = filesValues.get(chart);
  if (!f) {
    f = chartFilesFromBytes(chart.files);
    filesValues.set(chart, f);
  }
  return f;
}

/** Chart.yaml metadata as `.Chart` shows it. */
function contextMetadata(m: LoadedMetadata): ContextMetadata {
  return {
    name: m.name,
    version: m.version,
    apiVersion: m.apiVersion,
    ...(m.appVersion !== undefined ? { appVersion: m.appVersion } : {}),
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(m.home !== undefined ? { home: m.home } : {}),
    ...(m.icon !== undefined ? { icon: m.icon } : {}),
    ...(m.condition !== undefined ? { condition: m.condition } : {}),
    ...(m.tags !== undefined ? { tags: m.tags } : {}),
    ...(m.kubeVersion !== undefined ? { kubeVersion: m.kubeVersion } : {}),
    ...(m.type !== undefined ? { type: m.type } : {}),
    ...(m.deprecated !== undefined ? { deprecated: m.deprecated } : {}),
    ...(m.sources !== undefined ? { sources: [...m.sources] } : {}),
    ...(m.keywords !== undefined ? { keywords: [...m.keywords] } : {}),
    ...(m.annotations !== undefined ? { annotations: new Map(Object.keys(m.annotations).map((k) => [k, (m.annotations as Record<string, string>)[k]])) } : {}),
    ...(m.maintainers !== undefined ? { maintainers: m.maintainers } : {}),
    ...(m.dependencies !== undefined ? { dependencies: m.dependencies } : {}),
  };
}

/**
 * The per-chart render contexts (helm's recAllTpls): each chart gets its own `.Values`,
 * `.Chart`, `.Files` and `.Subcharts` (subchart name -> that subchart's context); `.Release`
 * and `.Capabilities` are shared.
 */
interface TreeContext {
  /** The context its templates execute with (typed chartutil.Values / common.Values). */
  readonly context: Map<string, GoValue>;
  /**
   * The same context as the parent's `.Subcharts.<name>` shows it: in Go one map seen through
   * two types (map[string]interface {} there); here a second map kept in step for `Template`.
   */
  readonly view?: Map<string, GoValue>;
}

function treeContexts(req: TreeRenderRequest): Map<RenderNode, TreeContext> {
  const { compat } = req;
  const release = releaseValue(req.release ?? {});
  const caps = capabilitiesValue(compat, req.capabilities ?? {});
  const out = new Map<RenderNode, TreeContext>();
  const build = (node: RenderNode, isRoot: boolean): Map<string, GoValue> => {
    const subcharts = new Map<string, GoValue>();
    const ctx = withType(
      new Map<string, GoValue>([
        ['Chart', chartValue(contextMetadata(node.metadata), compat, isRoot)],
        ['Files', filesOf(node.chart)],
        ['Release', release],
        ['Capabilities', caps],
        ['Values', withType(node.values, valuesType(compat))],
        ['Subcharts', subcharts],
      ]),
      valuesType(compat),
    );
    for (const c of node.subcharts) {
      build(c, false);
      subcharts.set(c.name, (out.get(c) as TreeContext).view as Map<string, GoValue>);
    }
    out.set(node, isRoot ? { context: ctx } : { context: ctx, view: withType(new Map(ctx), MAP_TYPE) });
    return ctx;
  };
  build(req.root, true);
  return out;
}

/**
 * Renders every non-partial template of a resolved chart tree: one template namespace for the
 * whole tree (helm's parse order and define precedence), each file executed with its chart's
 * context, `<no value>` removed. Outputs are in execution order. The parsed set is cached per
 * loaded root chart, compat and enabled subcharts.
 */
export function renderChartTree(req: TreeRenderRequest): TreeRenderResult {
  const { compat } = req;
  const nodes = treeNodes(req.root);
  const parsed = cachedParse(req.root, nodes, compat);
  if (!parsed.ok) return parsed;
  const byPath = new Map(nodes.map((n) => [n.path, n]));
  const set = parsed.set.clone();
  set.addFuncs(boundFuncs(set, { depth: new Map() }));
  const contexts = treeContexts(req);
  const max = req.maxOutput ?? DEFAULT_MAX_OUTPUT;
  let total = 0;
  const outputs: [string, string][] = [];
  for (const name of parsed.order) {
    if (isPartial(name)) continue;
    const node = byPath.get(parsed.owners.get(name) as string) as RenderNode;
    const { context, view } = contexts.get(node) as TreeContext;
    const template = withType(new Map<string, GoValue>([['Name', name], ['BasePath', `${node.path}/templates`]]), valuesType(compat));
    context.set('Template', template);
    view?.set('Template', template);
    let out: string;
    try {
      out = set.execute(name, context);
    } catch (e) {
      if (isStringTooLong(e)) return { ok: false, error: outputTooLarge(name, max) };
      return { ok: false, error: toRenderError(e, 'exec', name, compat) };
    }
    total += out.length;
    if (total > max) return { ok: false, error: outputTooLarge(name, max) };
    outputs.push([name, replaceNoValue(out)]);
  }
  return { ok: true, outputs };
}

function isStringTooLong(e: unknown): boolean {
  return e instanceof RangeError && /string length/i.test(e.message);
}

function outputTooLarge(name: string, max: number): HelmRenderError {
  return new HelmRenderError(`rendered output exceeds the limit of ${max} characters (while rendering ${name})`, 'render', name, undefined);
}

function toRenderError(e: unknown, phase: 'parse' | 'exec', name: string, compat: Compat): HelmRenderError {
  if (e instanceof TemplateError) {
    if (phase === 'parse') return new HelmRenderError(formatParseError(name, e.message), 'parse', name, e);
    return new HelmRenderError(formatExecError(name, errorChain(e), compat), 'exec', name, e);
  }
  // Anything else escaped the executor: helm recovers it as a failed render.
  const msg = e instanceof Error ? e.message : String(e);
  return new HelmRenderError(`rendering template failed: ${msg}`, 'render', name, e);
}
