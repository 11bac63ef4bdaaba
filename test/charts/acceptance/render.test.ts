/** The rendering helpers the chart tests share (test/charts/render.ts). */
import { describe, expect, it } from 'vitest';
import { objectId, parseDocs, renderOurs, templateArgs } from '../render.js';

describe('test/charts/render.ts', () => {
  it('parseDocs: one entry per non-empty document, with its Source file and YAML 1.1 scalars', () => {
    const out = '---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "---"\n  z: |\n    ---\n---\n# Source: c/templates/b.yaml\n# only a comment\n---\n# Source: c/templates/c.yaml\nkind: X\non: yes\n';
    const docs = parseDocs(out);
    expect(docs.map((d) => d.source)).toEqual(['c/templates/a.yaml', 'c/templates/c.yaml']);
    expect(docs[0].object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '---', z: '---\n' } });
    expect(docs[1].object).toEqual({ kind: 'X', true: true });
    expect(() => parseDocs('---\n# Source: c/templates/d.yaml\na: [\n')).toThrow(/c\/templates\/d\.yaml/);
  });

  it('objectId and templateArgs', () => {
    expect(objectId({ kind: 'Service', metadata: { name: 's', namespace: 'n' } })).toBe('Service/n/s');
    expect(objectId({ kind: 'ClusterRole', metadata: { name: 'r' } })).toBe('ClusterRole/r');
    expect(templateArgs({ namespace: 'kube-system', kubeVersion: '1.25', valueFiles: ['v.yaml'], set: ['a=b'] })).toEqual([
      'istio', '--namespace', 'kube-system', '--kube-version', '1.25', '-f', 'v.yaml', '--set', 'a=b',
    ]);
  });

  it('renderOurs reports a failure as helm prints it', () => {
    const r = renderOurs('test/charts/no-such-chart');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error: /);
  });
});
