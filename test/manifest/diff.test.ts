// src/manifest/diff.ts: objects matched by Kind:Namespace:Name, canonical comparison, patterns, issues with positions.
import { describe, expect, it } from 'vitest';
import { diffManifests, formatManifestDiff, parseManifests } from '../../src/manifest/diff.js';

const src = (text: string, name = 'a.yaml') => [{ name, text }];

const SA = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: istiod
  namespace: istio-system
`;
const CR = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: istiod
rules: []
`;
const DEPLOY = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: istiod
  namespace: istio-system
  labels:
    app: istiod
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: discovery
          image: docker.io/istio/pilot:1.11.0
`;
const SVC = `apiVersion: v1
kind: Service
metadata:
  name: istiod
  namespace: istio-system
spec:
  ports: [{port: 15012}]
`;

describe('parseManifests', () => {
  it('keys objects by Kind:Namespace:Name, cluster-scoped with an empty namespace, and skips empty documents', () => {
    const r = parseManifests(src(`---\n${SA}---\n# only a comment\n---\n${CR}`));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.objects.keys()]).toEqual(['ServiceAccount:istio-system:istiod', 'ClusterRole::istiod']);
    expect(r.objects.get('ClusterRole::istiod')?.source).toEqual({ file: 'a.yaml', line: 10, column: 1 });
  });

  it('expands a kind: List (JSON too)', () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n' } }, { kind: 'Secret', metadata: { name: 'b', namespace: 'n' } }] });
    const r = parseManifests(src(list, 'a.json'));
    expect(r.ok && [...r.objects.keys()]).toEqual(['ConfigMap:n:a', 'Secret:n:b']);
  });

  it('bad YAML is an error with the file, line and column', () => {
    const r = parseManifests(src(`${SA}---\nkind: Service\nmetadata:\n  name: [unclosed\n`, 'b.yaml'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe('invalid-yaml');
    expect(r.issues[0]?.source?.file).toBe('b.yaml');
    expect(r.issues[0]?.source?.line).toBeGreaterThanOrEqual(7) // the second document, not the first;
  });

  it('a document that is not an object, or lacks kind or metadata.name, is an error at its line', () => {
    const r = parseManifests(src(`${SA}---\n- a\n- b\n---\nkind: Service\nmetadata: {}\n---\nmetadata: {name: x}\n`));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.source?.line, i.message])).toEqual([
      [7, expect.stringContaining('not a Kubernetes object')],
      [10, 'the Service has no metadata.name'],
      [13, 'the document has no kind'],
    ]);
  });

  it('a duplicate object is a warning and the last one counts', () => {
    const r = parseManifests(src(`${DEPLOY(1)}---\n${DEPLOY(2)}`));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings[0]?.code).toBe('duplicate-object');
    expect((r.objects.get('Deployment:istio-system:istiod')?.object['spec'] as { replicas: number }).replicas).toBe(2);
  });

  it('__proto__ keys stay data', () => {
    const r = parseManifests(src(`kind: ConfigMap\nmetadata: {name: x}\ndata:\n  __proto__: {polluted: yes}\n`));
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('diffManifests', () => {
  it('same data in another order and format is identical', () => {
    const reordered = `kind: Deployment\napiVersion: apps/v1\nmetadata: {namespace: istio-system, name: istiod, labels: {app: istiod}}\nspec: {template: {spec: {containers: [{image: "docker.io/istio/pilot:1.11.0", name: discovery}]}}, replicas: 1}\n`;
    const r = diffManifests(src(`${SA}---\n${DEPLOY(1)}`), src(`${reordered}---\n${SA}`, 'b.yaml'));
    expect(r.ok && r.diff.same).toBe(true);
    expect(r.ok && r.diff.identical).toBe(2);
    expect(r.ok && formatManifestDiff(r.diff)).toBe('The manifests are identical (2 objects compared).\n');
  });

  it('added, removed and changed objects, with a unified diff per changed object', () => {
    const r = diffManifests(src(`${SA}---\n${DEPLOY(1)}---\n${CR}`), src(`${DEPLOY(3)}---\n${CR}---\n${SVC}`, 'b.yaml'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.diff.same).toBe(false);
    expect(r.diff.onlyInA.map((o) => o.key)).toEqual(['ServiceAccount:istio-system:istiod']);
    expect(r.diff.onlyInB.map((o) => o.key)).toEqual(['Service:istio-system:istiod']);
    expect(r.diff.changed.map((c) => c.key)).toEqual(['Deployment:istio-system:istiod']);
    expect(r.diff.identical).toBe(1);
    const d = r.diff.changed[0]?.diff ?? '';
    expect(d).toContain('--- A Deployment:istio-system:istiod\n+++ B Deployment:istio-system:istiod\n@@ ');
    expect(d).toContain('\n-  replicas: 1\n+  replicas: 3\n');
    const text = formatManifestDiff(r.diff);
    expect(text).toContain('Only in A (1):\n  ServiceAccount:istio-system:istiod\n');
    expect(text).toContain('Only in B (1):\n  Service:istio-system:istiod\n');
    expect(text).toContain('Changed (1):\n  Deployment:istio-system:istiod\n');
    expect(text).toContain('The manifests differ: 1 changed, 1 only in A, 1 only in B, 1 identical.');
  });

  it('--select keeps matching objects, whole parts, * globs, missing parts match anything', () => {
    const a = src(`${SA}---\n${DEPLOY(1)}---\n${CR}`);
    const b = src(`${DEPLOY(3)}---\n${SVC}`, 'b.yaml');
    const keys = (select: string[], ignore: string[] = []) => {
      const r = diffManifests(a, b, { select, ignore });
      if (!r.ok) throw new Error('failed');
      return [...r.diff.onlyInA, ...r.diff.onlyInB, ...r.diff.changed].map((o) => o.key).sort();
    };
    expect(keys(['Deployment'])).toEqual(['Deployment:istio-system:istiod']);
    expect(keys(['Service'])).toEqual(['Service:istio-system:istiod']); // not ServiceAccount
    expect(keys(['Service*'])).toEqual(['Service:istio-system:istiod', 'ServiceAccount:istio-system:istiod']);
    expect(keys(['*::istiod'])).toHaveLength(4);
    expect(keys(['ClusterRole,Deployment:istio-system:*'])).toEqual(['ClusterRole::istiod', 'Deployment:istio-system:istiod']);
    expect(keys(['Deployment:other'])).toEqual([]);
  });

  it('--ignore drops matching objects; a diff limited to equal objects is the same', () => {
    const r = diffManifests(src(`${SA}---\n${DEPLOY(1)}`), src(`${SA}---\n${DEPLOY(2)}`, 'b.yaml'), { ignore: ['Deployment:*:istio*'] });
    expect(r.ok && r.diff.same).toBe(true);
    expect(r.ok && r.diff.identical).toBe(1);
  });

  it('a pattern with more than three parts is an error', () => {
    const r = diffManifests(src(SA), src(SA), { select: ['a:b:c:d'] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.message).toContain('--select "a:b:c:d"');
  });

  it('errors of both sides are reported together', () => {
    const r = diffManifests(src('a: [\n', 'x.yaml'), src('kind: 3\n', 'y.yaml'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.source?.file)).toEqual(['x.yaml', 'y.yaml']);
  });
});
