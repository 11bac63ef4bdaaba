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
import { withType } from '../gotemplate/value.js';
import { sprigFuncs } from '../sprig/index.js';
import { renderContext, type ContextInput } from './context.js';
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

function toRenderError(e: unknown, phase: 'parse' | 'exec', name: string, compat: Compat): HelmRenderError {
  if (e instanceof TemplateError) {
    if (phase === 'parse') return new HelmRenderError(formatParseError(name, e.message), 'parse', name, e);
    return new HelmRenderError(formatExecError(name, errorChain(e), compat), 'exec', name, e);
  }
  // Anything else escaped the executor: helm recovers it as a failed render.
  const msg = e instanceof Error ? e.message : String(e);
  return new HelmRenderError(`rendering template failed: ${msg}`, 'render', name, e);
}
