/**
 * Plans of the core components, in contract order: Base (chart base), Pilot (istiod),
 * IstiodRemote (istiod-remote), Cni (cni). A component renders when components.X.enabled is true.
 *
 * With both Base and IstiodRemote enabled, base gets an empty global.remotePilotAddress: the
 * Service (and Endpoints) standing for the remote istiod is rendered once, by istiod-remote.
 */
import type { Issue } from '../issues.js';
import { pruneToChart } from './chart-keys.js';
import { RELEASE_NAME, type TranslateContext } from './context.js';
import { at, own, setAt } from './data.js';
import { k8sSettings, overlaysOf, overlaysOnlyIssues } from './k8s.js';
import { componentNamespace, iopNamespace } from './namespaces.js';
import type { ChartName, ComponentName, RenderPlan } from './types.js';
import { layeredValues, type LayerInput } from './values.js';

interface CoreComponent {
  readonly component: ComponentName;
  /** Key under spec.components. */
  readonly key: string;
  readonly chart: ChartName;
  /** Where components.X.hub/tag go in this chart's values (none for Base). */
  readonly hubTagRoot?: readonly string[];
  /** Where components.X.k8s settings go, and the workload kind; undefined: overlays only. */
  readonly k8s?: { readonly root: readonly string[]; readonly kind: 'Deployment' | 'DaemonSet' };
}

const CORE: readonly CoreComponent[] = [
  { component: 'Base', key: 'base', chart: 'base' },
  { component: 'Pilot', key: 'pilot', chart: 'istiod', hubTagRoot: ['pilot'], k8s: { root: ['pilot', 'k8s'], kind: 'Deployment' } },
  { component: 'IstiodRemote', key: 'istiodRemote', chart: 'istiod-remote', hubTagRoot: ['global'] },
  { component: 'Cni', key: 'cni', chart: 'cni', hubTagRoot: ['cni'], k8s: { root: ['cni', 'k8s'], kind: 'DaemonSet' } },
];

export function corePlans(ctx: TranslateContext, issues: Issue[]): RenderPlan[] {
  const components = own(ctx.spec, 'components');
  const plans: RenderPlan[] = [];
  for (const c of CORE) {
    const spec = at(components, c.key);
    if (own(spec, 'enabled') !== true) continue;
    const k8sPath = ['spec', 'components', c.key, 'k8s'];
    const k8s = own(spec, 'k8s');
    const layer: { -readonly [K in keyof LayerInput]: LayerInput[K] } = { spec: ctx.spec, ownerName: ctx.ownerName, revisionOverride: ctx.revisionOverride };
    if (c.hubTagRoot !== undefined) layer.hubTag = { componentKey: c.key, root: c.hubTagRoot };
    if (c.k8s === undefined) issues.push(...overlaysOnlyIssues(k8s, k8sPath, c.component));
    else {
      const settings = k8sSettings(k8s, k8sPath, c.k8s.kind, issues);
      if (settings !== undefined) layer.k8s = { settings, root: c.k8s.root };
    }
    const values = layeredValues(layer);
    if (c.component === 'Base' && own(at(components, 'istiodRemote'), 'enabled') === true && at(values, 'global', 'remotePilotAddress') !== undefined) {
      setAt(values, ['global', 'remotePilotAddress'], '');
    }
    plans.push({
      component: c.component,
      chart: c.chart,
      releaseName: RELEASE_NAME,
      // Base always lives in the IstioOperator namespace (it has no components.base.namespace).
      namespace: c.component === 'Base' ? iopNamespace(ctx.spec) : componentNamespace(spec, ctx.spec),
      revision: ctx.revision,
      values: pruneToChart(c.chart, values),
      overlays: overlaysOf(k8s, k8sPath, issues),
    });
  }
  return plans;
}
