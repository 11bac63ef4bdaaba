/**
 * One render plan -> the component's objects: the plan's values written as a values file (the
 * file `manifest values` writes), the bundled chart rendered with it as `helm template` (helm 4)
 * would, the documents parsed, then the plan's k8s.overlays applied to copies of the objects.
 * Objects an overlay changed are printed again (go-yaml v2 style); the others keep helm's text.
 */
import { renderChart } from '../../helm/render.js';
import type { Issue } from '../../operator/issues.js';
import type { RenderPlan } from '../../operator/translate/types.js';
import { marshalYaml } from '../../yaml/index.js';
import { applyOverlays, type OverlayTarget } from '../overlay/index.js';
import { bundledChart } from './charts.js';
import { parseDocument } from './parse.js';
import { deepCopy, isPlainObject, toGoValue } from './plain.js';
import type { ComponentManifest, ManifestObject } from './types.js';

export type ComponentResult =
  | { readonly ok: true; readonly manifest: ComponentManifest; readonly warnings: readonly Issue[]; readonly patched: ReadonlySet<ManifestObject> }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** `Pilot`, or `IngressGateways istio-ingressgateway`: how messages name a plan's component. */
export function componentLabel(c: { readonly component: string; readonly gatewayName?: string }): string {
  return c.gatewayName !== undefined ? `${c.component} ${c.gatewayName}` : c.component;
}

const valuesTexts = new Map<string, string>();
const MAX_VALUES_TEXTS = 64;

/** The values file of a plan: its values as go-yaml v2 prints them (keys sorted), ending with a newline. */
export function valuesYaml(values: Readonly<Record<string, unknown>>): string {
  // Printing is slower than JSON.stringify: equal values (as JSON) print equal YAML.
  const key = JSON.stringify(values);
  let text = valuesTexts.get(key);
  if (text === undefined) {
    text = marshalYaml(toGoValue(values));
    if (valuesTexts.size >= MAX_VALUES_TEXTS) valuesTexts.delete(valuesTexts.keys().next().value as string);
    valuesTexts.set(key, text);
  }
  return text;
}

/** The values file's name in helm messages. */
function valuesFileName(plan: RenderPlan): string {
  return `${plan.gatewayName ?? plan.component}.values.yaml`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Renders one plan's chart; `kubeVersion` is one of KUBE_VERSIONS. */
export function renderComponent(plan: RenderPlan, kubeVersion: string): ComponentResult {
  const label = componentLabel(plan);
  const yaml = valuesYaml(plan.values);
  const r = renderChart(bundledChart(plan.chart), {
    compat: 'helm4',
    releaseName: plan.releaseName,
    namespace: plan.namespace,
    kubeVersion,
    valueFiles: [{ name: valuesFileName(plan), text: yaml }],
  });
  const warnings: Issue[] = r.warnings.map((w) => ({
    severity: 'warning',
    code: 'chart-warning',
    path: '',
    message: `${label}: chart ${plan.chart}: ${w.trim()}`,
  }));
  if (!r.ok) {
    return {
      ok: false,
      issues: [...warnings, { severity: 'error', code: 'chart-render-failed', path: '', message: `${label}: chart ${plan.chart} failed to render: ${r.error.message}` }],
    };
  }

  const objects: { object: Record<string, unknown>; yaml: string }[] = [];
  const issues: Issue[] = [];
  for (const m of r.manifests) {
    // The document as printed (helm ends it with a newline, which a final block scalar keeps).
    const text = `${m.text}\n`;
    const o = parseDocument(text);
    if (o === null) continue; // a document of comments only
    if (!isPlainObject(o)) {
      issues.push({ severity: 'error', code: 'invalid-object', path: '', message: `${label}: ${m.source} renders a document that is not a Kubernetes object` });
      continue;
    }
    objects.push({ object: o, yaml: text });
  }
  if (issues.length > 0) return { ok: false, issues };

  const patchedIndexes = new Set<number>();
  if (plan.overlays.length > 0) {
    const targets: OverlayTarget[] = objects.map(({ object }) => {
      const copy = deepCopy(object) as Record<string, unknown>;
      const md = isPlainObject(copy.metadata) ? copy.metadata : {};
      const ns = str(md.namespace);
      return { object: copy, kind: str(copy.kind) ?? '', name: str(md.name) ?? '', ...(ns !== undefined ? { namespace: ns } : {}) };
    });
    const o = applyOverlays(targets, plan.overlays, { component: plan.component, namespace: plan.namespace, revision: plan.revision });
    if (!o.ok) return { ok: false, issues: o.issues };
    for (const i of o.changed) {
      objects[i] = { object: targets[i].object, yaml: marshalYaml(toGoValue(targets[i].object)) };
      patchedIndexes.add(i);
    }
  }

  const patched = new Set<ManifestObject>();
  const out = objects.map(({ object, yaml: text }, i): ManifestObject => {
    const md = isPlainObject(object.metadata) ? object.metadata : {};
    const ns = str(md.namespace);
    const mo: ManifestObject = {
      component: plan.component,
      ...(plan.gatewayName !== undefined ? { gatewayName: plan.gatewayName } : {}),
      apiVersion: str(object.apiVersion) ?? '',
      kind: str(object.kind) ?? '',
      name: str(md.name) ?? '',
      ...(ns !== undefined ? { namespace: ns } : {}),
      object,
      yaml: text,
    };
    if (patchedIndexes.has(i)) patched.add(mo);
    return mo;
  });
  const manifest: ComponentManifest = {
    component: plan.component,
    ...(plan.gatewayName !== undefined ? { gatewayName: plan.gatewayName } : {}),
    chart: plan.chart,
    namespace: plan.namespace,
    values: plan.values,
    valuesYaml: yaml,
    objects: out,
  };
  return { ok: true, manifest, warnings, patched };
}
