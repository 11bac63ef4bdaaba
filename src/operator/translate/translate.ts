/**
 * IstioOperator -> one RenderPlan per enabled component (issue 6 contract; facts §3). Pure and
 * synchronous. The input is a validated IstioOperator (composeIstioOperator, then
 * safeValidateIstioOperator); the translation still reads it defensively, as untyped data.
 *
 * ownerName (label install.operator.istio.io/owning-resource) is metadata.name when set. Without a
 * name it is left out and the charts print "unknown", which is what istioctl 1.11 `manifest
 * generate` printed (only `istioctl install` named its saved CR installed-state[-<rev>]).
 */
import type { IstioOperator } from '../../generated/types.js';
import type { Issue } from '../issues.js';
import { chartKeys, pruneToChart } from './chart-keys.js';
import { at, clone, dotted, isObj, newObj, nonEmptyString, own, type Obj } from './data.js';
import { gatewayChartValues, type GatewayKind } from './gateway.js';
import { k8sSettings, overlaysOf, overlaysOnlyIssues } from './k8s.js';
import { componentNamespace, iopNamespace } from './namespaces.js';
import type { ChartName, ComponentName, RenderPlan, TranslateOptions, TranslateResult } from './types.js';
import { layeredValues, revisionOf } from './values.js';

const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** istioctl's Helm release name for every chart. */
export const RELEASE_NAME = 'istio';

const GATEWAY_LISTS: readonly { readonly key: 'ingressGateways' | 'egressGateways'; readonly kind: GatewayKind; readonly component: ComponentName; readonly defaultName: string }[] = [
  { key: 'ingressGateways', kind: 'ingress', component: 'IngressGateways', defaultName: 'istio-ingressgateway' },
  { key: 'egressGateways', kind: 'egress', component: 'EgressGateways', defaultName: 'istio-egressgateway' },
];

export function translate(iop: IstioOperator, options: TranslateOptions = {}): TranslateResult {
  const issues: Issue[] = [];
  const doc: unknown = iop;
  const spec: Obj = isObj(own(doc, 'spec')) ? (own(doc, 'spec') as Obj) : newObj();
  const ownerName = nonEmptyString(at(doc, 'metadata', 'name'));
  const revisionOverride = options.revision;
  if (revisionOverride !== undefined && revisionOverride !== '' && !DNS_LABEL.test(revisionOverride)) {
    return {
      ok: false,
      issues: [{
        severity: 'error',
        code: 'invalid-revision',
        path: '--revision',
        message: `${JSON.stringify(revisionOverride)} is not a valid revision: expected a DNS-1123 label (at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit)`,
      }],
    };
  }
  const components = own(spec, 'components');
  const enabled = (key: string): boolean => at(components, key, 'enabled') === true;
  const plans: RenderPlan[] = [];

  // The values every chart starts from (no component-specific layer): revision and gateway input.
  const common = layeredValues({ spec, ownerName, revisionOverride });
  const revision = revisionOf(common);

  const core = (
    component: ComponentName,
    key: string,
    chart: ChartName,
    namespace: string,
    layer: Pick<Parameters<typeof layeredValues>[0], 'hubTag' | 'k8s'>,
  ): void => {
    const path = ['spec', 'components', key, 'k8s'];
    const overlays = overlaysOf(at(components, key, 'k8s'), path, issues);
    const values = layeredValues({ spec, ownerName, revisionOverride, ...layer });
    plans.push({ component, chart, releaseName: RELEASE_NAME, namespace, revision, values: pruneToChart(chart, values), overlays });
  };

  if (enabled('base')) {
    issues.push(...overlaysOnlyIssues(at(components, 'base', 'k8s'), ['spec', 'components', 'base', 'k8s'], 'Base'));
    core('Base', 'base', 'base', iopNamespace(spec), {});
  }
  if (enabled('pilot')) {
    const settings = k8sSettings(at(components, 'pilot', 'k8s'), ['spec', 'components', 'pilot', 'k8s'], 'Deployment', issues);
    core('Pilot', 'pilot', 'istiod', componentNamespace(at(components, 'pilot'), spec), {
      hubTag: { componentKey: 'pilot', root: ['pilot'] },
      ...(settings !== undefined ? { k8s: { settings, root: ['pilot', 'k8s'] } } : {}),
    });
  }
  if (enabled('istiodRemote')) {
    issues.push(...overlaysOnlyIssues(at(components, 'istiodRemote', 'k8s'), ['spec', 'components', 'istiodRemote', 'k8s'], 'IstiodRemote'));
    core('IstiodRemote', 'istiodRemote', 'istiod-remote', componentNamespace(at(components, 'istiodRemote'), spec), {
      hubTag: { componentKey: 'istiodRemote', root: ['global'] },
    });
  }
  if (enabled('cni')) {
    const settings = k8sSettings(at(components, 'cni', 'k8s'), ['spec', 'components', 'cni', 'k8s'], 'DaemonSet', issues);
    core('Cni', 'cni', 'cni', componentNamespace(at(components, 'cni'), spec), {
      hubTag: { componentKey: 'cni', root: ['cni'] },
      ...(settings !== undefined ? { k8s: { settings, root: ['cni', 'k8s'] } } : {}),
    });
  }

  const seen = new Map<string, string>();
  const selectors = new Map<string, string>();
  for (const list of GATEWAY_LISTS) {
    const entries = gatewayEntries(own(components, list.key), common, list.kind);
    entries.forEach(({ entry, index }) => {
      if (own(entry, 'enabled') !== true) return;
      const entryPath = ['spec', 'components', list.key, index];
      const name = nonEmptyString(own(entry, 'name')) ?? list.defaultName;
      const namespace = componentNamespace(entry, spec);
      const id = `${namespace}/${name}`;
      const previous = seen.get(id);
      if (previous !== undefined) {
        issues.push({
          severity: 'error',
          code: 'duplicate-gateway',
          path: dotted(...entryPath, 'name'),
          message: `gateway ${JSON.stringify(name)} in namespace ${namespace} is already defined at ${previous}; its objects would collide`,
        });
        return;
      }
      seen.set(id, dotted(...entryPath));
      const overlays = overlaysOf(own(entry, 'k8s'), [...entryPath, 'k8s'], issues);
      const values = gatewayChartValues({ kind: list.kind, entry, entryPath, name, values: common, revision, ownerName }, issues);
      const selector = `${namespace}\0${String(at(values, 'labels', 'app'))}\0${String(at(values, 'labels', 'istio'))}`;
      const sharing = selectors.get(selector);
      if (sharing !== undefined) {
        issues.push({
          severity: 'warning',
          code: 'gateway-selector-shared',
          path: dotted(...entryPath, 'label'),
          message: `gateway ${JSON.stringify(name)} selects the same pods (labels app and istio) as ${sharing} in namespace ${namespace}, so their Services send traffic to both`,
          suggestion: 'give the entry its own label, e.g. label: {istio: <name>}',
        });
      } else selectors.set(selector, dotted(...entryPath));
      plans.push({
        component: list.component,
        gatewayName: name,
        chart: 'gateway',
        releaseName: RELEASE_NAME,
        namespace,
        revision,
        values: pruneToChart('gateway', values),
        overlays,
      });
    });
  }

  issues.push(...unusedUnvalidated(own(spec, 'unvalidatedValues')));
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return { ok: true, plans, warnings: issues };
}

/**
 * The gateway entries of one list with their indices. `values.gateways.<istio-x>gateway.enabled`
 * (a boolean) is promoted to the entry of that name, as istioctl 1.11 does (facts §3.3); when no
 * entry has that name and the value is true, an entry is added.
 */
function gatewayEntries(list: unknown, values: Obj, kind: GatewayKind): { entry: Obj; index: number }[] {
  const out: { entry: Obj; index: number }[] = [];
  if (Array.isArray(list)) list.forEach((e: unknown, index) => { if (isObj(e)) out.push({ entry: e, index }); });
  const name = kind === 'ingress' ? 'istio-ingressgateway' : 'istio-egressgateway';
  const promoted = at(values, 'gateways', name, 'enabled');
  if (typeof promoted !== 'boolean') return out;
  const i = out.findIndex((x) => own(x.entry, 'name') === name);
  if (i >= 0) {
    const entry = clone(out[i]?.entry) as Obj;
    entry['enabled'] = promoted;
    out[i] = { entry, index: out[i]?.index ?? i };
  } else if (promoted) {
    const entry = newObj();
    entry['name'] = name;
    entry['enabled'] = true;
    out.push({ entry, index: out.length });
  }
  return out;
}



const CHARTS: readonly ChartName[] = ['base', 'istiod', 'istiod-remote', 'cni'];

/** Top-level unvalidatedValues keys that no chart reads (spec.values keys are checked by the schema). */
function unusedUnvalidated(unvalidated: unknown): Issue[] {
  if (!isObj(unvalidated)) return [];
  return Object.keys(unvalidated)
    .filter((k) => k !== 'gateways' && !CHARTS.some((c) => chartKeys(c).has(k)))
    .map((k) => ({
      severity: 'warning' as const,
      code: 'value-unused',
      path: dotted('spec', 'unvalidatedValues', k),
      message: 'no chart reads this value; it is left out of every chart\'s values',
    }));
}
