import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKubeSchemas, KUBE_SOURCES } from '../../../scripts/gen/kube-schemas.mjs';
import { KUBE_VERSIONS } from '../../../src/manifest/kube/index.js';
import { kubeTables } from '../../../src/manifest/kube/tables.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('generated Kubernetes tables', () => {
  it('are what scripts/gen/kube-schemas.mjs writes from the pinned packages (not stale, not hand-edited)', () => {
    const out = generateKubeSchemas(ROOT);
    expect([...out.keys()].sort()).toEqual(['src/generated/kube/index.ts', ...KUBE_SOURCES.map((s) => `src/generated/kube/k8s-${s.version}.ts`)].sort());
    for (const [p, content] of out) expect(readFileSync(join(ROOT, p), 'utf8'), p).toBe(content);
  });

  it('stay small (under 2 MB in all)', () => {
    const total = [...generateKubeSchemas(ROOT).values()].reduce((n, c) => n + c.length, 0);
    expect(total).toBeLessThan(2_000_000);
  });

  it.each(KUBE_VERSIONS)('%s: every referenced model exists and the core kinds are there', (version) => {
    const t = kubeTables(version);
    expect(t?.version).toBe(version);
    if (!t) return;
    for (const [name, m] of Object.entries(t.types)) {
      for (const [field, ref] of Object.entries(m.f)) {
        const leaf = ref.replace(/^(\[\]|\{\})+/, '');
        if (/^[A-Z]/.test(leaf)) expect(t.types[leaf], `${name}.${field} -> ${leaf}`).toBeDefined();
        else expect(['s', 'b', 'i32', 'i64', 'n', 'dt', 'dtm', 'by', 'q', 'ios', 'any']).toContain(leaf);
      }
      for (const r of m.r ?? []) expect(Object.keys(m.f)).toContain(r);
    }
    expect(t.kinds['apps/v1']?.Deployment).toEqual(['V1Deployment', 1]);
    expect(t.kinds['rbac.authorization.k8s.io/v1']?.ClusterRole).toEqual(['V1ClusterRole', 0]);
    expect(t.kinds['policy/v1beta1']).toBeUndefined();
    expect(t.types.V1ContainerPort?.f.containerPort).toBe('i32');
    expect(t.types.V1ContainerPort?.r).toEqual(['containerPort']);
    expect(t.types.V1ResourceRequirements?.f.limits).toBe('{}q');
  });
});
