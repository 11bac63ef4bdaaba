/**
 * `render(input)`: `manifest generate` as a pure, synchronous library call.
 *
 *   compose (profile, -f files, the iop object, --set)  -> revision override
 *   -> validate the IstioOperator (errors stop; warnings are kept)
 *   -> translate into render plans (one per enabled component / gateway)
 *   -> --component filter
 *   -> render each plan's bundled chart (helm 4 `helm template` semantics), overlays
 *   -> strict Kubernetes validation of every object (Istio resources against the base chart's CRDs)
 *   -> ManifestSet in install order.
 *
 * safeRender never throws: every problem is an Issue. render throws IstioOperatorError.
 */
import { composeIstioOperator, type ComposeFile } from '../../operator/compose/index.js';
import { IstioOperatorError, type Issue, type SourceMap } from '../../operator/issues.js';
import { ISTIO_OPERATOR_API_VERSION, ISTIO_OPERATOR_KIND } from '../../operator/load.js';
import { translate } from '../../operator/translate/index.js';
import type { RenderPlan } from '../../operator/translate/types.js';
import { safeValidateIstioOperator } from '../../operator/validate/index.js';
import { jsonValueIssues } from '../../operator/validate/json-values.js';
import { validateObjects } from '../kube/index.js';
import { componentLabel, renderComponent } from './component.js';
import { defaultBaseCrds, planCrds } from './crds.js';
import { checkInput } from './input.js';
import { makeManifestSet } from './manifest-set.js';
import { apiGroup } from './order.js';
import { isPlainObject } from './plain.js';
import { gatewayEntryNames, selectPlans } from './select.js';
import type { ComponentManifest, ManifestObject, ManifestSet, RenderInput, SafeRenderResult } from './types.js';

/** The name issues show for `input.iop`. */
export const IOP_INPUT_NAME = '<iop>';

type Step<T> = { readonly ok: true; readonly value: T; readonly warnings: readonly Issue[] } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * input.iop as one more IstioOperator file (JSON is YAML), after checking it is JSON data. An
 * object without apiVersion and kind gets IstioOperator's (`{ spec: {...} }` is enough).
 */
function iopFile(iop: unknown): Step<ComposeFile> {
  const notJson = jsonValueIssues(iop, undefined).map((i) => ({ ...i, message: `${IOP_INPUT_NAME}: ${i.message}` }));
  if (notJson.length > 0) return { ok: false, issues: notJson };
  const doc = isPlainObject(iop) && iop.apiVersion === undefined && iop.kind === undefined ? { apiVersion: ISTIO_OPERATOR_API_VERSION, kind: ISTIO_OPERATOR_KIND, ...iop } : iop;
  return { ok: true, value: { name: IOP_INPUT_NAME, text: JSON.stringify(doc, null, 2) }, warnings: [] };
}

/** The composed document with spec.revision set to `revision` (a copy of the top two levels). */
function withRevision(doc: Record<string, unknown>, revision: string): Record<string, unknown> {
  const spec = isPlainObject(doc.spec) ? doc.spec : {};
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(doc)) out[k] = doc[k];
  const s: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(spec)) s[k] = spec[k];
  s.revision = revision;
  out.spec = s;
  return out;
}

interface Composed {
  readonly doc: Record<string, unknown>;
  readonly sourceMap: SourceMap;
}

function compose(input: RenderInput): Step<Composed> {
  const files: ComposeFile[] = [...(input.files ?? [])];
  if (input.iop !== undefined) {
    const f = iopFile(input.iop);
    if (!f.ok) return f;
    files.push(f.value);
  }
  const c = composeIstioOperator({
    ...(input.profile !== undefined ? { profile: input.profile } : {}),
    files,
    ...(input.set !== undefined ? { set: input.set } : {}),
  });
  if (!c.ok) return { ok: false, issues: c.issues };
  const doc = input.revision !== undefined ? withRevision(c.value, input.revision) : c.value;
  return { ok: true, value: { doc, sourceMap: c.sourceMap }, warnings: c.issues };
}

/** An issue of the Kubernetes validation of a rendered object. */
function objectIssue(o: ManifestObject, path: string, message: string, patched: boolean, force: boolean): Issue {
  const where = `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name}`;
  return {
    severity: force ? 'warning' : 'error',
    code: 'invalid-object',
    path: '',
    message: `${componentLabel(o)}: ${where}: ${path !== '' ? `${path}: ` : ''}${message}`,
    ...(patched ? { suggestion: "a k8s.overlays patch of this component changed the object; check the overlay's path and value" } : {}),
  };
}

function renderChecked(input: RenderInput, kubeVersion: string): SafeRenderResult {
  const warnings: Issue[] = [];
  const fail = (issues: readonly Issue[]): SafeRenderResult => ({ success: false, issues: [...issues.filter((i) => i.severity === 'error'), ...warnings, ...issues.filter((i) => i.severity !== 'error')] });

  const composed = compose(input);
  if (!composed.ok) return fail(composed.issues);
  warnings.push(...composed.warnings);

  const v = safeValidateIstioOperator(composed.value.doc, { sourceMap: composed.value.sourceMap, force: input.force === true });
  if (!v.success) return fail(v.issues);
  warnings.push(...v.warnings);

  const t = translate(v.data, input.revision !== undefined ? { revision: input.revision } : {});
  if (!t.ok) return fail(t.issues);
  warnings.push(...t.warnings);

  const selected = selectPlans(t.plans, input.components, gatewayEntryNames(v.data));
  if (!selected.ok) return fail(selected.issues);
  warnings.push(...selected.warnings);

  const components: ComponentManifest[] = [];
  const patched = new Set<ManifestObject>();
  const errors: Issue[] = [];
  for (const plan of selected.plans) {
    const r = renderComponent(plan, kubeVersion);
    if (!r.ok) {
      errors.push(...r.issues);
      continue;
    }
    warnings.push(...r.warnings);
    components.push(r.manifest);
    for (const o of r.patched) patched.add(o);
  }
  if (errors.length > 0) return fail(errors);

  const objects = components.flatMap((c) => c.objects);
  const basePlan: RenderPlan | undefined = t.plans.find((p) => p.component === 'Base');
  const crds = planCrds(kubeVersion, basePlan, components);
  const data = objects.map((o) => o.object);
  let kubeIssues = validateObjects(data, { version: kubeVersion, crds });
  if (kubeIssues.some((k) => k.code === 'unknown-kind')) kubeIssues = validateObjects(data, { version: kubeVersion, crds: [...defaultBaseCrds(kubeVersion), ...crds] });
  const force = input.force === true;
  const kube = kubeIssues.map((k) => objectIssue(objects[k.document], k.path, k.message, patched.has(objects[k.document]), force));
  if (!force && kube.length > 0) return fail(kube);
  warnings.push(...kube);
  warnings.push(...duplicates(objects));

  return { success: true, data: makeManifestSet(components, warnings, kubeVersion) };
}

/** A warning per object that two components (or one, twice) render with the same kind, namespace and name. */
function duplicates(objects: readonly ManifestObject[]): Issue[] {
  const seen = new Map<string, ManifestObject>();
  const out: Issue[] = [];
  for (const o of objects) {
    const key = `${apiGroup(o.apiVersion)}\0${o.kind}\0${o.namespace ?? ''}\0${o.name}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, o);
    else {
      out.push({
        severity: 'warning',
        code: 'duplicate-object',
        path: '',
        message: `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name} is rendered by ${componentLabel(first)} and again by ${componentLabel(o)}; the later one wins when applied`,
      });
    }
  }
  return out;
}

/** Renders without throwing: the ManifestSet, or every issue (errors first). */
export function safeRender(input?: RenderInput): SafeRenderResult {
  try {
    const checked = checkInput(input);
    if (!checked.ok) return { success: false, issues: checked.issues };
    return renderChecked(checked.input, checked.kubeVersion);
  } catch (e) {
    // Every expected failure is data above; reaching here is a bug of ours.
    const message = e instanceof RangeError ? 'the input nests too deeply to render' : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { success: false, issues: [{ severity: 'error', code: 'internal-error', path: '', message }] };
  }
}

/** Renders, returning the ManifestSet; throws IstioOperatorError listing every issue on failure. */
export function render(input?: RenderInput): ManifestSet {
  const r = safeRender(input);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.data;
}
