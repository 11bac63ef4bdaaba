/** listRevisions on the generated snapshots and on small hand-made ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterStateOf, parseClusterState, type ClusterState } from '../../src/revision/cluster-state.js';
import { listRevisions } from '../../src/revision/revision-list.js';
import { deactivated } from '../../src/revision/tag.js';
import type { KubeObject } from '../../src/revision/types.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'cluster-state');

function state(name: string): ClusterState {
  const r = parseClusterState(readFileSync(join(DIR, `${name}.yaml`), 'utf8'), name);
  if (!r.success) throw new Error('bad fixture');
  return r.state;
}

describe('listRevisions on the fixtures', () => {
  it('default-only: one row; the gateway pod counts as a proxy, istiod does not', () => {
    expect(listRevisions(state('default-only'))).toEqual([{ revision: 'default', tags: [], istiod: ['istio-system/istiod'], namespaces: ['shop'], pods: 2 }]);
  });

  it('default-canary: default first, each revision with the namespace it injects', () => {
    expect(listRevisions(state('default-canary'))).toEqual([
      { revision: 'default', tags: [], istiod: ['istio-system/istiod'], namespaces: ['old'], pods: 2 },
      { revision: 'canary', tags: [], istiod: ['istio-system/istiod-canary'], namespaces: ['new'], pods: 1 },
    ]);
  });

  it('canary-tags: tags and the namespaces labelled with a tag', () => {
    expect(listRevisions(state('canary-tags'))).toEqual([
      { revision: 'default', tags: ['stable'], istiod: ['istio-system/istiod'], namespaces: ['legacy', 'stable-apps'], pods: 2 },
      { revision: 'canary', tags: ['prod'], istiod: ['istio-system/istiod-canary'], namespaces: ['prod-apps'], pods: 1 },
    ]);
  });

  it('two-meshes: istiod in two namespaces', () => {
    const rows = listRevisions(state('two-meshes'));
    expect(rows.map((r) => [r.revision, r.istiod, r.namespaces])).toEqual([
      ['default', ['istio-system/istiod'], ['team-a']],
      ['blue', ['istio-b/istiod-blue'], ['team-b']],
    ]);
  });
});

describe('listRevisions details', () => {
  const ns = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

  it('an empty cluster has no rows', () => {
    expect(listRevisions(clusterStateOf([]))).toEqual([]);
  });

  it('a tag pointing at a revision that does not run gives a row without istiod', () => {
    const s = state('canary-tags');
    const without = clusterStateOf(s.objects.filter((o) => !(o.kind === 'Deployment' && o.metadata.name === 'istiod-canary')));
    const canary = listRevisions(without).find((r) => r.revision === 'canary');
    expect(canary?.istiod).toEqual([]);
    expect(canary?.tags).toEqual(['prod']);
  });

  it('a deactivated default injector injects nowhere', () => {
    const s = state('default-only');
    const objects = s.objects.map((o) => (o.kind === 'MutatingWebhookConfiguration' && o.metadata.name === 'istio-sidecar-injector' ? deactivated(o) : o));
    expect(listRevisions(clusterStateOf(objects))[0]?.namespaces).toEqual([]);
  });

  it('namespaces are judged as the API server does: istio-injection=disabled and unrelated labels inject nothing', () => {
    const s = state('default-canary');
    const objects = [...s.objects, ns('off', { 'istio-injection': 'disabled' }), ns('other', { team: 'x' }), ns('both', { 'istio.io/rev': 'canary', 'istio-injection': 'enabled' })];
    const rows = listRevisions(clusterStateOf(objects));
    const all = rows.flatMap((r) => r.namespaces);
    expect(all).not.toContain('off');
    expect(all).not.toContain('other');
    // istio-injection=enabled wins over istio.io/rev (facts §5.1).
    expect(rows.find((r) => r.revision === 'default')?.namespaces).toContain('both');
    expect(rows.find((r) => r.revision === 'canary')?.namespaces).not.toContain('both');
  });
});
