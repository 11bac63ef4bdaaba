/** components.X.k8s -> chart k8s values (pilot.k8s, cni.k8s, gateway k8s); overlays split off; Base/IstiodRemote errors. */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/operator/translate/index.js';
import { at, find, iopOf, plain, plan, plansOf, rendered, translateOk } from './helpers.js';

const SETTINGS = `
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 10
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    app: x
      env:
        - name: NEW_VAR
          value: "1"
      imagePullPolicy: Always
      nodeSelector:
        disk: ssd
      podAnnotations:
        a/b: c
      priorityClassName: high
      readinessProbe:
        initialDelaySeconds: 555
      resources:
        requests:
          memory: 999Mi
      securityContext:
        runAsGroup: 2000
      tolerations:
        - key: dedicated
          operator: Exists
      volumes:
        - name: extra
          emptyDir: {}
      volumeMounts:
        - name: extra
          mountPath: /extra
      overlays:
        - kind: Deployment
          name: istiod
          patches:
            - path: metadata.labels.x
              value: labelled
`;

/** Settings only a Deployment has (6-space base indentation like SETTINGS). */
const EXTRA = `      replicaCount: 3
      strategy:
        rollingUpdate:
          maxSurge: 50%
      hpaSpec:
        minReplicas: 2
      podDisruptionBudget:
        maxUnavailable: 1
      service:
        sessionAffinity: ClientIP
      serviceAnnotations:
        s: t
`;

function file(component: string, settings: string): string {
  return `spec:\n  components:\n    ${component}:\n      enabled: true\n      k8s:${settings.replace(/^ {6}/gm, '        ')}`;
}

describe('pilot k8s', () => {
  const plans = plansOf('default', [file('pilot', SETTINGS + EXTRA)]);
  const pilot = plan(plans, 'Pilot');

  it('every setting but overlays lands in pilot.k8s; overlays in the plan', () => {
    const k8s = plain(at(pilot.values, 'pilot', 'k8s')) as Record<string, unknown>;
    expect(Object.keys(k8s).sort()).toEqual([
      'affinity', 'env', 'hpaSpec', 'imagePullPolicy', 'nodeSelector', 'podAnnotations', 'podDisruptionBudget', 'priorityClassName',
      'readinessProbe', 'replicaCount', 'resources', 'securityContext', 'service', 'serviceAnnotations', 'strategy', 'tolerations',
      'volumeMounts', 'volumes',
    ]);
    expect(k8s['nodeSelector']).toEqual({ disk: 'ssd' });
    expect(plain(pilot.overlays)).toEqual([{ kind: 'Deployment', name: 'istiod', patches: [{ path: 'metadata.labels.x', value: 'labelled' }] }]);
  });

  it('the istiod chart applies them', () => {
    const objects = rendered(pilot);
    const d = find(objects, 'Deployment', 'istiod');
    const pod = at(d, 'spec', 'template', 'spec') as Record<string, unknown>;
    expect(pod['nodeSelector']).toEqual({ disk: 'ssd' });
    expect(pod['priorityClassName']).toBe('high');
    expect(at(d, 'spec', 'replicas')).toBe(3);
    const c = (pod['containers'] as Record<string, unknown>[]).find((x) => x['name'] === 'discovery') as Record<string, unknown>;
    expect(c['imagePullPolicy']).toBe('Always');
    expect((c['env'] as { name: string }[]).map((e) => e.name)).toContain('NEW_VAR');
    expect((c['volumeMounts'] as { name: string }[]).map((m) => m.name)).toContain('extra');
    expect(at(c, 'resources', 'requests', 'memory')).toBe('999Mi');
    expect(at(find(objects, 'Service', 'istiod'), 'metadata', 'annotations', 's')).toBe('t');
  });

  it('values.pilot.k8s and components.pilot.k8s merge, the component winning (env by name)', () => {
    const p = plan(plansOf('default', [`spec:
  components:
    pilot:
      k8s:
        env:
          - name: A
            value: from-component
        nodeSelector:
          b: component
  values:
    pilot:
      k8s:
        env:
          - name: A
            value: from-values
          - name: B
            value: kept
        nodeSelector:
          a: values
`]), 'Pilot');
    expect(plain(at(p.values, 'pilot', 'k8s'))).toEqual({
      env: [{ name: 'A', value: 'from-component' }, { name: 'B', value: 'kept' }],
      nodeSelector: { a: 'values', b: 'component' },
    });
  });
});

describe('cni k8s', () => {
  it('DaemonSet settings land in cni.k8s and render', () => {
    const p = plan(plansOf('default', [file('cni', SETTINGS.replace('name: istiod', 'name: istio-cni-node'))]), 'Cni');
    expect(at(p.values, 'cni', 'k8s', 'priorityClassName')).toBe('high');
    const ds = find(rendered(p), 'DaemonSet', 'istio-cni-node');
    expect(at(ds, 'spec', 'template', 'spec', 'nodeSelector')).toMatchObject({ disk: 'ssd' });
  });

  it('strategy maps onto the DaemonSet updateStrategy (OnDelete allowed)', () => {
    const p = plan(plansOf('default', [], ['components.cni.enabled=true', 'components.cni.k8s.strategy.type=OnDelete']), 'Cni');
    expect(plain(at(p.values, 'cni', 'k8s', 'strategy'))).toEqual({ type: 'OnDelete' });
    expect(plain(at(find(rendered(p), 'DaemonSet', 'istio-cni-node'), 'spec', 'updateStrategy'))).toEqual({ type: 'OnDelete' });
    const r = plan(plansOf('default', [], ['components.cni.enabled=true', 'components.cni.k8s.strategy.rollingUpdate.maxUnavailable=2']), 'Cni');
    expect(at(find(rendered(r), 'DaemonSet', 'istio-cni-node'), 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable')).toBe(2);
  });

  it('Recreate (which the schema rejects, but --force lets through) is an error naming the field', () => {
    const iop = iopOf('default', [], ['components.cni.enabled=true']);
    const cniSpec = (iop.spec?.components?.cni ?? {}) as Record<string, unknown>;
    cniSpec['k8s'] = { strategy: { type: 'Recreate' } };
    const r = translate(iop);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path])).toEqual([['invalid-strategy', 'spec.components.cni.k8s.strategy.type']]);
  });

  it('replicaCount, hpaSpec, podDisruptionBudget, service, serviceAnnotations are warnings naming the field', () => {
    const r = translateOk(iopOf('default', [], [
      'components.cni.enabled=true', 'components.cni.k8s.replicaCount=2', 'components.cni.k8s.hpaSpec.minReplicas=2',
      'components.cni.k8s.podDisruptionBudget.minAvailable=1', 'components.cni.k8s.service.type=ClusterIP', 'components.cni.k8s.serviceAnnotations.a=b',
    ]));
    expect(r.warnings.map((i) => i.path).sort()).toEqual([
      'spec.components.cni.k8s.hpaSpec', 'spec.components.cni.k8s.podDisruptionBudget', 'spec.components.cni.k8s.replicaCount',
      'spec.components.cni.k8s.service', 'spec.components.cni.k8s.serviceAnnotations',
    ]);
    const cni = plan(r.plans, 'Cni');
    expect(at(cni.values, 'cni', 'k8s')).toBeUndefined();
    expect(rendered(cni).length).toBeGreaterThan(0);
  });
});

describe('Base and IstiodRemote k8s', () => {
  it('overlays are carried', () => {
    const p = plan(plansOf('default', [`spec:
  components:
    base:
      k8s:
        overlays:
          - kind: ClusterRoleBinding
            name: istio-reader-istio-system
            patches:
              - path: subjects.[name:istio-reader-service-account].name
                value: other
              - path: metadata.labels.gone
`]), 'Base');
    expect(plain(p.overlays)).toEqual([{
      kind: 'ClusterRoleBinding', name: 'istio-reader-istio-system',
      patches: [{ path: 'subjects.[name:istio-reader-service-account].name', value: 'other' }, { path: 'metadata.labels.gone' }],
    }]);
  });

  for (const [key, component] of [['base', 'Base'], ['istiodRemote', 'IstiodRemote']] as const) {
    it(`${component}: any other k8s setting is an error with its path`, () => {
      const iop = iopOf('default', [], [`components.${key}.enabled=true`]);
      const spec = iop.spec as Record<string, Record<string, Record<string, unknown>>>;
      (spec['components'] as Record<string, Record<string, unknown>>)[key] = { enabled: true, k8s: { replicaCount: 2, nodeSelector: { a: 'b' }, overlays: [] } };
      const r = translate(iop);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
          ['error', 'k8s-not-supported', `spec.components.${key}.k8s.replicaCount`],
          ['error', 'k8s-not-supported', `spec.components.${key}.k8s.nodeSelector`],
        ]);
        expect(r.issues[0]?.message).toContain(component);
      }
    });
  }

  it('an overlay without kind or name is an error', () => {
    const iop = iopOf('default');
    const spec = iop.spec as Record<string, Record<string, Record<string, unknown>>>;
    (spec['components'] as Record<string, Record<string, unknown>>)['pilot'] = { enabled: true, k8s: { overlays: [{ kind: 'Deployment', patches: [] }] } };
    const r = translate(iop);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['spec.components.pilot.k8s.overlays[0]']);
  });
});
