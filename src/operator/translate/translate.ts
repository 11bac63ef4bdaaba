/**
 * IstioOperator -> one RenderPlan per enabled component (issue 6 contract; facts §3). Pure and
 * synchronous. The input is a validated IstioOperator (composeIstioOperator, then
 * safeValidateIstioOperator); the translation still reads it defensively, as untyped data.
 *
 * Plans come in the order Base, Pilot, IstiodRemote, Cni, then every enabled ingress gateway
 * entry, then every enabled egress gateway entry. Errors are returned together (ok: false);
 * otherwise the warnings come with the plans.
 *
 * ownerName (label install.operator.istio.io/owning-resource) is metadata.name when set. Without a
 * name it is left out and the charts print "unknown", which is what istioctl 1.11 `manifest
 * generate` printed (only `istioctl install` named its saved CR installed-state[-<rev>]).
 */
import type { IstioOperator } from '../../generated/types.js';
import type { Issue } from '../issues.js';
import { revisionProblem } from '../validate/rules/patterns.js';
import { chartKeys } from './chart-keys.js';
import type { TranslateContext } from './context.js';
import { corePlans } from './core.js';
import { at, dotted, isObj, newObj, nonEmptyString, own, type Obj } from './data.js';
import { gatewayPlans } from './gateway-plans.js';
import type { ChartName, RenderPlan, TranslateOptions, TranslateResult } from './types.js';
import { layeredValues, revisionOf } from './values.js';


export function translate(iop: IstioOperator, options: TranslateOptions = {}): TranslateResult {
  const doc: unknown = iop;
  const rawSpec = own(doc, 'spec');
  const spec: Obj = isObj(rawSpec) ? rawSpec : newObj();
  const ownerName = nonEmptyString(at(doc, 'metadata', 'name'));
  const revisionOverride = options.revision;
  const revisionIssue = revisionOverride === undefined ? undefined : revisionProblem(revisionOverride);
  if (revisionIssue !== undefined) {
    return { ok: false, issues: [{ severity: 'error', code: 'invalid-revision', path: '--revision', message: revisionIssue }] };
  }
  const common = layeredValues({ spec, ownerName, revisionOverride });
  const ctx: TranslateContext = { spec, ownerName, revisionOverride, revision: revisionOf(common), common };
  const issues: Issue[] = [];
  const plans = [...corePlans(ctx, issues), ...gatewayPlans(ctx, issues)];
  issues.push(...unusedUnvalidated(own(spec, 'unvalidatedValues')));
  issues.push(...namespaceMismatch(ctx, plans));
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return { ok: true, plans, warnings: issues };
}

const CORE_CHARTS: readonly ChartName[] = ['base', 'istiod', 'istiod-remote', 'cni'];

/** Top-level unvalidatedValues keys that no chart reads (spec.values keys are checked by the schema). */
function unusedUnvalidated(unvalidated: unknown): Issue[] {
  if (!isObj(unvalidated)) return [];
  return Object.keys(unvalidated)
    .filter((k) => k !== 'gateways' && !CORE_CHARTS.some((c) => chartKeys(c).has(k)))
    .map((k) => ({
      severity: 'warning' as const,
      code: 'value-unused',
      path: dotted('spec', 'unvalidatedValues', k),
      message: "no chart reads this value; it is left out of every chart's values",
    }));
}

/**
 * istiod installed outside values.global.istioNamespace: the charts point proxies, webhooks and
 * gateways at istiod.<istioNamespace>, so nothing would reach it. Typically spec.namespace was
 * set without values.global.istioNamespace (the default profile sets istio-system).
 */
function namespaceMismatch(ctx: TranslateContext, plans: readonly RenderPlan[]): Issue[] {
  const pilot = plans.find((p) => p.component === 'Pilot');
  const istioNamespace = at(pilot?.values, 'global', 'istioNamespace');
  if (pilot === undefined || typeof istioNamespace !== 'string' || istioNamespace === pilot.namespace) return [];
  const fromComponent = nonEmptyString(at(ctx.spec, 'components', 'pilot', 'namespace')) !== undefined;
  return [{
    severity: 'warning',
    code: 'namespace-mismatch',
    path: fromComponent ? 'spec.components.pilot.namespace' : 'spec.namespace',
    message: `istiod is installed in namespace ${pilot.namespace} but values.global.istioNamespace is ${istioNamespace}, where proxies, webhooks and gateways will look for it`,
    suggestion: `also set values.global.istioNamespace=${pilot.namespace}`,
  }];
}
