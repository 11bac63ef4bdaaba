/**
 * The §3.5 example overlays (istioctl's pilot_override_kubernetes input) against what the
 * repository's own charts render, so the example paths are known to resolve on real output.
 */
import { describe, expect, it } from 'vitest';
import { applyOverlays, type K8sObjectOverlay, type OverlayContext, type OverlayTarget } from '../../../src/manifest/overlay/index.js';
import { parseDocs, renderOurs } from '../../charts/render.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function targets(chart: string, set: string[] = []): OverlayTarget[] {
  const out = renderOurs(chart, { set });
  expect(out.exitCode, out.stderr).toBe(0);
  return parseDocs(out.stdout).map((d) => {
    const object = d.object as Obj;
    return { object, kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
  });
}

const find = (ts: readonly OverlayTarget[], kind: string, name: string): Obj => ts.find((t) => t.kind === kind && t.name === name)!.object as Obj;

const PILOT_OVERLAYS: K8sObjectOverlay[] = [
  {
    kind: 'Deployment',
    name: 'istiod',
    patches: [
      { path: 'spec.template.spec.containers.[name:discovery].args.[30m]', value: '60m' },
      { path: 'spec.template.spec.containers.[name:discovery].ports.[containerPort:8080].containerPort', value: 1234 },
      { path: 'spec.template.spec.containers.[name:discovery].env.[name:POD_NAMESPACE].valueFrom', value: 'fieldRef:\n  apiVersion: v2\n  fieldPath: metadata.myPath\n' },
      { path: 'spec.template.spec.containers.[name:discovery].env.[name:REVISION]' },
      { path: 'spec.template.spec.containers.[name:discovery].securityContext' },
    ],
  },
  { kind: 'Service', name: 'istiod', patches: [{ path: 'spec.ports.[name:https-dns].port', value: 11111 }] },
  {
    kind: 'MutatingWebhookConfiguration',
    name: 'istio-sidecar-injector',
    patches: [{ path: 'webhooks.[name:namespace\\.sidecar-injector\\.istio\\.io].clientConfig.service.name', value: 'foo' }],
  },
];

describe('k8s.overlays on the rendered charts', () => {
  it('the pilot examples apply to the istiod chart', () => {
    const ts = targets('istiod');
    const r = applyOverlays(ts, PILOT_OVERLAYS, { component: 'Pilot', namespace: 'istio-system', revision: '' });
    expect(r.ok ? [] : r.issues).toEqual([]);
    const dep = find(ts, 'Deployment', 'istiod');
    const c = dep.spec.template.spec.containers.find((x: Obj) => x.name === 'discovery');
    expect(c.args).toContain('60m');
    expect(c.args).not.toContain('30m');
    expect(c.ports.map((p: Obj) => p.containerPort)).toContain(1234);
    expect(c.env.find((e: Obj) => e.name === 'POD_NAMESPACE').valueFrom).toEqual({ fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.myPath' } });
    expect(c.env.some((e: Obj) => e.name === 'REVISION')).toBe(false);
    expect('securityContext' in c).toBe(false);
    expect(find(ts, 'Service', 'istiod').spec.ports.find((p: Obj) => p.name === 'https-dns').port).toBe(11111);
    const hooks = find(ts, 'MutatingWebhookConfiguration', 'istio-sidecar-injector').webhooks;
    expect(hooks.find((h: Obj) => h.name === 'namespace.sidecar-injector.istio.io').clientConfig.service.name).toBe('foo');
    expect(hooks.find((h: Obj) => h.name === 'rev.namespace.sidecar-injector.istio.io').clientConfig.service.name).toBe('istiod');
    if (r.ok) expect(r.changed.size).toBe(3);
  });

  it('the same overlays find istiod-canary and istio-sidecar-injector-canary under revision canary', () => {
    const ts = targets('istiod', ['revision=canary']);
    expect(ts.some((t) => t.kind === 'Deployment' && t.name === 'istiod-canary')).toBe(true);
    const ctx: OverlayContext = { component: 'Pilot', namespace: 'istio-system', revision: 'canary' };
    const r = applyOverlays(ts, PILOT_OVERLAYS, ctx);
    // A revisioned injector has only the rev.* webhooks: the third overlay says so.
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['spec.components.pilot.k8s.overlays[2].patches[0].path']);
    expect(r.issues[0]!.message).toContain(
      'Pilot overlay MutatingWebhookConfiguration:istio-sidecar-injector (the object MutatingWebhookConfiguration:istio-sidecar-injector-canary): cannot set "webhooks.[name:namespace\\.sidecar-injector\\.istio\\.io].clientConfig.service.name" (stopped at column 10): webhooks has no entry with name "namespace.sidecar-injector.istio.io" (entries: name "rev.namespace.sidecar-injector.istio.io"',
    );
    const c = find(ts, 'Deployment', 'istiod-canary').spec.template.spec.containers[0];
    expect(c.args).toContain('60m');
  });

  it('the base example patches the istio-reader ClusterRoleBinding subject', () => {
    const ts = targets('base');
    const r = applyOverlays(
      ts,
      [{ kind: 'ClusterRoleBinding', name: 'istio-reader-istio-system', patches: [{ path: 'subjects.[name:istio-reader-service-account].name', value: 'bar' }] }],
      { component: 'Base', namespace: 'istio-system', revision: '' },
    );
    expect(r.ok ? [] : r.issues).toEqual([]);
    expect(find(ts, 'ClusterRoleBinding', 'istio-reader-istio-system').subjects[0].name).toBe('bar');
  });

  it('an overlay for an object the chart does not render lists the rendered ones', () => {
    const ts = targets('istiod');
    const r = applyOverlays(ts, [{ kind: 'Deployment', name: 'istio-pilot', patches: [] }], { component: 'Pilot', namespace: 'istio-system', revision: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/Available objects: .*Deployment:istiod.*MutatingWebhookConfiguration:istio-sidecar-injector/);
  });
});
