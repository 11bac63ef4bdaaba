import { describe, expect, it } from 'vitest';
import { applyOverlays, type K8sObjectOverlay, type OverlayContext, type OverlayTarget } from '../../../src/manifest/overlay/index.js';
import { clusterRoleBinding, deployment, pilotObjects, service, target } from './fixtures.js';

const PILOT: OverlayContext = { component: 'Pilot', namespace: 'istio-system', revision: '' };

function apply(targets: OverlayTarget[], overlays: K8sObjectOverlay[], context: OverlayContext = PILOT): ReadonlySet<number> {
  const r = applyOverlays(targets, overlays, context);
  if (!r.ok) throw new Error(`expected success: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return r.changed;
}

function failure(targets: OverlayTarget[], overlays: K8sObjectOverlay[], context: OverlayContext = PILOT) {
  const r = applyOverlays(targets, overlays, context);
  if (r.ok) throw new Error('expected a failure');
  return r.issues;
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const container = (t: OverlayTarget): Obj => (t.object as Obj).spec.template.spec.containers[0];
const DEP = { kind: 'Deployment', name: 'istiod' } as const;

describe('k8s.overlays: the facts §3.5 examples', () => {
  it('replaces a scalar list entry selected by value: args.[30m] -> 60m', () => {
    const t = pilotObjects();
    const changed = apply(t, [{ ...DEP, patches: [{ path: 'spec.template.spec.containers.[name:discovery].args.[30m]', value: '60m' }] }]);
    expect(container(t[0]!).args).toEqual(['discovery', '--monitoringAddr=:15014', '--keepaliveMaxServerConnectionAge', '60m']);
    expect([...changed]).toEqual([0]);
  });

  it('sets a field of the map entry selected by [key:value]: ports.[containerPort:8080].containerPort', () => {
    const t = pilotObjects();
    apply(t, [{ ...DEP, patches: [{ path: 'spec.template.spec.containers.[name:discovery].ports.[containerPort:8080].containerPort', value: 1234 }] }]);
    expect(container(t[0]!).ports).toEqual([
      { containerPort: 1234, protocol: 'TCP' },
      { containerPort: 15010, protocol: 'TCP' },
    ]);
  });

  it('assigns a string holding a YAML block map as a map (env valueFrom)', () => {
    const t = pilotObjects();
    apply(t, [{ ...DEP, patches: [{ path: 'spec.template.spec.containers.[name:discovery].env.[name:POD_NAMESPACE].valueFrom', value: 'fieldRef:\n  apiVersion: v1\n  fieldPath: metadata.name\n' }] }]);
    expect(JSON.parse(JSON.stringify(container(t[0]!).env[1]))).toEqual({ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } });
  });

  it('keeps strings that are not YAML maps as strings', () => {
    const t = pilotObjects();
    const values = ['http://example.com:8080/x', 'a:b', '- a\n- b', 'plain', '', 'key:', '{}'];
    apply(t, [{ ...DEP, patches: values.map((value, i) => ({ path: `metadata.annotations.a${i}`, value })) }]);
    expect(Object.values((t[0]!.object as Obj).metadata.annotations)).toEqual(values);
  });

  it('a YAML string replacing a string stays a string (ConfigMap data holding YAML text)', () => {
    const cm = target({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'defaultConfig:\n  discoveryAddress: istiod:15012\n' } });
    const mesh = 'defaultConfig:\n  discoveryAddress: istiod-canary:15012\n';
    apply([cm], [{ kind: 'ConfigMap', name: 'istio', patches: [{ path: 'data.mesh', value: mesh }, { path: 'data.extra', value: 'a: b' }] }]);
    expect((cm.object as Obj).data.mesh).toBe(mesh);
    expect(JSON.parse(JSON.stringify((cm.object as Obj).data.extra))).toEqual({ a: 'b' });
  });

  it('deletes an env entry and a securityContext (patches without value)', () => {
    const t = pilotObjects();
    apply(t, [
      {
        ...DEP,
        patches: [{ path: 'spec.template.spec.containers.[name:discovery].env.[name:REVISION]' }, { path: 'spec.template.spec.containers.[name:discovery].securityContext' }],
      },
    ]);
    expect(container(t[0]!).env.map((e: Obj) => e.name)).toEqual(['POD_NAMESPACE', 'PILOT_TRACE_SAMPLING']);
    expect('securityContext' in container(t[0]!)).toBe(false);
  });

  it('a null value deletes, as a missing value does', () => {
    const t = pilotObjects();
    apply(t, [{ ...DEP, patches: [{ path: 'spec.replicas', value: null }] }]);
    expect('replicas' in (t[0]!.object as Obj).spec).toBe(false);
  });

  it('sets a Service port selected by name', () => {
    const t = pilotObjects();
    const changed = apply(t, [{ kind: 'Service', name: 'istiod', patches: [{ path: 'spec.ports.[name:https-dns].port', value: 11111 }] }]);
    expect((t[1]!.object as Obj).spec.ports[1]).toEqual({ name: 'https-dns', port: 11111 });
    expect([...changed]).toEqual([1]);
  });

  it('selects a webhook by a name with escaped dots', () => {
    const t = pilotObjects();
    apply(t, [
      { kind: 'MutatingWebhookConfiguration', name: 'istio-sidecar-injector', patches: [{ path: 'webhooks.[name:namespace\\.sidecar-injector\\.istio\\.io].clientConfig.service.name', value: 'foo' }] },
    ]);
    const hooks = (t[2]!.object as Obj).webhooks;
    expect(hooks[0].clientConfig.service.name).toBe('istiod');
    expect(hooks[1].clientConfig.service.name).toBe('foo');
  });

  it('patches a cluster-scoped ClusterRoleBinding subject in the Base component', () => {
    const t = [target(clusterRoleBinding())];
    apply(t, [{ kind: 'ClusterRoleBinding', name: 'istio-reader-istio-system', patches: [{ path: 'subjects.[name:istio-reader-service-account].name', value: 'other' }] }], {
      component: 'Base',
      namespace: 'istio-system',
      revision: '',
    });
    expect((t[0]!.object as Obj).subjects[0].name).toBe('other');
  });
});

describe('k8s.overlays: set, create, append', () => {
  it('appends with [N] past the end and with [-1]', () => {
    const t = pilotObjects();
    apply(t, [
      {
        ...DEP,
        patches: [
          { path: 'spec.template.spec.volumes[100]', value: { name: 'extra', emptyDir: {} } },
          { path: 'spec.template.spec.volumes.[-1]', value: { name: 'last', emptyDir: {} } },
          { path: 'spec.template.spec.containers.[name:discovery].args.[4]', value: '--log_output_level=debug' },
          { path: 'spec.template.spec.volumes[7].name', value: 'made' },
        ],
      },
    ]);
    const spec = (t[0]!.object as Obj).spec.template.spec;
    expect(spec.volumes.map((v: Obj) => v.name)).toEqual(['config-volume', 'extra', 'last', 'made']);
    expect(spec.volumes[3]).toEqual({ name: 'made' });
    expect(spec.containers[0].args.at(-1)).toBe('--log_output_level=debug');
  });

  it('creates intermediate maps, and a list when the next element is an index', () => {
    const t = pilotObjects();
    apply(t, [
      {
        ...DEP,
        patches: [
          { path: 'spec.template.spec.nodeSelector.kubernetes\\.io/os', value: 'linux' },
          { path: 'spec.template.spec.tolerations[0].key', value: 'dedicated' },
          { path: 'spec.strategy.rollingUpdate.maxSurge', value: '100%' },
        ],
      },
    ]);
    const spec = (t[0]!.object as Obj).spec;
    expect(spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.template.spec.tolerations).toEqual([{ key: 'dedicated' }]);
    expect(spec.strategy).toEqual({ rollingUpdate: { maxSurge: '100%' } });
  });

  it('replaces a whole list when the path names it, and a whole entry by [key:value]', () => {
    const t = pilotObjects();
    apply(t, [
      {
        ...DEP,
        patches: [
          { path: 'spec.template.spec.volumes', value: [{ name: 'v', emptyDir: {} }] },
          { path: 'spec.template.spec.containers.[name:discovery].env.[name:PILOT_TRACE_SAMPLING]', value: { name: 'PILOT_TRACE_SAMPLING', value: '100' } },
        ],
      },
    ]);
    const spec = (t[0]!.object as Obj).spec.template.spec;
    expect(spec.volumes).toEqual([{ name: 'v', emptyDir: {} }]);
    expect(spec.containers[0].env[2]).toEqual({ name: 'PILOT_TRACE_SAMPLING', value: '100' });
  });

  it('the object keeps its own "spec": a leading spec. is not stripped', () => {
    const t = pilotObjects();
    apply(t, [{ ...DEP, patches: [{ path: 'spec.replicas', value: 3 }] }]);
    expect((t[0]!.object as Obj).spec.replicas).toBe(3);
    expect('replicas' in (t[0]!.object as Obj)).toBe(false);
  });

  it('[key:value] compares scalars as text (a number field against "8080")', () => {
    const t = pilotObjects();
    apply(t, [{ ...DEP, patches: [{ path: 'spec.template.spec.containers[name:discovery].ports[containerPort:15010].protocol', value: 'UDP' }] }]);
    expect(container(t[0]!).ports[1]).toEqual({ containerPort: 15010, protocol: 'UDP' });
  });

  it('[value] is an exact match, not a regular expression', () => {
    const t = [target(deployment())];
    (container(t[0]!).args as string[]).push('130m');
    apply(t, [{ ...DEP, patches: [{ path: 'spec.template.spec.containers[name:discovery].args[130m]', value: 'x' }] }]);
    expect(container(t[0]!).args.slice(-2)).toEqual(['30m', 'x']);
    const issues = failure(t, [{ ...DEP, patches: [{ path: 'spec.template.spec.containers[name:discovery].args[3.m]', value: 'y' }] }]);
    expect(issues[0]!.code).toBe('overlay-path-not-found');
  });

  it('writes a fresh copy of the value into every object', () => {
    const value = { name: 'shared', emptyDir: {} };
    const a = target(deployment());
    const b = target(deployment('istiod-other'));
    apply([a, b], [
      { ...DEP, patches: [{ path: 'spec.template.spec.volumes[-1]', value }] },
      { kind: 'Deployment', name: 'istiod-other', patches: [{ path: 'spec.template.spec.volumes[-1]', value }] },
    ]);
    const va = (a.object as Obj).spec.template.spec.volumes[1];
    const vb = (b.object as Obj).spec.template.spec.volumes[1];
    expect(va).toEqual(value);
    expect(va).not.toBe(vb);
    expect(va).not.toBe(value);
    va.name = 'changed';
    expect(value.name).toBe('shared');
  });

  it('an overlay without patches matches but changes nothing', () => {
    const t = pilotObjects();
    const before = structuredClone(t.map((x) => x.object));
    expect([...apply(t, [{ ...DEP, patches: [] }])]).toEqual([]);
    expect(t.map((x) => x.object)).toEqual(before);
  });
});

describe('k8s.overlays: matching objects', () => {
  it('an overlay naming istiod finds istiod-<revision>', () => {
    const t = pilotObjects('canary');
    const changed = apply(
      t,
      [
        { ...DEP, patches: [{ path: 'spec.replicas', value: 2 }] },
        { kind: 'MutatingWebhookConfiguration', name: 'istio-sidecar-injector', patches: [{ path: 'webhooks[0].sideEffects', value: 'None' }] },
      ],
      { ...PILOT, revision: 'canary' },
    );
    expect((t[0]!.object as Obj).spec.replicas).toBe(2);
    expect((t[2]!.object as Obj).webhooks[0].sideEffects).toBe('None');
    expect([...changed].sort()).toEqual([0, 2]);
  });

  it('the exact name wins over the revision name', () => {
    const t = [target(deployment('istiod')), target(deployment('istiod-canary'))];
    apply(t, [{ ...DEP, patches: [{ path: 'spec.replicas', value: 5 }] }], { ...PILOT, revision: 'canary' });
    expect((t[0]!.object as Obj).spec.replicas).toBe(5);
    expect((t[1]!.object as Obj).spec.replicas).toBe(1);
  });

  it('without a revision there is no fallback', () => {
    const issues = failure(pilotObjects('canary'), [{ ...DEP, patches: [{ path: 'spec.replicas', value: 2 }] }]);
    expect(issues[0]!.code).toBe('overlay-no-object');
    expect(issues[0]!.suggestion).toBe('did you mean Deployment:istiod-canary?');
  });

  it('several overlays on one object all apply, in order', () => {
    const t = pilotObjects();
    apply(t, [
      { ...DEP, patches: [{ path: 'spec.replicas', value: 2 }, { path: 'metadata.labels.a', value: '1' }] },
      { ...DEP, patches: [{ path: 'spec.replicas', value: 3 }, { path: 'metadata.labels.b', value: '2' }] },
      { ...DEP, patches: [{ path: 'metadata.labels.a' }] },
    ]);
    const obj = t[0]!.object as Obj;
    expect(obj.spec.replicas).toBe(3);
    expect(obj.metadata.labels).toEqual({ app: 'istiod', b: '2' });
  });

  it('matches objects of the component namespace or without one, never another namespace', () => {
    const other = target(service('istiod'));
    (other as { namespace?: string }).namespace = 'elsewhere';
    const issues = failure([other], [{ kind: 'Service', name: 'istiod', patches: [] }]);
    expect(issues[0]!.message).toMatch(/Service:elsewhere\/istiod .*outside the component's namespace "istio-system"/);
    const bare = target(service('istiod'));
    delete (bare as { namespace?: string }).namespace;
    apply([bare], [{ kind: 'Service', name: 'istiod', patches: [{ path: 'spec.type', value: 'NodePort' }] }]);
    expect((bare.object as Obj).spec.type).toBe('NodePort');
  });

  it('apiVersion, when given, must equal the object\'s group/version', () => {
    const t = pilotObjects();
    apply(t, [{ ...DEP, apiVersion: 'apps/v1', patches: [{ path: 'spec.replicas', value: 2 }] }]);
    expect((t[0]!.object as Obj).spec.replicas).toBe(2);
    const issues = failure(pilotObjects(), [{ ...DEP, apiVersion: 'extensions/v1beta1', patches: [{ path: 'spec.replicas', value: 2 }] }]);
    expect(issues[0]).toMatchObject({ code: 'overlay-no-object', path: 'spec.components.pilot.k8s.overlays[0]' });
    expect(issues[0]!.message).toMatch(/"extensions\/v1beta1".*"apps\/v1"/);
  });

  it('two objects with the same kind and name are ambiguous unless apiVersion tells them apart', () => {
    const a = target(deployment());
    const b = target({ ...deployment(), apiVersion: 'apps/v1beta2' });
    const issues = failure([a, b], [{ ...DEP, patches: [] }]);
    expect(issues[0]!.code).toBe('overlay-ambiguous-object');
    expect(issues[0]!.message).toMatch(/matches 2 objects/);
    apply([a, b], [{ ...DEP, apiVersion: 'apps/v1beta2', patches: [{ path: 'spec.replicas', value: 9 }] }]);
    expect((b.object as Obj).spec.replicas).toBe(9);
    expect((a.object as Obj).spec.replicas).toBe(1);
  });
});

describe('k8s.overlays: errors are issues naming the overlay and what was available', () => {
  it('an overlay for a missing object lists the component\'s objects', () => {
    const issues = failure(pilotObjects(), [
      { kind: 'Deployment', name: 'istiod', patches: [] },
      { kind: 'Deployment', name: 'istio-pilot', patches: [{ path: 'spec.replicas', value: 1 }] },
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'overlay-no-object', path: 'spec.components.pilot.k8s.overlays[1]' });
    expect(issues[0]!.message).toBe(
      'Pilot: the overlay for Deployment:istio-pilot does not match any object of this component. Available objects: Deployment:istiod, Service:istiod, MutatingWebhookConfiguration:istio-sidecar-injector',
    );
  });

  it('suggests the kind when only its spelling is off', () => {
    const issues = failure(pilotObjects(), [{ kind: 'Deploymnet', name: 'istiod', patches: [] }]);
    expect(issues[0]!.suggestion).toBe('did you mean Deployment:istiod?');
  });

  it('names the tried revision name', () => {
    const issues = failure(pilotObjects(), [{ kind: 'Deployment', name: 'pilot', patches: [] }], { ...PILOT, revision: 'canary' });
    expect(issues[0]!.message).toMatch(/tried the names "pilot" and "pilot-canary"/);
  });

  it('a path that stops matching names the patch (index, path, column) and the entries there', () => {
    const issues = failure(pilotObjects(), [
      { ...DEP, patches: [{ path: 'spec.replicas', value: 2 }, { path: 'spec.template.spec.containers.[name:discvery].args.[30m]', value: '60m' }] },
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'overlay-path-not-found',
      path: 'spec.components.pilot.k8s.overlays[0].patches[1].path',
      suggestion: 'did you mean [name:discovery]?',
    });
    expect(issues[0]!.message).toBe(
      'Pilot overlay Deployment:istiod: cannot set "spec.template.spec.containers.[name:discvery].args.[30m]" (stopped at column 31): spec.template.spec.containers has no entry with name "discvery" (entries: name "discovery")',
    );
  });

  it('deleting a missing field lists the fields there and suggests the closest', () => {
    const issues = failure(pilotObjects(), [{ ...DEP, patches: [{ path: 'spec.template.spec.containers[name:discovery].securityContxt' }] }]);
    expect(issues[0]!.code).toBe('overlay-path-not-found');
    expect(issues[0]!.message).toMatch(/cannot delete .*spec\.template\.spec\.containers\[name:discovery\] has no field "securityContxt" \(fields: "name", "image", "args", "ports", "env", "securityContext", "volumeMounts"\)/);
    expect(issues[0]!.suggestion).toBe('did you mean "securityContext"?');
  });

  it('deleting below a missing field is an error (nothing is created)', () => {
    const t = pilotObjects();
    const before = structuredClone(t[0]!.object);
    const issues = failure(t, [{ ...DEP, patches: [{ path: 'spec.template.spec.affinity.podAntiAffinity' }] }]);
    expect(issues[0]!.message).toMatch(/spec\.template\.spec has no field "affinity"/);
    expect(t[0]!.object).toEqual(before);
  });

  it('deleting an index past the end is an error', () => {
    const issues = failure(pilotObjects(), [{ ...DEP, patches: [{ path: 'spec.template.spec.volumes[5]' }, { path: 'spec.template.spec.volumes[-1]' }] }]);
    expect(issues.map((i) => i.code)).toEqual(['overlay-path-not-found', 'overlay-path-not-found']);
    expect(issues[0]!.message).toMatch(/has 1 entry, so there is no entry \[5\] to delete/);
    expect(issues[0]!.suggestion).toBe('the last entry is [0]');
  });

  it('a selector key no entry has suggests the entries\' fields', () => {
    const issues = failure([target(service())], [{ kind: 'Service', name: 'istiod', patches: [{ path: 'spec.ports[nme:https-dns].port', value: 1 }] }]);
    expect(issues[0]!.message).toMatch(/no entry of spec\.ports has a field "nme" \(the entries' scalar fields: "name", "port", "targetPort"\)/);
    expect(issues[0]!.suggestion).toBe('did you mean [name:https-dns]?');
  });

  it('a field name on a list, or a selector on a map, is a type conflict', () => {
    const issues = failure(pilotObjects(), [
      { ...DEP, patches: [{ path: 'spec.template.spec.containers.image', value: 'x' }, { path: 'spec.template[0]', value: 'x' }, { path: 'spec.replicas.x', value: 1 }] },
    ]);
    expect(issues.map((i) => i.code)).toEqual(['overlay-type-conflict', 'overlay-type-conflict', 'overlay-type-conflict']);
    expect(issues[0]!.message).toMatch(/spec\.template\.spec\.containers is a list, not a map, so it has no field "image"/);
    expect(issues[0]!.suggestion).toMatch(/select a list entry/);
    expect(issues[1]!.message).toMatch(/spec\.template is a map, not a list/);
    expect(issues[2]!.message).toMatch(/spec\.replicas is a number, not a map/);
  });

  it('a scalar selector must end the path', () => {
    const issues = failure(pilotObjects(), [{ ...DEP, patches: [{ path: 'spec.template.spec.containers[name:discovery].args[30m].x', value: 1 }] }]);
    expect(issues[0]!.message).toMatch(/must end the path/);
  });

  it('bad path syntax is reported with its column, even when the object is missing', () => {
    const issues = failure(pilotObjects(), [
      { kind: 'Deployment', name: 'nope', patches: [{ path: 'spec..replicas', value: 1 }, { path: '', value: 1 }, { path: 'spec.ports[name:x', value: 1 }, { path: '[0].a', value: 1 }] },
    ]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['overlay-invalid-path', 'spec.components.pilot.k8s.overlays[0].patches[0].path'],
      ['overlay-invalid-path', 'spec.components.pilot.k8s.overlays[0].patches[1].path'],
      ['overlay-invalid-path', 'spec.components.pilot.k8s.overlays[0].patches[2].path'],
      ['overlay-invalid-path', 'spec.components.pilot.k8s.overlays[0].patches[3].path'],
      ['overlay-no-object', 'spec.components.pilot.k8s.overlays[0]'],
    ]);
    expect(issues[0]!.message).toBe('Pilot overlay Deployment:nope: the patch path "spec..replicas" is not valid at column 6: empty path element (two dots in a row, or a dot at the start)');
    expect(issues[1]!.message).toMatch(/column 1: the path is empty/);
    expect(issues[2]!.message).toMatch(/column 11: the selector "\[" is not closed/);
    expect(issues[3]!.message).toMatch(/must start with a field name/);
  });

  it('a failed patch changes nothing; the others still apply and all failures are reported', () => {
    const t = pilotObjects();
    const before = structuredClone(t[0]!.object);
    const issues = failure(t, [
      { ...DEP, patches: [{ path: 'spec.template.spec.newMap.list[name:x].a', value: 1 }] },
      { kind: 'Service', name: 'istiod', patches: [{ path: 'spec.ports[name:none]' }] },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['spec.components.pilot.k8s.overlays[0].patches[0].path', 'spec.components.pilot.k8s.overlays[1].patches[0].path']);
    expect(t[0]!.object).toEqual(before);
  });

  it('gateway overlays are located by the entry name, or by the pointer given', () => {
    const gw = target(deployment('istio-ingressgateway'));
    const ctx: OverlayContext = { component: 'IngressGateways', gatewayName: 'istio-ingressgateway', namespace: 'istio-system', revision: '' };
    expect(failure([gw], [{ kind: 'Service', name: 'x', patches: [] }], ctx)[0]!.path).toBe('spec.components.ingressGateways[name:istio-ingressgateway].k8s.overlays[0]');
    expect(failure([gw], [{ kind: 'Service', name: 'x', patches: [] }], { ...ctx, overlaysPointer: '/spec/components/ingressGateways/2/k8s/overlays' })[0]!.path).toBe(
      'spec.components.ingressGateways[2].k8s.overlays[0]',
    );
  });

  it('with a SourceMap, issues carry the file and line of the patch', () => {
    const sourceMap = new Map([
      ['/spec/components/pilot/k8s/overlays/0', { file: 'iop.yaml', line: 10, column: 9 }],
      ['/spec/components/pilot/k8s/overlays/0/patches/0/path', { file: 'iop.yaml', line: 13, column: 11 }],
    ]);
    const issues = failure(pilotObjects(), [{ ...DEP, patches: [{ path: 'spec.nope' }] }, { kind: 'Deployment', name: 'x', patches: [] }], { ...PILOT, sourceMap });
    expect(issues[0]!.source).toEqual({ file: 'iop.yaml', line: 13, column: 11 });
    expect(issues[1]!.source).toBeUndefined();
  });
});

describe('k8s.overlays: values are data', () => {
  it('__proto__ in a path or a value never reaches a prototype', () => {
    const t = pilotObjects();
    apply(t, [
      {
        ...DEP,
        patches: [
          { path: '__proto__.polluted', value: 'yes' },
          { path: 'metadata.__proto__', value: { polluted: 'yes' } },
          { path: 'spec.template.spec.containers[name:discovery].env[-1]', value: JSON.parse('{"__proto__": {"polluted": "yes"}, "name": "P"}') },
          { path: 'metadata.annotations', value: '__proto__:\n  polluted: yes\n' },
          { path: 'constructor.prototype.polluted', value: 'yes' },
        ],
      },
    ]);
    expect(({} as Obj).polluted).toBeUndefined();
    expect((Object.prototype as Obj).polluted).toBeUndefined();
    const obj = t[0]!.object as Obj;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(obj, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(obj.metadata, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getPrototypeOf(obj.metadata)).toBe(Object.prototype);
    const added = obj.spec.template.spec.containers[0].env.at(-1);
    expect(Object.getPrototypeOf(added)).toBeNull();
    expect(Object.keys(added)).toEqual(['__proto__', 'name']);
    expect(Object.keys(obj.metadata.annotations)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(obj.metadata.annotations)).toBeNull();
  });

  it('deleting __proto__ deletes only an own key', () => {
    const t = pilotObjects();
    const issues = failure(t, [{ ...DEP, patches: [{ path: 'metadata.__proto__' }, { path: 'metadata.toString' }] }]);
    expect(issues.map((i) => i.code)).toEqual(['overlay-path-not-found', 'overlay-path-not-found']);
    expect(typeof (t[0]!.object as Obj).metadata.toString).toBe('function');
  });
});
