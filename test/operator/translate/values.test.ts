/** Values layering (facts §3.2): API fields, spec.values, k8s, unvalidatedValues; hub/tag per component; revision; ownerName; namespaces. */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/operator/translate/index.js';
import type { IstioOperator } from '../../../src/operator/validate/index.js';
import { at, find, iopOf, plain, plan, plansOf, rendered, translateOk } from './helpers.js';

const container = (o: Record<string, unknown>, name: string): Record<string, unknown> => {
  const list = at(o, 'spec', 'template', 'spec', 'containers') as Record<string, unknown>[];
  const c = list.find((x) => x['name'] === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
};

describe('layering', () => {
  it('API fields reach the charts: hub, tag, meshConfig, istioNamespace, enablement', () => {
    const p = plan(plansOf('default', [], ['hub=my.hub/istio', 'tag=1.2.3', 'meshConfig.accessLogFile=/dev/stdout']), 'Pilot');
    expect(at(p.values, 'global', 'hub')).toBe('my.hub/istio');
    expect(at(p.values, 'global', 'tag')).toBe('1.2.3');
    expect(at(p.values, 'meshConfig', 'accessLogFile')).toBe('/dev/stdout');
    expect(at(p.values, 'global', 'istioNamespace')).toBe('istio-system');
    expect(at(p.values, 'pilot', 'enabled')).toBe(true);
    expect(at(p.values, 'istio_cni', 'enabled')).toBe(false);
    expect(plan(plansOf('openshift'), 'Pilot').values['istio_cni']).toMatchObject({ enabled: true });
  });

  it('spec.values win over API fields, unvalidatedValues win over spec.values', () => {
    const file = `
spec:
  hub: api.hub/istio
  meshConfig:
    accessLogFile: /api
    enableTracing: true
  values:
    global:
      hub: values.hub/istio
      tag: values-tag
    meshConfig:
      accessLogFile: /values
  unvalidatedValues:
    global:
      tag: unvalidated-tag
`;
    const p = plan(plansOf('default', [file]), 'Pilot');
    expect(at(p.values, 'global', 'hub')).toBe('values.hub/istio');
    expect(at(p.values, 'global', 'tag')).toBe('unvalidated-tag');
    // meshConfig merges key by key: the values layer overrides one key, keeps the API's others.
    expect(at(p.values, 'meshConfig', 'accessLogFile')).toBe('/values');
    expect(at(p.values, 'meshConfig', 'enableTracing')).toBe(true);
  });

  it('values.global.istioNamespace (profile) wins over the Pilot namespace, as in 1.11, with a warning', () => {
    const r = translateOk(iopOf('default', [], ['components.pilot.namespace=istio-cp']));
    const p = plan(r.plans, 'Pilot');
    expect(p.namespace).toBe('istio-cp');
    expect(at(p.values, 'global', 'istioNamespace')).toBe('istio-system');
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([['namespace-mismatch', 'spec.components.pilot.namespace']]);
    const both = translateOk(iopOf('default', [], ['namespace=mesh', 'values.global.istioNamespace=mesh']));
    expect(both.warnings).toEqual([]);
    expect(at(plan(both.plans, 'Pilot').values, 'global', 'istioNamespace')).toBe('mesh');
  });

  it('spec.namespace moves Base and gateways; components.X.namespace moves that component only', () => {
    const plans = plansOf('default', [], ['namespace=mesh', 'components.ingressGateways[0].namespace=edge']);
    expect(plan(plans, 'Base').namespace).toBe('mesh');
    expect(plan(plans, 'Pilot').namespace).toBe('mesh');
    expect(plan(plans, 'IngressGateways').namespace).toBe('edge');
  });

  it('chart defaults are not copied in (the chart coalesces them)', () => {
    const p = plan(plansOf('minimal'), 'Pilot');
    expect(at(p.values, 'pilot', 'k8s')).toBeUndefined();
    expect(at(p.values, 'sidecarInjectorWebhook')).toBeUndefined();
  });

  it('values are null-prototype plain data all the way down', () => {
    const bad: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (typeof v === 'object' && v !== null) {
        if (Object.getPrototypeOf(v) !== null) bad.push(path);
        for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      } else if (!['string', 'number', 'boolean'].includes(typeof v)) bad.push(path);
    };
    for (const p of plansOf('demo', [], ['values.global.imagePullSecrets[0]=s', 'values.gateways.istio-ingressgateway.env.A=1'])) walk(p.values, p.component);
    expect(bad).toEqual([]);
  });

  it('__proto__ keys in unvalidatedValues stay data', () => {
    const iop = JSON.parse('{"spec":{"components":{"pilot":{"enabled":true}},"unvalidatedValues":{"__proto__":{"polluted":1},"global":{"__proto__":{"x":1}}}}}') as IstioOperator;
    const r = translate(iop);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('the input is not modified', () => {
    const iop = iopOf('demo', [], ['components.pilot.k8s.replicaCount=3']);
    const before = JSON.stringify(iop);
    translateOk(iop, { revision: 'x' });
    expect(JSON.stringify(iop)).toBe(before);
  });
});

describe('hub and tag per component', () => {
  const file = `
spec:
  hub: spec.hub/istio
  tag: spec-tag
  components:
    pilot:
      hub: pilot.hub/istio
      tag: 2
    cni:
      enabled: true
      hub: cni.hub/istio
      tag: cni-tag
`;
  it('pilot hub/tag go to pilot.hub/tag of istiod only', () => {
    const plans = plansOf('default', [file]);
    const pilot = plan(plans, 'Pilot');
    expect(at(pilot.values, 'pilot', 'hub')).toBe('pilot.hub/istio');
    expect(at(pilot.values, 'pilot', 'tag')).toBe('2');
    expect(at(pilot.values, 'global', 'hub')).toBe('spec.hub/istio');
    const image = container(find(rendered(pilot), 'Deployment', 'istiod'), 'discovery')['image'];
    expect(image).toBe('pilot.hub/istio/pilot:2');
    expect(at(plan(plans, 'Cni').values, 'pilot')).toBeUndefined();
    expect(at(plan(plans, 'Base').values, 'global', 'hub')).toBe('spec.hub/istio');
  });

  it('cni hub/tag go to cni.hub/tag of the cni chart only', () => {
    const plans = plansOf('default', [file]);
    const cni = plan(plans, 'Cni');
    expect(at(cni.values, 'cni', 'hub')).toBe('cni.hub/istio');
    expect(container(find(rendered(cni), 'DaemonSet', 'istio-cni-node'), 'install-cni')['image']).toBe('cni.hub/istio/install-cni:cni-tag');
    expect(at(plan(plans, 'Pilot').values, 'cni')).toBeUndefined();
  });

  it('istiodRemote hub/tag do not leak into other charts (1.11 quirk fixed)', () => {
    const plans = plansOf('default', [], ['components.istiodRemote.enabled=true', 'components.istiodRemote.hub=remote.hub/x', 'components.istiodRemote.tag=r1']);
    expect(at(plan(plans, 'IstiodRemote').values, 'global', 'hub')).toBe('remote.hub/x');
    expect(at(plan(plans, 'IstiodRemote').values, 'global', 'tag')).toBe('r1');
    for (const c of ['Base', 'Pilot']) {
      expect(at(plan(plans, c).values, 'global', 'hub')).toBe('docker.io/istio');
      expect(at(plan(plans, c).values, 'global', 'tag')).toBe('1.11.8');
    }
  });

  it('gateway hub/tag become the injector proxy image annotation', () => {
    const p = plan(plansOf('default', [], ['components.ingressGateways[0].hub=gw.hub/istio', 'components.ingressGateways[0].tag=gw-tag']), 'IngressGateways');
    expect(at(p.values, 'k8s', 'podAnnotations', 'sidecar.istio.io/proxyImage')).toBe('gw.hub/istio/proxyv2:gw-tag');
    const d = find(rendered(p), 'Deployment', 'istio-ingressgateway');
    expect(at(d, 'spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/proxyImage')).toBe('gw.hub/istio/proxyv2:gw-tag');
    // Only the tag: the hub comes from spec.hub.
    const t = plan(plansOf('default', [], ['components.ingressGateways[0].tag=only-tag']), 'IngressGateways');
    expect(at(t.values, 'k8s', 'podAnnotations', 'sidecar.istio.io/proxyImage')).toBe('docker.io/istio/proxyv2:only-tag');
    // Neither: no annotation (the injector uses the control plane's image).
    expect(at(plan(plansOf('default'), 'IngressGateways').values, 'k8s', 'podAnnotations')).toBeUndefined();
  });
});

describe('revision', () => {
  it('spec.revision reaches every plan and chart', () => {
    const plans = plansOf('default', [], ['revision=canary']);
    for (const p of plans) {
      expect(p.revision).toBe('canary');
      expect(p.chart === 'base' ? undefined : p.values['revision']).toBe(p.chart === 'base' ? undefined : 'canary');
    }
    expect(find(rendered(plan(plans, 'Pilot')), 'Deployment', 'istiod-canary')).toBeDefined();
  });

  it('the option overrides spec.revision; an empty option means the default revision', () => {
    expect(plan(plansOf('default', [], ['revision=canary'], { revision: 'blue' }), 'Pilot').values['revision']).toBe('blue');
    const p = plan(plansOf('default', [], ['revision=canary'], { revision: '' }), 'Pilot');
    expect(p.revision).toBe('');
    expect(p.values['revision']).toBeUndefined();
  });

  it('values.revision alone sets the plan revision too', () => {
    expect(plan(plansOf('default', [], ['values.revision=v2']), 'IngressGateways').revision).toBe('v2');
  });
});

describe('ownerName', () => {
  it('is metadata.name, on the core charts and the gateway label', () => {
    const plans = plansOf('default', ['metadata:\n  name: my-iop\n']);
    expect(plan(plans, 'Pilot').values['ownerName']).toBe('my-iop');
    expect(at(plan(plans, 'IngressGateways').values, 'labels', 'install.operator.istio.io/owning-resource')).toBe('my-iop');
    const d = find(rendered(plan(plans, 'Pilot')), 'Deployment', 'istiod');
    expect(at(d, 'metadata', 'labels', 'install.operator.istio.io/owning-resource')).toBe('my-iop');
  });

  it('is left out without a name: the charts print "unknown", as istioctl 1.11 manifest generate did', () => {
    const plans = plansOf('default');
    expect(plan(plans, 'Pilot').values['ownerName']).toBeUndefined();
    expect(at(plan(plans, 'IngressGateways').values, 'labels', 'install.operator.istio.io/owning-resource')).toBe('unknown');
    expect(plain(at(find(rendered(plan(plans, 'Pilot')), 'Deployment', 'istiod'), 'metadata', 'labels'))).toMatchObject({
      'install.operator.istio.io/owning-resource': 'unknown',
    });
  });
});

describe('edge cases', () => {
  it('an IstioOperator without spec has no plans', () => {
    expect(translate({})).toEqual({ ok: true, plans: [], warnings: [] });
  });

  it('an invalid --revision is an error', () => {
    const r = translate(iopOf('default'), { revision: 'Not_Valid' });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['invalid-revision', '--revision']]);
  });

  // R3's report: a 60-character revision rendered a Service istiod-<revision> the API server refuses (67 > 63).
  it('a revision is at most 56 characters: istiod-<revision> is a Service name', () => {
    expect(translate(iopOf('default'), { revision: 'r'.repeat(56) }).ok).toBe(true);
    const r = translate(iopOf('default'), { revision: 'r'.repeat(57) });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['invalid-revision', '--revision', `"${'r'.repeat(57)}" is too long for a revision (57 characters): at most 56, since the Service istiod-<revision> must be a DNS label of at most 63 characters`],
    ]);
  });
});

describe('pruning', () => {
  it('each chart gets only its own top-level keys', () => {
    const plans = plansOf('default', [], ['components.cni.enabled=true', 'components.istiodRemote.enabled=true']);
    expect(Object.keys(plan(plans, 'Base').values).sort()).toEqual(['base', 'global', 'pilot']);
    expect(Object.keys(plan(plans, 'Cni').values).sort()).toEqual(['global']);
    expect(Object.keys(plan(plans, 'Pilot').values)).not.toContain('gateways');
    expect(Object.keys(plan(plans, 'IstiodRemote').values)).not.toContain('gateways');
    expect(Object.keys(plan(plans, 'IngressGateways').values)).not.toContain('global');
  });

  it('an unvalidatedValues key no chart reads is dropped with a warning', () => {
    const r = translateOk(iopOf('default', ['spec:\n  unvalidatedValues:\n    notAChartKey: 1\n    pilot:\n      extra: 2\n']));
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([['value-unused', 'spec.unvalidatedValues.notAChartKey']]);
    for (const p of r.plans) expect(Object.keys(p.values)).not.toContain('notAChartKey');
    expect(at(plan(r.plans, 'Pilot').values, 'pilot', 'extra')).toBe(2);
  });
});
