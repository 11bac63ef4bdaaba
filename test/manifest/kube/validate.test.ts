import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatKubeIssue, KUBE_VERSIONS, validateManifestText, validateObjects, type KubeIssue } from '../../../src/manifest/kube/index.js';
import * as F from './fixtures.js';

const OLDEST = KUBE_VERSIONS[0] as string;
const NEWEST = KUBE_VERSIONS[KUBE_VERSIONS.length - 1] as string;
const BOTH = [OLDEST, NEWEST];
const CRDS = [parse(F.ENVOYFILTER_CRD), parse(F.STRICT_CRD)] as unknown[];

/** The issues formatted without their lines (tests of lines look at `line`). */
function lines(issues: readonly KubeIssue[]): string[] {
  return issues.map((i) => formatKubeIssue({ ...i, line: undefined }));
}

function check(text: string, version: string, crds: readonly unknown[] = CRDS): string[] {
  return lines(validateManifestText(text, { version, crds }));
}

/** Replaces `from` (which must occur) in `text`. */
function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

function minorOf(v: string): number {
  return Number(v.split('.')[1]);
}

describe('KUBE_VERSIONS', () => {
  it('has a version at 1.25 or older and one at 1.30 or newer, oldest first', () => {
    expect(minorOf(OLDEST)).toBeLessThanOrEqual(25);
    expect(minorOf(NEWEST)).toBeGreaterThanOrEqual(30);
    expect([...KUBE_VERSIONS].sort((a, b) => minorOf(a) - minorOf(b))).toEqual(KUBE_VERSIONS);
  });

  it('an unsupported version is an issue, not an exception', () => {
    const issues = validateObjects([parse(F.CONFIGMAP)], { version: '1.7' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('version');
    expect(issues[0]?.message).toContain(OLDEST);
  });
});

describe.each(BOTH)('valid objects pass on Kubernetes %s', (version) => {
  const valid: Record<string, string> = {
    Deployment: F.DEPLOYMENT,
    Service: F.SERVICE,
    ConfigMap: F.CONFIGMAP,
    ServiceAccount: F.SERVICE_ACCOUNT,
    ClusterRole: F.CLUSTER_ROLE,
    RoleBinding: F.ROLE_BINDING,
    MutatingWebhookConfiguration: F.MUTATING_WEBHOOK,
    ValidatingWebhookConfiguration: F.VALIDATING_WEBHOOK,
    'PodDisruptionBudget policy/v1': F.PDB,
    'HorizontalPodAutoscaler autoscaling/v2': F.hpa('autoscaling/v2'),
    DaemonSet: F.DAEMONSET,
    CustomResourceDefinition: `${F.ENVOYFILTER_CRD}---\n${F.STRICT_CRD}`,
    'EnvoyFilter against its CRD': F.ENVOYFILTER,
  };
  it.each(Object.entries(valid))('%s', (_name, text) => {
    expect(check(text, version)).toEqual([]);
  });

  it('all of them in one multi-document text, with comments and empty documents', () => {
    const text = ['# Source: x', ...Object.values(valid)].join('\n---\n') + '\n---\n# empty\n';
    expect(check(text, version)).toEqual([]);
  });

  it('a custom resource whose CRD is among the objects themselves', () => {
    expect(check(`${F.ENVOYFILTER_CRD}---\n${F.ENVOYFILTER}`, version, [])).toEqual([]);
  });

  it('null for an optional field, generateName instead of name, a v1 List', () => {
    expect(check(edit(F.SERVICE, '  type: ClusterIP', '  type: null'), version)).toEqual([]);
    expect(check(edit(F.CONFIGMAP, '  name: istio\n', '  generateName: istio-\n'), version)).toEqual([]);
    const list = { apiVersion: 'v1', kind: 'List', items: [parse(F.SERVICE), parse(F.CONFIGMAP)] };
    expect(validateObjects([list], { version })).toEqual([]);
  });

  it('quantities as numbers and strings, int-or-string as both', () => {
    const text = edit(edit(F.DEPLOYMENT, 'cpu: 500m', 'cpu: 0.5'), 'maxUnavailable: 25%', 'maxUnavailable: 1');
    expect(check(text, version)).toEqual([]);
  });
});

describe('apiVersion/kind served per version', () => {
  it('autoscaling/v2beta2 HPA is served by the oldest version only', () => {
    expect(check(F.hpa('autoscaling/v2beta2'), OLDEST)).toEqual([]);
    expect(check(F.hpa('autoscaling/v2beta2'), NEWEST)).toEqual([
      `HorizontalPodAutoscaler istiod: apiVersion autoscaling/v2beta2 kind HorizontalPodAutoscaler is not served by Kubernetes ${NEWEST} (use autoscaling/v1 or autoscaling/v2)`,
    ]);
  });

  it('policy/v1beta1 PodDisruptionBudget is not served by either', () => {
    for (const v of BOTH) {
      const issues = validateManifestText(edit(F.PDB, 'policy/v1', 'policy/v1beta1'), { version: v });
      expect(issues.map((i) => [i.code, i.line, i.message])).toEqual([['not-served', 1, `apiVersion policy/v1beta1 kind PodDisruptionBudget is not served by Kubernetes ${v} (use policy/v1)`]]);
    }
  });

  it('a kind added after the oldest version (networking.k8s.io/v1 ServiceCIDR) is served by the newest only', () => {
    const cidr = { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'kubernetes' }, spec: { cidrs: ['10.96.0.0/12'] } };
    expect(validateObjects([cidr], { version: NEWEST })).toEqual([]);
    expect(validateObjects([cidr], { version: OLDEST }).map((i) => i.code)).toEqual(['not-served']);
  });

  it('fields differ by version: Container.resizePolicy exists in the newest only', () => {
    const text = edit(F.DEPLOYMENT, '          imagePullPolicy: IfNotPresent\n', '          imagePullPolicy: IfNotPresent\n          resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]\n');
    expect(check(text, NEWEST)).toEqual([]);
    expect(check(text, OLDEST)).toEqual(['Deployment istiod: spec.template.spec.containers[0].resizePolicy: unknown field']);
  });

  it('a missing apiVersion or kind, a non-object document', () => {
    expect(validateObjects([{ kind: 'ConfigMap', metadata: { name: 'x' } }], { version: NEWEST }).map((i) => [i.path, i.code])).toEqual([['apiVersion', 'required']]);
    expect(validateObjects([{ apiVersion: 'v1', metadata: { name: 'x' } }], { version: NEWEST }).map((i) => [i.path, i.code])).toEqual([['kind', 'required']]);
    expect(validateObjects(['just text'], { version: NEWEST }).map((i) => i.code)).toEqual(['invalid']);
  });
});

describe.each(BOTH)('built-in kinds: errors on Kubernetes %s', (version) => {
  it('an unknown field deep in a pod template, with a suggestion and the line', () => {
    const text = edit(F.DEPLOYMENT, 'imagePullPolicy: IfNotPresent', 'imagePullPolicyy: IfNotPresent');
    const issues = validateManifestText(text, { version });
    const line = lineOf(text, 'imagePullPolicyy');
    expect(issues).toEqual([
      { document: 0, kind: 'Deployment', name: 'istiod', path: 'spec.template.spec.containers[0].imagePullPolicyy', code: 'unknown-field', message: 'unknown field (did you mean "imagePullPolicy"?)', line },
    ]);
    expect(formatKubeIssue(issues[0] as KubeIssue, 'istiod.yaml')).toBe(`istiod.yaml:${line}: Deployment istiod: spec.template.spec.containers[0].imagePullPolicyy: unknown field (did you mean "imagePullPolicy"?)`);
  });

  it('unknown fields at the top, in metadata and in a list item of a webhook', () => {
    expect(check(`${F.CONFIGMAP}spec: {}\n`, version)).toEqual(['ConfigMap istio: spec: unknown field']);
    expect(check(edit(F.SERVICE, '  namespace: istio-system', '  namespace: istio-system\n  labelz: {}'), version)).toEqual(['Service istiod: metadata.labelz: unknown field (did you mean "labels"?)']);
    expect(check(edit(F.MUTATING_WEBHOOK, 'sideEffects: None', 'sideEffects: None\n    objectSelectors: {}'), version)).toEqual([
      'MutatingWebhookConfiguration istio-sidecar-injector: webhooks[0].objectSelectors: unknown field (did you mean "objectSelector"?)',
    ]);
  });

  it('wrong types: a string for an integer, a number for a string label, an object for a list', () => {
    expect(check(edit(F.DEPLOYMENT, 'replicas: 1', 'replicas: "1"'), version)).toEqual(['Deployment istiod: spec.replicas: expected an integer, got string "1"']);
    expect(check(edit(F.SERVICE, 'app: istiod', 'app: 1.11'), version)).toEqual(['Service istiod: spec.selector.app: expected a string, got number 1.11']);
    expect(check(edit(F.CLUSTER_ROLE, 'verbs: ["get"]', 'verbs: {get: true}'), version)).toEqual(['ClusterRole istiod-istio-system: rules[1].verbs: expected a list, got an object']);
    expect(check(edit(F.SERVICE, 'targetPort: 15017', 'targetPort: 1.5'), version)).toEqual(['Service istiod: spec.ports[1].targetPort: expected an integer or a string, got number 1.5']);
  });

  it('YAML 1.1 scalars, as kubectl reads them: `yes` is a boolean, timestamps and `1:20` stay strings', () => {
    expect(check(edit(F.DAEMONSET, 'hostNetwork: true', 'hostNetwork: yes'), version)).toEqual([]);
    expect(check(edit(F.SERVICE, 'app: istiod', 'app: on'), version)).toEqual(['Service istiod: spec.selector.app: expected a string, got boolean true']);
    expect(check(`${F.CONFIGMAP}  day: 2021-09-01\n  at: 2021-09-01T10:00:00Z\n  time: 1:20\n`, version)).toEqual([]);
    expect(check(edit(F.CONFIGMAP, '  namespace: istio-system', '  namespace: istio-system\n  creationTimestamp: 2021-09-01T10:00:00Z'), version)).toEqual([]);
    expect(check(`${F.CONFIGMAP}  mode: 0644\n`, version)).toEqual(['ConfigMap istio: data.mode: expected a string, got integer 420']);
  });

  it('missing required fields: container name, roleRef, metadata.name, metadata', () => {
    expect(check(edit(F.DEPLOYMENT, '- name: discovery\n          image', '- image'), version)).toEqual(['Deployment istiod: spec.template.spec.containers[0].name: missing required field']);
    expect(check(F.ROLE_BINDING.replace(/roleRef:\n(  .*\n)+/, ''), version)).toEqual(['RoleBinding istiod: roleRef: missing required field']);
    expect(check(edit(F.CONFIGMAP, '  name: istio\n', ''), version)).toEqual(['ConfigMap: metadata.name: missing required field (or metadata.generateName)']);
    expect(lines(validateObjects([{ apiVersion: 'v1', kind: 'ConfigMap' }], { version }))).toEqual(['ConfigMap: metadata: missing required field']);
  });

  it('a value outside an enum', () => {
    expect(check(edit(F.DEPLOYMENT, 'imagePullPolicy: IfNotPresent', 'imagePullPolicy: Sometimes'), version)).toEqual([
      'Deployment istiod: spec.template.spec.containers[0].imagePullPolicy: string "Sometimes" is not one of "Always", "IfNotPresent", "Never"',
    ]);
    expect(check(edit(F.SERVICE, 'type: ClusterIP', 'type: Internal'), version)).toHaveLength(1);
  });

  it('int32 overflow and int64 fields', () => {
    expect(check(edit(F.DEPLOYMENT, 'containerPort: 15010', 'containerPort: 2147483648'), version)).toEqual([
      'Deployment istiod: spec.template.spec.containers[0].ports[1].containerPort: 2147483648 is out of the int32 range [-2147483648, 2147483647]',
    ]);
    // expirationSeconds is an int64: 2^31 is fine there.
    expect(check(edit(F.DEPLOYMENT, 'expirationSeconds: 43200', 'expirationSeconds: 2147483648'), version)).toEqual([]);
  });

  it('formats: quantity, date-time, base64', () => {
    expect(check(edit(F.DEPLOYMENT, 'memory: 2048Mi', 'memory: 2GB'), version)).toEqual([
      'Deployment istiod: spec.template.spec.containers[0].resources.requests.memory: string "2GB" is not a quantity (like 100m, 0.5, 128Mi, 1G)',
    ]);
    const md = { name: 's', creationTimestamp: 'yesterday' };
    expect(lines(validateObjects([{ apiVersion: 'v1', kind: 'Secret', metadata: md, data: { key: 'not base64!' } }], { version }))).toEqual([
      'Secret s: data.key: string "not base64!" is not base64 data',
      'Secret s: metadata.creationTimestamp: string "yesterday" is not an RFC 3339 date-time',
    ]);
    expect(validateObjects([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: '2021-09-01T10:00:00Z' }, data: { key: 'aGVsbG8=' } }], { version })).toEqual([]);
  });

  it('keys like __proto__ and constructor are unknown fields, never prototype lookups', () => {
    const obj = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","__proto__":{"a":1}},"constructor":"y","data":{"toString":"ok"}}') as unknown;
    expect(lines(validateObjects([obj], { version }))).toEqual(['ConfigMap x: constructor: unknown field', 'ConfigMap x: metadata.__proto__: unknown field']);
  });

  it('YAML errors are issues with a line (duplicate key)', () => {
    const text = `${F.CONFIGMAP}---\napiVersion: v1\nkind: ConfigMap\nkind: Secret\n`;
    const issues = validateManifestText(text, { version });
    expect(issues.map((i) => [i.document, i.code, i.line])).toEqual([[1, 'yaml', lineOf(text, 'kind: Secret')]]);
  });

  it('issues of several documents are ordered by document and line', () => {
    const text = `${edit(F.SERVICE, 'port: 443', 'port: "443"')}---\n${edit(F.CONFIGMAP, '\ndata:', '\ndatum:')}`;
    const issues = validateManifestText(text, { version });
    expect(issues.map((i) => [i.document, i.kind, i.path, i.line])).toEqual([
      [0, 'Service', 'spec.ports[1].port', lineOf(text, 'port: "443"')],
      [1, 'ConfigMap', 'datum', lineOf(text, 'datum:')],
    ]);
  });
});

describe.each(BOTH)('custom resources on Kubernetes %s', (version) => {
  const policy = (spec: string, apiVersion = 'example.istio.io/v1beta1'): string => `apiVersion: ${apiVersion}\nkind: MeshPolicy\nmetadata:\n  name: default\nspec:\n${spec}`;

  it('a strict CRD schema accepts a valid resource', () => {
    expect(check(policy('  mode: STRICT\n  port: 8080\n  target: 50%\n  selector: {app: x}\n  extra: {anything: [1, {b: 2}]}\n  rules: [{name: a, weight: 0.5}]\n'), version)).toEqual([]);
    expect(check(policy('  mode: PERMISSIVE\n  target: 3\n'), version)).toEqual([]);
  });

  it('unknown fields, types, enums, required and int32 in a strict CRD schema', () => {
    expect(check(policy('  mode: STRICT\n  prot: 1\n'), version)).toEqual(['MeshPolicy default: spec.prot: unknown field (did you mean "port"?)']);
    expect(check(policy('  mode: STRICT\n  rules: [{name: a, wieght: 1}]\n'), version)).toEqual(['MeshPolicy default: spec.rules[0].wieght: unknown field (did you mean "weight"?)']);
    expect(check(policy('  mode: STRICT\n  port: "80"\n  selector: {app: 1}\n'), version)).toEqual([
      'MeshPolicy default: spec.port: expected an integer, got string "80"',
      'MeshPolicy default: spec.selector.app: expected a string, got integer 1',
    ]);
    expect(check(policy('  mode: LOOSE\n'), version)).toEqual(['MeshPolicy default: spec.mode: string "LOOSE" is not one of "STRICT", "PERMISSIVE"']);
    expect(check(policy('  port: 1\n'), version)).toEqual(['MeshPolicy default: spec.mode: missing required field']);
    expect(check(policy('  mode: STRICT\n  port: 4294967296\n'), version)).toEqual(['MeshPolicy default: spec.port: 4294967296 is out of the int32 range [-2147483648, 2147483647]']);
    expect(check(policy('  mode: STRICT\n  target: [1]\n'), version)).toEqual(['MeshPolicy default: spec.target: expected an integer or a string, got a list']);
    expect(check(`${policy('  mode: STRICT\n')}status: {}\n`, version)).toEqual(['MeshPolicy default: status: unknown field']);
  });

  it('metadata of a custom resource is checked as ObjectMeta', () => {
    expect(check(policy('  mode: STRICT\n').replace('  name: default', '  name: default\n  lables: {}'), version)).toEqual(['MeshPolicy default: metadata.lables: unknown field (did you mean "labels"?)']);
  });

  it('preserve-unknown-fields accepts anything below it', () => {
    const text = edit(F.ENVOYFILTER, '  priority: -1', '  priority: -1\n  whatever: {deeply: [nested, {stuff: true}]}\nstatus: {anything: 1}');
    expect(check(text, version)).toEqual([]);
    expect(check(policy('  literally: anything\n', 'example.istio.io/v1'), version)).toEqual([]);
  });

  it('a version the CRD does not serve, and a kind no CRD defines', () => {
    expect(check(policy('  mode: STRICT\n', 'example.istio.io/v1alpha1'), version)).toEqual([
      'MeshPolicy default: apiVersion example.istio.io/v1alpha1 kind MeshPolicy is not served by CustomResourceDefinition meshpolicies.example.istio.io (it serves example.istio.io/v1beta1, example.istio.io/v1)',
    ]);
    expect(check(F.ENVOYFILTER, version, [])).toEqual(['EnvoyFilter stats-filter-1.11: apiVersion networking.istio.io/v1alpha3 kind EnvoyFilter: no CustomResourceDefinition given defines it']);
    expect(check(edit(F.ENVOYFILTER, 'v1alpha3', 'v1beta1'), version).map((l) => l.includes('is not served by CustomResourceDefinition envoyfilters.networking.istio.io'))).toEqual([true]);
  });

  it('the CRD object itself is checked as a built-in kind', () => {
    expect(check(edit(F.STRICT_CRD, '  scope: Cluster', '  scope: Cluster\n  preserveUnknownFields: false\n  conversionn: {}'), version)).toEqual([
      'CustomResourceDefinition meshpolicies.example.istio.io: spec.conversionn: unknown field (did you mean "conversion"?)',
    ]);
    expect(check(edit(F.STRICT_CRD, 'served: false', 'served: "no"'), version)).toEqual([
      'CustomResourceDefinition meshpolicies.example.istio.io: spec.versions[1].served: expected a boolean, got string "no"',
    ]);
  });
});
