/**
 * src/revision/tag-list.ts (`tag list`): one row per tag MutatingWebhookConfiguration of a
 * snapshot, with the namespaces the tag injects as the API server would decide (matchingWebhooks).
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../src/manifest/index.js';
import { clusterStateOf } from '../../src/revision/cluster-state.js';
import { formatTagTable, listTags } from '../../src/revision/tag-list.js';
import { generateTag } from '../../src/revision/tag.js';
import type { KubeObject } from '../../src/revision/types.js';

function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

const injectors = (revision: string): KubeObject[] =>
  render({ revision, components: ['Pilot'] })
    .objects.filter((o) => o.kind === 'MutatingWebhookConfiguration')
    .map((o) => structuredClone(o.object) as unknown as KubeObject);

function snapshot(): KubeObject[] {
  const tagDefault = generateTag({ tag: 'default', revision: 'canary' }).objects.filter((o) => o.kind === 'MutatingWebhookConfiguration');
  const applied = [
    ...injectors(''),
    ...injectors('canary'),
    ...injectors('stable'),
    ...generateTag({ tag: 'prod', revision: 'stable' }).objects,
    ...generateTag({ tag: 'canary-tag', revision: 'canary' }).objects,
    // applied after the installs: the tag, then the deactivated istio-sidecar-injector replaces the original
    ...tagDefault,
  ];
  const last = new Map(applied.map((o) => [o.metadata.name, o]));
  return [...last.values()];
}

const namespaces = [
  namespace('shop', { 'istio.io/rev': 'prod' }),
  namespace('cart', { 'istio.io/rev': 'prod' }),
  namespace('legacy', { 'istio-injection': 'enabled' }),
  namespace('labelled-default', { 'istio.io/rev': 'default' }),
  namespace('both', { 'istio.io/rev': 'prod', 'istio-injection': 'enabled' }),
  namespace('off', { 'istio.io/rev': 'prod', 'istio-injection': 'disabled' }),
  namespace('direct', { 'istio.io/rev': 'canary' }),
  namespace('plain'),
];

describe('listTags', () => {
  it('rows: tag, revision and the namespaces a label-less pod there would be injected by the tag', () => {
    const rows = listTags(clusterStateOf([...snapshot(), ...namespaces]));
    expect(rows).toEqual([
      { tag: 'canary-tag', revision: 'canary', namespaces: [], webhook: 'istio-revision-tag-canary-tag' },
      { tag: 'default', revision: 'canary', namespaces: ['both', 'labelled-default', 'legacy'], webhook: 'istio-revision-tag-default' },
      { tag: 'prod', revision: 'stable', namespaces: ['cart', 'shop'], webhook: 'istio-revision-tag-prod' },
    ]);
  });

  it('ignores MutatingWebhookConfigurations without istio.io/tag and tolerates odd ones', () => {
    const odd: KubeObject = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'odd', labels: { 'istio.io/tag': 'x' } } };
    const rows = listTags(clusterStateOf([...injectors(''), odd, namespace('a')]));
    expect(rows).toEqual([{ tag: 'x', revision: 'default', namespaces: [], webhook: 'odd' }]);
  });

  it('formats a table like istioctl (TAG REVISION NAMESPACES), or a note when there is none', () => {
    const rows = listTags(clusterStateOf([...snapshot(), ...namespaces]));
    expect(formatTagTable(rows)).toBe(
      ['TAG        REVISION NAMESPACES', 'canary-tag canary', 'default    canary   both,labelled-default,legacy', 'prod       stable   cart,shop', ''].join('\n'),
    );
    expect(formatTagTable([])).toBe('No Istio revision tag MutatingWebhookConfigurations to list\n');
  });
});
