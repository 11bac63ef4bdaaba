import { describe, expect, it } from 'vitest';
import { parseWorkloads, parseWorkloadsBytes, workloadIssue, WORKLOAD_CODES, type ParseWorkloadsResult } from '../../src/inject/parse-workloads.js';
import { formatIssue } from '../../src/operator/issues.js';

function errors(r: ParseWorkloadsResult): string[] {
  if (r.success) throw new Error(`expected errors, got ${r.documents.length} documents`);
  return r.issues.map(formatIssue);
}

function ok(r: ParseWorkloadsResult) {
  if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;

describe('parseWorkloads: good files', () => {
  it('reads every document with kind, name, namespace, label and the text as written', () => {
    const r = ok(parseWorkloads(`# leading comment\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n${DEPLOYMENT}`, 'app.yaml'));
    expect(r.documents.map((d) => [d.index, d.apiVersion, d.kind, d.name, d.namespace, d.label])).toEqual([
      [0, 'v1', 'Service', 's', undefined, 'document 1 (Service s)'],
      [1, 'apps/v1', 'Deployment', 'web', 'shop', 'document 2 (Deployment web)'],
    ]);
    expect(r.documents[0]?.text).toBe('# leading comment\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n');
    expect(r.documents[1]?.text).toBe(DEPLOYMENT);
    expect(r.documents[1]?.object).toMatchObject({ spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } });
    expect(r.warnings).toEqual([]);
  });

  it('positions: a map entry is located at its key, a list item at the item', () => {
    const r = ok(parseWorkloads(DEPLOYMENT, 'app.yaml'));
    const d = r.documents[0]!;
    expect(d.position(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({ file: 'app.yaml', line: 15, column: 9 });
    expect(d.position(['spec', 'template', 'spec', 'containers', 0])).toEqual({ file: 'app.yaml', line: 14, column: 9 });
    // A missing node: the deepest existing one on the way.
    expect(d.position(['spec', 'nothing', 'here'])).toEqual({ file: 'app.yaml', line: 6, column: 1 });
    expect(formatIssue(workloadIssue(d, ['spec', 'replicas'], 'x', 'missing'))).toBe('app.yaml:6:1: error: document 1 (Deployment web): spec.replicas: missing');
  });

  it('YAML 1.1 scalars as kubectl reads them; timestamps stay strings', () => {
    const r = ok(parseWorkloads('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {a: 2021-01-01}\nspec:\n  hostNetwork: yes\n  containers: [{name: a, image: b}]\n', 'p.yaml'));
    expect(r.documents[0]?.object).toMatchObject({ metadata: { annotations: { a: '2021-01-01' } }, spec: { hostNetwork: true } });
  });

  it('empty documents are kept (object undefined); custom resources and other kinds pass', () => {
    const r = ok(parseWorkloads('---\n# only a comment\n---\napiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: v}\nspec: {hosts: 5}\n', 'x.yaml'));
    expect(r.documents.map((d) => [d.object === undefined, d.kind])).toEqual([
      [true, ''],
      [false, 'VirtualService'],
    ]);
  });

  it('List items are checked as workloads; unknown fields are warnings', () => {
    const r = ok(
      parseWorkloads('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers: [{name: a, image: b}]\n    contaners: []\n', 'l.yaml'),
    );
    expect(r.warnings.map(formatIssue)).toEqual(['l.yaml:9:5: warning: document 1 (List): items[0].spec.contaners: unknown field (did you mean "containers"?); Kubernetes ignores it']);
  });

  it('__proto__ keys are plain data', () => {
    const r = ok(parseWorkloads('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {__proto__: x}\nspec: {containers: [{name: a, image: b}]}\n', 'p.yaml'));
    const labels = (r.documents[0]?.object?.metadata as { labels: Record<string, unknown> }).labels;
    expect(Object.hasOwn(labels, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('parseWorkloads: bad files name the document and the field', () => {
  it('a wrong type in a Deployment', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n${DEPLOYMENT.replace('- name: web', '- name: 5')}`;
    expect(errors(parseWorkloads(text, 'app.yaml'))).toEqual([
      'app.yaml:18:9: error: document 2 (Deployment web): spec.template.spec.containers[0].name: expected a string, got integer 5',
    ]);
  });

  it('several documents with errors: all reported, in order', () => {
    const text = 'a: 1\n---\n- x\n---\nhello\n---\napiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n---\nx: 1\nx: 2\n---\na:\n\tb: 1\n---\nk: [1\n';
    const r = parseWorkloads(text, 'bad.yaml');
    expect(errors(r)).toEqual([
      'bad.yaml:1:1: error: document 1: not a Kubernetes object: apiVersion and kind are missing (a workload starts with e.g. "apiVersion: apps/v1" and "kind: Deployment")',
      'bad.yaml:3:1: error: document 2: the document is a list; expected a Kubernetes object (a mapping with apiVersion, kind and metadata)',
      'bad.yaml:5:1: error: document 3: the document is the string "hello"; expected a Kubernetes object (a mapping with apiVersion, kind and metadata)',
      'bad.yaml:8:1: error: document 4 (Deploymnet x): kind: unknown kind "Deploymnet" for apiVersion apps/v1 (did you mean "Deployment"?)',
      'bad.yaml:12:1: error: document 5: x: duplicate key "x" (first written at line 11, column 1); YAML keys must be unique (remove one of them)',
      'bad.yaml:15:1: error: document 6: invalid YAML: Tabs are not allowed as indentation (indent with spaces; YAML does not allow tabs for indentation)',
      'bad.yaml:17:4: error: document 7: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (it is opened here and never closed)',
    ]);
    if (!r.success) expect(r.issues.map((i) => i.code)).toEqual([
      WORKLOAD_CODES.notKubernetes,
      WORKLOAD_CODES.notAMapping,
      WORKLOAD_CODES.notAMapping,
      WORKLOAD_CODES.unknownKind,
      WORKLOAD_CODES.duplicateKey,
      WORKLOAD_CODES.syntax,
      WORKLOAD_CODES.syntax,
    ]);
  });

  it('a workload kind in the wrong group version', () => {
    expect(errors(parseWorkloads('apiVersion: v1\nkind: Deployment\nmetadata: {name: d}\n', 'd.yaml'))).toEqual([
      'd.yaml:1:1: error: document 1 (Deployment d): apiVersion: kind Deployment is not served in v1 (use apiVersion apps/v1)',
    ]);
  });

  it('batch/v1beta1 CronJob is checked like batch/v1', () => {
    expect(errors(parseWorkloads('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: 5\n', 'c.yaml'))).toEqual([
      'c.yaml:5:3: error: document 1 (CronJob c): spec.schedule: expected a string, got integer 5',
    ]);
  });

  it('List items with errors', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- 3\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec: {containers: [{name: a, image: [b]}]}\n';
    expect(errors(parseWorkloads(text, 'l.yaml'))).toEqual([
      'l.yaml:4:3: error: document 1 (List): items[0]: expected a Kubernetes object, got number 3',
      'l.yaml:8:33: error: document 1 (List): items[1].spec.containers[0].image: expected a string, got a list',
    ]);
  });

  it('empty file, comments only', () => {
    for (const t of ['', '\n', '# nothing\n', '---\n---\n']) {
      expect(errors(parseWorkloads(t, 'e.yaml'))).toEqual(['e.yaml:1:1: error: the file holds no YAML document; expected Kubernetes workloads (Deployment, Pod, ...)']);
    }
  });

  it('binary garbage and invalid UTF-8', () => {
    expect(errors(parseWorkloads('apiVersion: v1\nki\u0000nd', 'b.bin'))).toEqual(['b.bin:2:3: error: the file looks binary: it contains a NUL byte; expected a YAML text file of Kubernetes workloads (Deployment, Pod, ...)']);
    expect(errors(parseWorkloadsBytes(new Uint8Array([0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x20, 0xc3, 0x28]), 'u.yaml'))).toEqual([
      'u.yaml:2:4: error: the file is not valid UTF-8 text (bad byte 0xc3 at offset 6); a workload file must be UTF-8 YAML',
    ]);
    const ok8 = parseWorkloadsBytes(new TextEncoder().encode('\ufeffapiVersion: v1\nkind: Pod\nmetadata: {name: é}\n'), 'bom.yaml');
    expect(ok8.success).toBe(true);
  });

  it('never throws on random input', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', ':', ' ', '\n', '-', '[', ']', '{', '}', '&x', '*x', '"', "'", '\t', '---\n', 'kind: Pod\n', 'apiVersion: v1\n', '<<: ', '!!', '|', '#', '0x', '1e9', '?'];
    for (let i = 0; i < 400; i++) {
      let s = '';
      for (let k = rnd(60); k > 0; k--) s += alphabet[rnd(alphabet.length)];
      const r = parseWorkloads(s, 'r.yaml');
      if (!r.success) for (const issue of r.issues) expect(issue.source?.line).toBeGreaterThan(0);
    }
  });

  it('a self-referencing alias stops at the depth limit, with a short path', () => {
    const r = parseWorkloads('a: &x\n  b: *x\n', 'self.yaml');
    expect(errors(r)).toEqual([`self.yaml:2:3: error: document 1: a${'.b'.repeat(58)}...: the document nests deeper than 200 levels`]);
  });

  it('alias bombs stop with an issue', () => {
    let text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const r = parseWorkloads(text, 'bomb.yaml');
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.code).toBe(WORKLOAD_CODES.tooComplex);
  });
});

describe('parseWorkloads: kinds', () => {
  it('a kind Kubernetes no longer serves passes through with a warning; a typo of a kind is an error', () => {
    const r = ok(parseWorkloads('apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\n', 'psp.yaml'));
    expect(r.warnings.map(formatIssue)).toEqual([
      'psp.yaml:2:1: warning: document 1 (PodSecurityPolicy p): kind: apiVersion policy/v1beta1 kind PodSecurityPolicy is not served by Kubernetes 1.25 or 1.34; it is passed through unchanged',
    ]);
    expect(errors(parseWorkloads('apiVersion: v1\nkind: Servce\nmetadata: {name: s}\n', 's.yaml'))).toEqual([
      's.yaml:2:1: error: document 1 (Servce s): kind: unknown kind "Servce" for apiVersion v1 (did you mean "Service"?)',
    ]);
    // Served elsewhere: a kind of another group is passed through (Kubernetes would refuse it, kube-inject does not change it).
    expect(ok(parseWorkloads('apiVersion: v1\nkind: Ingress\nmetadata: {name: i}\n', 'i.yaml')).warnings).toHaveLength(1);
  });
});
