import { describe, expect, it } from 'vitest';
import { provFromSourceMap, provToSourceMap } from '../../../src/operator/compose/provenance.js';
import { applySetFlag, type SetTarget } from '../../../src/operator/compose/set-apply.js';
import { parseSetFlag } from '../../../src/operator/compose/set-path.js';
import { deepCopy } from '../../../src/operator/compose/tree.js';
import type { Issue, SourcePosition } from '../../../src/operator/issues.js';
import { TEST_SCHEMA } from './test-schema.js';

/** The document --set flags are applied to in these tests (as composition would produce it). */
function baseDoc(): Record<string, unknown> {
  return deepCopy({
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    spec: {
      hub: 'docker.io/istio',
      components: {
        pilot: { enabled: true },
        ingressGateways: [
          { name: 'gw1', enabled: true },
          { name: 'gw2', enabled: false },
        ],
      },
      meshConfig: { defaultConfig: { proxyMetadata: {} } },
      values: {
        global: { imagePullSecrets: [] },
        cni: { excludeNamespaces: ['istio-system', 'kube-system'] },
        gateways: { 'istio-ingressgateway': { ports: [{ name: 'http2', port: 80 }] } },
      },
    },
  }) as Record<string, unknown>;
}

const at = (doc: unknown, pointer: string): unknown => {
  let cur = doc;
  for (const seg of pointer.slice(1).split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
};

function apply(flags: string[]): { doc: Record<string, unknown>; issues: Issue[]; sourceMap: Map<string, SourcePosition> } {
  const doc = baseDoc();
  const pos: SourcePosition = { file: 'base.yaml', line: 1, column: 1 };
  const target: SetTarget = { value: doc, prov: provFromSourceMap(new Map([['', pos]])) };
  const issues: Issue[] = [];
  flags.forEach((text, i) => {
    const p = parseSetFlag(text, i + 1);
    if (!p.ok) issues.push(p.issue);
    else {
      const issue = applySetFlag(target, p.flag, TEST_SCHEMA);
      if (issue) issues.push(issue);
    }
  });
  return { doc: target.value, issues, sourceMap: provToSourceMap(target.value, target.prov) };
}

describe('--set values are typed by the schema at their path', () => {
  const table: [string, string, unknown][] = [
    // strings stay strings (upstream turned 1.10 into the float 1.1 and "false" into a bool)
    ['tag=1.10', '/spec/tag', '1.10'],
    ['tag=1.11.8', '/spec/tag', '1.11.8'],
    ['spec.tag=latest', '/spec/tag', 'latest'],
    ['tag=07', '/spec/tag', '07'],
    ['tag=1e3', '/spec/tag', '1e3'],
    ['tag=7', '/spec/tag', 7],
    ['hub=docker.io/istio', '/spec/hub', 'docker.io/istio'],
    ['hub=true', '/spec/hub', 'true'],
    ['hub=', '/spec/hub', ''],
    ['meshConfig.defaultConfig.proxyMetadata.X=false', '/spec/meshConfig/defaultConfig/proxyMetadata/X', 'false'],
    ['meshConfig.defaultConfig.proxyMetadata.N=10', '/spec/meshConfig/defaultConfig/proxyMetadata/N', '10'],
    ['meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE=true', '/spec/meshConfig/defaultConfig/proxyMetadata/ISTIO_META_DNS_CAPTURE', 'true'],
    ['values.pilot.env.A=1', '/spec/values/pilot/env/A', '1'],
    ['values.cni.logLevel=debug', '/spec/values/cni/logLevel', 'debug'],
    ['meshConfig.accessLogFile=/dev/stdout', '/spec/meshConfig/accessLogFile', '/dev/stdout'],
    // integers
    ['meshConfig.defaultConfig.concurrency=2', '/spec/meshConfig/defaultConfig/concurrency', 2],
    ['components.pilot.k8s.replicaCount=3', '/spec/components/pilot/k8s/replicaCount', 3],
    ['components.pilot.k8s.replicaCount=007', '/spec/components/pilot/k8s/replicaCount', 7],
    ['components.pilot.k8s.replicaCount=-1', '/spec/components/pilot/k8s/replicaCount', -1],
    ['values.global.proxy.statusPort=15020', '/spec/values/global/proxy/statusPort', 15020],
    ['values.gateways.istio-ingressgateway.ports[name:http2].port=8080', '/spec/values/gateways/istio-ingressgateway/ports/0/port', 8080],
    // numbers
    ['values.pilot.traceSampling=0.5', '/spec/values/pilot/traceSampling', 0.5],
    ['values.pilot.traceSampling=1e2', '/spec/values/pilot/traceSampling', 100],
    ['values.pilot.traceSampling=100', '/spec/values/pilot/traceSampling', 100],
    // booleans
    ['components.pilot.enabled=false', '/spec/components/pilot/enabled', false],
    ['components.ingressGateways[0].enabled=false', '/spec/components/ingressGateways/0/enabled', false],
    ['values.global.proxy.privileged=true', '/spec/values/global/proxy/privileged', true],
    // null where the schema allows it
    ['values.pilot.nullable=null', '/spec/values/pilot/nullable', null],
    ['values.pilot.nullable=x', '/spec/values/pilot/nullable', 'x'],
    // objects and arrays: JSON or YAML flow
    ['values.pilot.env={"A":"1","B":"x"}', '/spec/values/pilot/env', { A: '1', B: 'x' }],
    ['values.pilot.env={}', '/spec/values/pilot/env', {}],
    ['values.global.imagePullSecrets=["a","b"]', '/spec/values/global/imagePullSecrets', ['a', 'b']],
    ['values.global.imagePullSecrets=[a, b]', '/spec/values/global/imagePullSecrets', ['a', 'b']],
    ['components.pilot.k8s.resources={requests: {cpu: 10m}}', '/spec/components/pilot/k8s/resources', { requests: { cpu: '10m' } }],
    ['components.ingressGateways[1]={"name":"gw2","enabled":true}', '/spec/components/ingressGateways/1', { name: 'gw2', enabled: true }],
    // paths the schema does not type: Helm's --set reading (true/false/null/integers, else strings)
    ['unvalidatedValues.a.b=true', '/spec/unvalidatedValues/a/b', true],
    ['unvalidatedValues.a.b=10', '/spec/unvalidatedValues/a/b', 10],
    ['unvalidatedValues.a.b=010', '/spec/unvalidatedValues/a/b', '010'],
    ['unvalidatedValues.a.b=1.10', '/spec/unvalidatedValues/a/b', '1.10'],
    ['unvalidatedValues.a.b=null', '/spec/unvalidatedValues/a/b', null],
    ['unvalidatedValues.a.b={"x":[1,2]}', '/spec/unvalidatedValues/a/b', { x: [1, 2] }],
    ['unvalidatedValues.a.b={not json', '/spec/unvalidatedValues/a/b', '{not json'],
    ['values.notInSchema=1', '/spec/values/notInSchema', 1],
    // escaped dots
    ['values.pilot.env.a\\.b=1', '/spec/values/pilot/env/a.b', '1'],
  ];
  it.each(table)('%s', (flag, pointer, expected) => {
    const r = apply([flag]);
    expect(r.issues).toEqual([]);
    expect(at(r.doc, pointer)).toEqual(expected);
  });

  const wrong: [string, RegExp][] = [
    ['components.pilot.enabled=yes', /expected true or false/],
    ['components.pilot.enabled=False', /expected true or false/],
    ['components.pilot.enabled=1', /expected true or false/],
    ['components.pilot.k8s.replicaCount=2.5', /expected an integer/],
    ['components.pilot.k8s.replicaCount=three', /expected an integer/],
    ['components.pilot.k8s.replicaCount=99999999999999999999', /expected an integer between/],
    ['meshConfig.defaultConfig.concurrency=', /expected an integer/],
    ['values.pilot.traceSampling=abc', /expected a number/],
    ['values.pilot.env=A', /expected a map/],
    ['values.pilot.env=["A"]', /expected a map/],
    // upstream appended a scalar to a list; here it is a type error
    ['values.global.imagePullSecrets=a', /expected a list/],
    ['components.pilot.k8s.env={"name":"A"}', /expected a list/],
  ];
  it.each(wrong)('%s is an issue', (flag, message) => {
    const r = apply([flag]);
    expect(r.issues).toHaveLength(1);
    const issue = r.issues[0] as Issue;
    expect(issue.code).toBe('invalid-set-value');
    expect(issue.message).toMatch(message);
    expect(issue.path).toBe(`spec.${flag.slice(0, flag.indexOf('=')).replace(/^spec\./, '')}`);
    expect(issue.source).toEqual({ file: '--set', line: 1, column: flag.indexOf('=') + 2 });
    expect(r.doc).toEqual(baseDoc());
  });
});

describe('--set paths: selectors, creation and errors', () => {
  it('selects a map entry by key:value', () => {
    const r = apply(['components.ingressGateways[name:gw2].enabled=true']);
    expect(r.issues).toEqual([]);
    expect(at(r.doc, '/spec/components/ingressGateways')).toEqual([
      { name: 'gw1', enabled: true },
      { name: 'gw2', enabled: true },
    ]);
  });

  it('appends with [-1] or [len], replaces with [i]', () => {
    const r = apply(['components.ingressGateways[-1].name=gw3', 'components.ingressGateways[3].name=gw4', 'components.ingressGateways.[0].name=first']);
    expect(r.issues).toEqual([]);
    expect(at(r.doc, '/spec/components/ingressGateways')).toEqual([
      { name: 'first', enabled: true },
      { name: 'gw2', enabled: false },
      { name: 'gw3' },
      { name: 'gw4' },
    ]);
  });

  it('replaces a scalar list entry selected by value', () => {
    const r = apply(['values.cni.excludeNamespaces[kube-system]=other', 'values.cni.excludeNamespaces[:istio-system]=mine']);
    expect(r.issues).toEqual([]);
    expect(at(r.doc, '/spec/values/cni/excludeNamespaces')).toEqual(['mine', 'other']);
  });

  it('creates missing maps, and missing lists before [0] or [-1]', () => {
    const r = apply(['components.pilot.k8s.hpaSpec.minReplicas=2', 'meshConfig.trustDomainAliases[-1]=a', 'unvalidatedValues.x[0].y=1', 'values.global.imagePullSecrets[0]=s']);
    expect(r.issues).toEqual([]);
    expect(at(r.doc, '/spec/components/pilot/k8s')).toEqual({ hpaSpec: { minReplicas: 2 } });
    expect(at(r.doc, '/spec/meshConfig/trustDomainAliases')).toEqual(['a']);
    expect(at(r.doc, '/spec/unvalidatedValues')).toEqual({ x: [{ y: 1 }] });
    expect(at(r.doc, '/spec/values/global/imagePullSecrets')).toEqual(['s']);
  });

  it('writes keys such as __proto__ as data', () => {
    const r = apply(['unvalidatedValues.__proto__.polluted=1', 'values.pilot.env.__proto__=x']);
    expect(r.issues).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(at(r.doc, '/spec/unvalidatedValues') as object)).toEqual(['__proto__']);
    expect(Object.prototype.hasOwnProperty.call(at(r.doc, '/spec/values/pilot/env'), '__proto__')).toBe(true);
  });

  const errors: [string, string, string, number][] = [
    ['components.ingressGateways[name:nope].enabled=true', 'set-no-match', 'spec.components.ingressGateways', 27],
    ['components.ingressGateways[5].enabled=true', 'set-index-out-of-range', 'spec.components.ingressGateways', 27],
    ['meshConfig.trustDomainAliases[1]=a', 'set-index-out-of-range', 'spec.meshConfig.trustDomainAliases', 30],
    ['meshConfig.trustDomainAliases[name:x].y=a', 'set-no-match', 'spec.meshConfig.trustDomainAliases', 30],
    ['values.cni.excludeNamespaces[nope]=x', 'set-no-match', 'spec.values.cni.excludeNamespaces', 29],
    ['values.cni.excludeNamespaces[kube-system].x=1', 'invalid-set-flag', 'spec.values.cni.excludeNamespaces', 29],
    ['hub.x=1', 'set-type-conflict', 'spec.hub', 5],
    ['components.pilot[0].enabled=true', 'set-type-conflict', 'spec.components.pilot', 17],
  ];
  it.each(errors)('%s -> %s', (flag, code, path, column) => {
    const r = apply([flag]);
    expect(r.issues).toHaveLength(1);
    const issue = r.issues[0] as Issue;
    expect(issue.code).toBe(code);
    expect(issue.path).toBe(path);
    expect(issue.source).toEqual({ file: '--set', line: 1, column });
    expect(issue.message).toContain(JSON.stringify(flag));
    // a failed flag changes nothing
    expect(r.doc).toEqual(baseDoc());
  });

  it('lists the entries when a key:value selector matches none', () => {
    const r = apply(['components.ingressGateways[name:gw9].enabled=true']);
    expect(r.issues[0]?.message).toContain('(entries: "gw1", "gw2")');
  });

  it('numbers the flags: line = position among --set flags, column = where the value starts', () => {
    const r = apply(['hub=a', 'values.pilot.env.A=1', 'components.pilot.enabled=nope']);
    expect(r.sourceMap.get('/spec/hub')).toEqual({ file: '--set', line: 1, column: 5 });
    expect(r.sourceMap.get('/spec/values/pilot/env/A')).toEqual({ file: '--set', line: 2, column: 20 });
    expect(r.issues[0]?.source).toEqual({ file: '--set', line: 3, column: 26 });
  });

  it('gives a set map value and all its children the flag position', () => {
    const r = apply(['values.pilot.env={"A":"1"}']);
    expect(r.sourceMap.get('/spec/values/pilot/env')).toEqual({ file: '--set', line: 1, column: 18 });
    expect(r.sourceMap.get('/spec/values/pilot/env/A')).toEqual({ file: '--set', line: 1, column: 18 });
    expect(r.sourceMap.get('/spec/hub')).toEqual({ file: 'base.yaml', line: 1, column: 1 });
  });
});

describe('--set values are read in linear time', () => {
  // With a backtracking number pattern this input takes hours; the test timeout catches that.
  it('a 200k-digit value is rejected or kept', () => {
    const digits = '1'.repeat(200_000);
    const r = apply([`values.pilot.traceSampling=${digits}x`, `tag=${digits}`, `unvalidatedValues.a=${digits}.`]);
    expect(r.issues.map((i) => i.code)).toEqual(['invalid-set-value']);
    expect(at(r.doc, '/spec/tag')).toBe(digits);
  });
});
