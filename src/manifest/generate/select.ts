/**
 * `--component NAME`: which plans to render. A name is a component name as istioctl prints it
 * (Base, Pilot, Cni, IstiodRemote, IngressGateways, EgressGateways; any letter case) or the name
 * of a gateway entry (istio-ingressgateway, ...), which selects that gateway alone.
 */
import type { Issue } from '../../operator/issues.js';
import type { ComponentName, RenderPlan } from '../../operator/translate/types.js';

export const COMPONENT_NAMES: readonly ComponentName[] = ['Base', 'Pilot', 'Cni', 'IstiodRemote', 'IngressGateways', 'EgressGateways'];

export type SelectResult = { readonly ok: true; readonly plans: readonly RenderPlan[]; readonly warnings: readonly Issue[] } | { readonly ok: false; readonly issues: readonly Issue[] };

function componentNamed(name: string): ComponentName | undefined {
  const lower = name.toLowerCase();
  return COMPONENT_NAMES.find((c) => c.toLowerCase() === lower);
}

/** The names of the gateway entries an IstioOperator lists (enabled or not). */
export function gatewayEntryNames(iop: unknown): string[] {
  const at = (v: unknown, k: string): unknown => (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<string, unknown>)[k] : undefined);
  const components = at(at(iop, 'spec'), 'components');
  const out: string[] = [];
  for (const list of [at(components, 'ingressGateways'), at(components, 'egressGateways')]) {
    if (Array.isArray(list)) for (const g of list) if (typeof at(g, 'name') === 'string') out.push(at(g, 'name') as string);
  }
  return out;
}

/**
 * The plans `names` select (all when none are given). `declaredGateways`: gateway entry names of
 * the IstioOperator, so naming a disabled gateway warns like naming a disabled component.
 */
export function selectPlans(plans: readonly RenderPlan[], names: readonly string[] | undefined, declaredGateways: readonly string[] = []): SelectResult {
  if (names === undefined || names.length === 0) return { ok: true, plans, warnings: [] };
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const keep = new Set<RenderPlan>();
  for (const name of names) {
    const gateways = plans.filter((p) => p.gatewayName !== undefined && p.gatewayName === name);
    const component = componentNamed(name);
    const matched = gateways.length > 0 ? gateways : component !== undefined ? plans.filter((p) => p.component === component) : [];
    if (matched.length > 0) {
      for (const p of matched) keep.add(p);
    } else if (component !== undefined) {
      warnings.push({ severity: 'warning', code: 'component-not-enabled', path: '', message: `component ${component} is not enabled; it renders nothing` });
    } else if (declaredGateways.includes(name)) {
      warnings.push({ severity: 'warning', code: 'component-not-enabled', path: '', message: `gateway ${name} is not enabled; it renders nothing` });
    } else {
      const gatewayNames = plans.filter((p) => p.gatewayName !== undefined).map((p) => p.gatewayName as string);
      issues.push({
        severity: 'error',
        code: 'unknown-component',
        path: '',
        message: `no component or gateway is named ${JSON.stringify(name)}`,
        suggestion: `components: ${COMPONENT_NAMES.join(', ')}${gatewayNames.length > 0 ? `; enabled gateways: ${gatewayNames.join(', ')}` : ''}`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, plans: plans.filter((p) => keep.has(p)), warnings };
}
