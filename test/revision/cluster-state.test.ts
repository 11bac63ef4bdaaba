/** parseClusterState: what kubectl prints is read; anything else gives issues with file:line, never a throw. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/operator/issues.js';
import { clusterStateOf, parseClusterState, type ClusterState } from '../../src/revision/cluster-state.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'cluster-state');

function ok(text: string, file = 'snap.yaml'): ClusterState {
  const r = parseClusterState(text, file);
  if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.state;
}

function errors(text: string, file = 'snap.yaml'): string[] {
  const r = parseClusterState(text, file);
  if (r.success) throw new Error('expected issues');
  for (const i of r.issues) expect(i.severity).toBe('error');
  return r.issues.map(formatIssue);
}

const LIST = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels:
      istio-injection: enabled
      kubernetes.io/metadata.name: shop
- apiVersion: v1
  kind: Pod
  metadata:
    name: cart
    namespace: shop
`;

describe('accepted input', () => {
  it('a kubectl List: objects, ofKind, namespaceLabels', () => {
    const s = ok(LIST);
    expect(s.objects.map((o) => o.kind)).toEqual(['Namespace', 'Pod']);
    expect(s.ofKind('Pod').map((o) => o.metadata.name)).toEqual(['cart']);
    expect(s.ofKind('Service')).toEqual([]);
    expect(s.namespaceLabels('shop')).toEqual({ 'istio-injection': 'enabled', 'kubernetes.io/metadata.name': 'shop' });
    expect(s.namespaceLabels('nope')).toBeUndefined();
    expect(s.file).toBe('snap.yaml');
  });

  it('several Lists and single objects joined with ---, empty documents, items: [] and items: null', () => {
    const text = `${LIST}---\napiVersion: v1\nkind: List\nitems: []\n---\n---\napiVersion: v1\nkind: List\nitems: null\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n`;
    expect(ok(text).objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/shop', 'Pod/cart', 'Deployment/web']);
  });

  it('JSON as kubectl get -o json prints it; other *List kinds', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] }, null, 2);
    expect(ok(json).objects).toHaveLength(1);
    expect(ok('apiVersion: v1\nkind: PodList\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: ns}}\n').objects[0]?.kind).toBe('Pod');
  });

  it('an empty file is an empty cluster', () => {
    expect(ok('').objects).toEqual([]);
    expect(ok('# nothing\n').objects).toEqual([]);
  });

  it('a duplicate object is kept once (the last copy) with a warning', () => {
    const r = parseClusterState(`${LIST}---\n${LIST.replace('name: cart', 'name: cart\n    labels: {v: "2"}')}`, 's.yaml');
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.state.objects).toHaveLength(2);
    expect(r.state.ofKind('Pod')[0]?.metadata.labels).toEqual({ v: '2' });
    expect(r.warnings.map((w) => w.code)).toEqual(['cluster-state-duplicate', 'cluster-state-duplicate']);
  });

  it('__proto__ keys stay data', () => {
    const s = ok('{"kind":"List","apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x","namespace":"n","labels":{"__proto__":"y"}}}]}');
    const labels = s.objects[0]?.metadata.labels ?? {};
    expect(Object.hasOwn(labels, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).y).toBeUndefined();
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  it('every checked-in fixture parses', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !f.endsWith('.iop.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) expect(ok(readFileSync(join(DIR, f), 'utf8'), f).objects.length).toBeGreaterThan(50);
  });

  it('clusterStateOf builds a state from objects', () => {
    const s = clusterStateOf([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { x: 'y' } } }]);
    expect(s.namespaceLabels('a')).toEqual({ x: 'y' });
  });
});

describe('bad input: issues naming file:line, document and field', () => {
  it('a number where a name belongs, a non-string label, a scalar item', () => {
    const text = `${LIST}---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: 3
    namespace: shop
    labels: {app: 1}
- 7
`;
    expect(errors(text)).toEqual([
      'snap.yaml:25:5: error: items[0].metadata.name: document 2: expected a non-empty string, found a number (3)',
      'snap.yaml:27:14: error: items[0].metadata.labels["app"]: document 2: expected a string, found a number (1)',
      'snap.yaml:28:3: error: items[1]: document 2: expected an object (a mapping with apiVersion, kind and metadata), found a number (7)',
    ]);
  });

  it('missing kind, apiVersion and metadata', () => {
    expect(errors('apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n- {apiVersion: v1, kind: Pod}\n')).toEqual([
      'snap.yaml:4:3: error: items[0].apiVersion: document 1: missing; every object needs a non-empty string',
      'snap.yaml:4:3: error: items[0].kind: document 1: missing; every object needs a non-empty string',
      'snap.yaml:5:3: error: items[1].metadata: document 1: missing; every object needs metadata.name',
    ]);
  });

  it('items that is not a list, a document that is not a mapping, a nested List', () => {
    expect(errors('kind: List\napiVersion: v1\nitems: {a: 1}\n')).toEqual(['snap.yaml:3:1: error: items: document 1: expected a list of objects, found a mapping']);
    expect(errors('- a\n- b\n')[0]).toContain('document 1: expected a mapping (a kubectl List or one object), found a list');
    expect(errors('kind: List\napiVersion: v1\nitems:\n- {kind: List, apiVersion: v1, metadata: {name: x}}\n')[0]).toContain('items[0].kind: document 1: a List inside a List');
  });

  it('YAML syntax errors carry their position', () => {
    const e = errors('apiVersion: v1\nkind: List\nitems:\n- {a: [}\n');
    expect(e[0]).toMatch(/^snap\.yaml:4:\d+: error: document 1: YAML syntax: /);
  });

  it('the nesting pre-scan ignores brackets in quotes, comments and block scalars', () => {
    const text = `kind: List\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c, namespace: ns}\n  data:\n    t: |\n      ${'{'.repeat(500)}\n    q: "${'['.repeat(500)}"\n    s: '${'{'.repeat(500)}'\n    # ${'['.repeat(500)}\n    p: a${'['.repeat(500)}\n`;
    expect(ok(text).objects).toHaveLength(1);
  });

  it('a boolean where a string belongs (YAML 1.1 reads n, no, on as booleans)', () => {
    expect(errors('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\n')[0]).toContain('metadata.namespace: document 1: expected a string, found a boolean (false)');
  });

  it('binary content', () => {
    expect(errors('\u0000\u0001\u0002PK\u0003\u0004')).toEqual(['snap.yaml:1:1: error: this is not a text file (binary content); expected the YAML or JSON printed by kubectl get -o yaml']);
  });

  it('deep nesting and alias bombs give an issue, not a crash', () => {
    expect(errors(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toEqual(['snap.yaml:1:201: error: the file nests deeper than 200 levels; kubectl output never does']);
    expect(errors(`a:\n  b: {c: ${'['.repeat(300)}${']'.repeat(300)}}\n`)[0]).toContain('snap.yaml:2:');
    expect(errors(`${'- '.repeat(2000)}x\n`)).toHaveLength(1);
    let indented = '';
    for (let i = 0; i < 1500; i++) indented += `${' '.repeat(i)}a:\n`;
    expect(errors(indented)).toHaveLength(1);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(errors(bomb)[0]).toContain('too many aliases');
  });

  it('never throws on arbitrary text or bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b))), (text) => {
        const r = parseClusterState(text, 'f');
        if (!r.success) for (const i of r.issues) expect(i.source?.file).toBe('f');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated kubectl output', () => {
    fc.assert(
      fc.property(fc.nat(LIST.length), fc.string({ maxLength: 5 }), (at, insert) => {
        parseClusterState(LIST.slice(0, at) + insert + LIST.slice(at + 1), 'f');
      }),
      { numRuns: 500 },
    );
  });
});
