/**
 * istiod 1.11's injection template functions (InjectionFuncmap over Sprig's TxtFuncMap), each
 * with its Go semantics, run through the template engine as istiod runs them.
 */
import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../../src/gotemplate/template.js';
import { GoInt, type GoValue } from '../../src/gotemplate/value.js';
import { durationValue, jsonToGo, objectMeta, podSpec, proxyConfigValue, meshConfigValue } from '../../src/inject/data.js';
import { ISTIOD_FUNCTION_NAMES, injectionFuncs } from '../../src/inject/funcs.js';
import { durationString as goDurationString } from '../../src/sprig/gotime.js';
import { defaultMeshConfig, defaultProxyConfig } from '../../src/inject/mesh.js';

function run(text: string, data: GoValue = null, env?: Record<string, string>): string {
  const set = new TemplateSet({ funcs: injectionFuncs(env ? { env } : {}), compat: 'helm3', rootName: 'inject' });
  set.parse('inject', text);
  return set.execute('inject', data);
}

function runErr(text: string, data: GoValue = null): string {
  try {
    return 'no error: ' + run(text, data);
  } catch (e) {
    return (e as Error).message;
  }
}

const dot = (fields: Record<string, GoValue>): GoValue => new Map(Object.entries(fields));

describe('the function map', () => {
  it('has exactly istiod 1.11 InjectionFuncmap on top of Sprig', () => {
    expect([...ISTIOD_FUNCTION_NAMES].sort()).toEqual(
      [
        'annotation',
        'appendMultusNetwork',
        'applicationPorts',
        'contains',
        'directory',
        'env',
        'excludeInboundPort',
        'formatDuration',
        'fromJSON',
        'includeInboundPorts',
        'indent',
        'isset',
        'kubevirtInterfaces',
        'protoToJSON',
        'structToJSON',
        'toJSON',
        'toJson',
        'toLower',
        'toYaml',
        'valueOrDefault',
      ].sort(),
    );
    const f = injectionFuncs();
    for (const name of ['list', 'append', 'join', 'default', 'quote', 'dict', 'hasKey', 'split', 'trim', 'nindent', 'toString', 'expandenv', 'env']) expect(f.has(name), name).toBe(true);
    // helm's own functions are not istiod's; later versions' helpers are not 1.11's (Sprig's dict `omit` is there).
    for (const name of ['include', 'tpl', 'required', 'fromYaml', 'lookup', 'strdict', 'toJsonMap', 'mergeMaps']) expect(f.has(name), name).toBe(false);
  });
  it('istiod wins over Sprig (indent, contains, toYaml)', () => {
    // Sprig's indent pads the first line too; istiod's does not.
    expect(run('{{ indent 2 .s }}', dot({ s: 'a\nb\nc' }))).toBe('a\n  b\n  c');
    expect(run('{{ nindent 2 .s }}', dot({ s: 'a\nb' }))).toBe('\n  a\n  b');
    expect(run('{{ indent -3 .s }}|{{ indent 0 .s }}', dot({ s: 'a\nb' }))).toBe('a\n   b|a\nb');
    expect(runErr('{{ indent .f .s }}', dot({ f: 2, s: 'x' }))).toContain('expected int; got float64');
  });
});

describe('annotation / isset / valueOrDefault', () => {
  const meta = objectMeta({ annotations: { present: 'x', empty: '' } });
  it('annotation: the value when present (even empty), else fmt.Sprint(default)', () => {
    const d = dot({ m: meta, n: 15020, nil: null, b: true, l: ['a', 'b'] });
    expect(run('{{ annotation .m "present" "d" }}|{{ annotation .m "empty" "d" }}|{{ annotation .m "absent" "d" }}', d)).toBe('x||d');
    expect(run('{{ annotation .m "absent" .n }}|{{ annotation .m "absent" .nil }}|{{ annotation .m "absent" .b }}|{{ annotation .m "absent" .l }}', d)).toBe('15020|<nil>|true|[a b]');
    expect(run('{{ annotation .m "absent" 1.5 }}', d)).toBe('1.5');
  });
  it('annotation needs a metav1.ObjectMeta', () => {
    expect(runErr('{{ annotation .x "a" "b" }}', dot({ x: 'str' }))).toContain('wrong type for value; expected v1.ObjectMeta; got string');
  });
  it('isset on map[string]string', () => {
    const d = dot({ m: meta });
    expect(run('{{ isset .m.Annotations "empty" }} {{ isset .m.Annotations "absent" }}', d)).toBe('true false');
    expect(run('{{ isset .m.Labels "x" }}', d)).toBe('false'); // a nil map
  });
  it('valueOrDefault: only "" and nil are replaced (false and 0 are kept)', () => {
    const d = dot({ e: '', n: null, f: false, z: 0, s: 'v' });
    expect(run('{{ valueOrDefault .e "d" }}|{{ valueOrDefault .n "d" }}|{{ valueOrDefault .f "d" }}|{{ valueOrDefault .z "d" }}|{{ valueOrDefault .s "d" }}|{{ valueOrDefault .missing "d" }}', d)).toBe('d|d|false|0|v|d');
  });
});

describe('JSON and YAML', () => {
  it('toJSON/toJson take a map[string]string only; nil gives {}', () => {
    const meta = objectMeta({ annotations: { b: '<2>', a: '1' } });
    expect(run('{{ toJSON .m.Annotations }} {{ toJson .m.Labels }}', dot({ m: meta }))).toBe('{"a":"1","b":"\\u003c2\\u003e"} {}');
    expect(runErr('{{ toJSON .v }}', dot({ v: jsonToGo({ a: 1 }) }))).toContain('wrong type for value; expected map[string]string; got map[string]interface {}');
  });
  it('fromJSON: any JSON value (float64 numbers); invalid gives the string "{}"', () => {
    expect(run('{{ (fromJSON .s).a }} {{ printf "%T" (fromJSON .s).a }}', dot({ s: '{"a": 2}' }))).toBe('2 float64');
    expect(run('{{ fromJSON "[1,2]" }}', null)).toBe('[1 2]');
    expect(run('{{ fromJSON "nope" }}|{{ printf "%T" (fromJSON "nope") }}', null)).toBe('{}|string');
  });
  it('structToJSON: compact encoding/json with Kubernetes JSON names; nil gives {}', () => {
    const spec = podSpec({ containers: [{ name: 'app', ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }, { containerPort: 9090 }] }] });
    const d = dot({ spec });
    expect(run('{{ range (index .spec.Containers 0).Ports }}{{ structToJSON . }};{{ end }}', d)).toBe('{"name":"http","containerPort":8080,"protocol":"TCP"};{"containerPort":9090};');
    expect(run('{{ structToJSON .spec.SecurityContext }}', d)).toBe('{}');
    expect(run('{{ structToJSON .m }}', dot({ m: jsonToGo({ b: 1, a: [true] }) }))).toBe('{"a":[true],"b":1}');
  });
  it('toYaml: sigs.k8s.io/yaml, trailing newline kept', () => {
    expect(run('{{ toYaml .v }}', dot({ v: jsonToGo({ b: 1, a: { c: 'x' } }) }))).toBe('a:\n  c: x\nb: 1\n');
    const spec = podSpec({ containers: [{ name: 'app' }] });
    expect(run('{{ toYaml (index .s.Containers 0) }}', dot({ s: spec }))).toBe('name: app\nresources: {}\n');
  });
  it('protoToJSON: jsonpb of the ProxyConfig with istiod defaults removed (1.11 cleanProxyConfig)', () => {
    const pc = proxyConfigValue({ ...defaultProxyConfig(), holdApplicationUntilProxyStarts: true, proxyMetadata: { B: '2', A: '1' }, interceptionMode: 'TPROXY' });
    expect(run('{{ protoToJSON .pc }}', dot({ pc }))).toBe('{"interceptionMode":"TPROXY","proxyMetadata":{"A":"1","B":"2"},"holdApplicationUntilProxyStarts":true}');
    expect(run('{{ protoToJSON .pc }}', dot({ pc: proxyConfigValue(defaultProxyConfig()) }))).toBe('{}');
    const changed = proxyConfigValue({ ...defaultProxyConfig(), drainDuration: '30s', statusPort: 15021, proxyMetadata: {} });
    expect(run('{{ protoToJSON .pc }}', dot({ pc: changed }))).toBe('{"drainDuration":"30s","statusPort":15021}');
  });
  it('protoToJSON of a MeshConfig (no cleaning) and of nil; other values are an error', () => {
    const mc = meshConfigValue({ trustDomain: 'td', defaultConfig: { statusPort: 1 }, enableTracing: false });
    expect(run('{{ protoToJSON .mc }}', dot({ mc }))).toBe('{"defaultConfig":{"statusPort":1},"trustDomain":"td"}');
    expect(run('{{ protoToJSON .nil }}', dot({ nil: null }))).toBe('{}');
    expect(runErr('{{ protoToJSON "x" }}')).toContain('expected proto.Message');
    expect(meshConfigValue(defaultMeshConfig()).fields.get('TrustDomain')).toBe('cluster.local');
  });
});

describe('strings and paths', () => {
  it('directory, contains (needle first), toLower, kubevirtInterfaces', () => {
    expect(run('{{ directory "/etc/certs/cert-chain.pem" }}|{{ directory "file" }}|{{ directory "/a/b/" }}')).toBe('/etc/certs/||/a/b/');
    expect(run('{{ contains "/" "docker.io/proxy" }} {{ contains "/" "proxyv2" }}')).toBe('true false');
    expect(run('{{ toLower "Deployment" }} {{ kubevirtInterfaces "net1,net2" }}')).toBe('deployment net1,net2');
  });
});

describe('ports', () => {
  it('excludeInboundPort: appends unless empty, "0" or already there; trims entries', () => {
    const d = dot({ p: 15020, i: new GoInt('int32', 15021n) });
    expect(run('{{ excludeInboundPort "15020" "" }}')).toBe('15020');
    expect(run('{{ excludeInboundPort "15020" "15090, 15021 ," }}')).toBe('15090,15021,15020');
    expect(run('{{ excludeInboundPort "15020" "15090,15020" }}')).toBe('15090,15020');
    expect(run('{{ excludeInboundPort "0" "1,2" }}|{{ excludeInboundPort "" " 1 " }}')).toBe('1,2| 1 ');
    expect(run('{{ excludeInboundPort .p "1" }}|{{ excludeInboundPort .i "1" }}', d)).toBe('1,15020|1,15021');
  });
  it('includeInboundPorts / applicationPorts: TCP container ports (UDP and SCTP skipped)', () => {
    const spec = podSpec({
      containers: [
        { name: 'app', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 81, protocol: 'TCP' }, { containerPort: 9, protocol: 'SCTP' }] },
        { name: 'istio-proxy', ports: [{ containerPort: 15090 }] },
      ],
    });
    const d = dot({ s: spec });
    expect(run('{{ includeInboundPorts .s.Containers }}', d)).toBe('80,81,15090');
    expect(run('{{ applicationPorts .s.Containers }}', d)).toBe('80,81');
    expect(run('{{ includeInboundPorts .s.InitContainers }}', d)).toBe('');
  });
});

describe('appendMultusNetwork', () => {
  it('empty, comma list, JSON list; no duplicates; bad JSON left alone', () => {
    expect(run('{{ appendMultusNetwork "" "istio-cni" }}')).toBe('istio-cni');
    expect(run('{{ appendMultusNetwork "macvlan" "istio-cni" }}')).toBe('macvlan, istio-cni');
    expect(run('{{ appendMultusNetwork "macvlan, istio-cni" "istio-cni" }}')).toBe('macvlan, istio-cni');
    expect(run('{{ appendMultusNetwork .s "istio-cni" }}', dot({ s: '[{"name": "macvlan"}]' }))).toBe('[{"name": "macvlan"}, {"name": "istio-cni"}]');
    expect(run('{{ appendMultusNetwork .s "istio-cni" }}', dot({ s: '[{"name": "istio-cni"}]' }))).toBe('[{"name": "istio-cni"}]');
    expect(run('{{ appendMultusNetwork .s "istio-cni" }}', dot({ s: '[not json]' }))).toBe('[not json]');
  });
});

describe('env (pure: an injected map instead of the process environment)', () => {
  it('default without a map; the map value when set and non-empty', () => {
    expect(run('{{ env "HOME" "none" }}')).toBe('none');
    expect(run('{{ env "A" "d" }}|{{ env "E" "d" }}', null, { A: 'x', E: '' })).toBe('x|d');
    expect(run('{{ expandenv "a=$A ${B}" }}', null, { A: '1', B: '2' })).toBe('a=1 2');
  });
});

describe('formatDuration', () => {
  it('Go time.Duration String of a *types.Duration; nil gives 1s', () => {
    const d = dot({ a: durationValue(45_000_000_000n), b: durationValue(90_500_000_000n), c: durationValue(0n), pc: proxyConfigValue(defaultProxyConfig()) });
    expect(run('{{ formatDuration .a }} {{ formatDuration .b }} {{ formatDuration .c }} {{ formatDuration nil }}', d)).toBe('45s 1m30.5s 0s 1s');
    expect(run('{{ formatDuration .pc.DrainDuration }} {{ formatDuration .pc.ParentShutdownDuration }} {{ formatDuration .pc.TerminationDrainDuration }}', d)).toBe('45s 1m0s 5s');
    expect(runErr('{{ formatDuration "5s" }}')).toContain('for arg of type *types.Duration');
    // an unset Duration field is a nil *types.Duration: formatDuration gives 1s (1.11's fallback), `if` is false
    expect(run('{{ formatDuration .pc.DiscoveryRefreshDelay }} {{ if .pc.DiscoveryRefreshDelay }}set{{ else }}unset{{ end }}', d)).toBe('1s unset');
  });
  it('goDurationString', () => {
    expect(goDurationString(3_600_000_000_000n)).toBe('1h0m0s');
    expect(goDurationString(1_500_000n)).toBe('1.5ms');
    expect(goDurationString(1_000n)).toBe('1µs');
    expect(goDurationString(7n)).toBe('7ns');
    expect(goDurationString(-2_000_000_000n)).toBe('-2s');
  });
});
