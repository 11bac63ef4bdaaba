/**
 * Plans of the gateways: one per enabled entry of components.ingressGateways, then of
 * components.egressGateways, each rendering the gateway chart. Two enabled entries with one name
 * in one namespace are an error (their objects would collide); two that select the same pods are
 * a warning.
 */
import type { Issue } from '../issues.js';
import { pruneToChart } from './chart-keys.js';
import { RELEASE_NAME, type TranslateContext } from './context.js';
import { at, clone, dotted, isObj, newObj, nonEmptyString, own, type Obj } from './data.js';
import { gatewayChartValues, type GatewayKind } from './gateway.js';
import { overlaysOf } from './k8s.js';
import { componentNamespace } from './namespaces.js';
import type { ComponentName, RenderPlan } from './types.js';

const GATEWAY_LISTS: readonly { readonly key: string; readonly kind: GatewayKind; readonly component: ComponentName; readonly defaultName: string }[] = [
  { key: 'ingressGateways', kind: 'ingress', component: 'IngressGateways', defaultName: 'istio-ingressgateway' },
  { key: 'egressGateways', kind: 'egress', component: 'EgressGateways', defaultName: 'istio-egressgateway' },
];

export function gatewayPlans(ctx: TranslateContext, issues: Issue[]): RenderPlan[] {
  const plans: RenderPlan[] = [];
  const names = new Map<string, string>();
  const selectors = new Map<string, string>();
  for (const list of GATEWAY_LISTS) {
    for (const { entry, index } of gatewayEntries(at(ctx.spec, 'components', list.key), ctx.common, list.defaultName)) {
      if (own(entry, 'enabled') !== true) continue;
      const entryPath = ['spec', 'components', list.key, index];
      const name = nonEmptyString(own(entry, 'name')) ?? list.defaultName;
      const namespace = componentNamespace(entry, ctx.spec);
      const previous = names.get(`${namespace}\0${name}`);
      if (previous !== undefined) {
        issues.push({
          severity: 'error',
          code: 'duplicate-gateway',
          path: dotted(...entryPath, 'name'),
          message: `gateway ${JSON.stringify(name)} in namespace ${namespace} is already defined at ${previous}; its objects would collide`,
        });
        continue;
      }
      names.set(`${namespace}\0${name}`, dotted(...entryPath));
      const values = gatewayChartValues(
        { kind: list.kind, entry, entryPath, name, values: ctx.common, revision: ctx.revision, ownerName: ctx.ownerName },
        issues,
      );
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
        revision: ctx.revision,
        values: pruneToChart('gateway', values),
        overlays: overlaysOf(own(entry, 'k8s'), [...entryPath, 'k8s'], issues),
      });
    }
  }
  return plans;
}

/**
 * The entries of one list with their indices. `values.gateways.<defaultName>.enabled` (a boolean)
 * is promoted to the entry of that name, as istioctl 1.11 does (facts §3.3); when no entry has
 * that name and the value is true, an entry is added.
 */
function gatewayEntries(list: unknown, values: Obj, defaultName: string): { entry: Obj; index: number }[] {
  const out: { entry: Obj; index: number }[] = [];
  if (Array.isArray(list)) {
    list.forEach((e: unknown, index) => {
      if (isObj(e)) out.push({ entry: e, index });
    });
  }
  const promoted = at(values, 'gateways', defaultName, 'enabled');
  if (typeof promoted !== 'boolean') return out;
  const i = out.findIndex((x) => own(x.entry, 'name') === defaultName);
  const found = out[i];
  if (found !== undefined) {
    const entry = clone(found.entry) as Obj;
    entry['enabled'] = promoted;
    out[i] = { entry, index: found.index };
  } else if (promoted) {
    const entry = newObj();
    entry['name'] = defaultName;
    entry['enabled'] = true;
    out.push({ entry, index: Array.isArray(list) ? list.length : 0 });
  }
  return out;
}
