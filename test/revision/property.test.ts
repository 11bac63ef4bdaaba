/**
 * Property (issue 7 acceptance): for random valid revision and tag names, no two rendered objects
 * of different revisions share kind, namespace and name.
 *
 * Which components are per revision (Istio 1.11 by design, facts §4.1, §4.2, §4.4, §4.5):
 * - Pilot (the istiod chart) is per revision: every name gets `-<revision>`, and the tags declared
 *   in values.revisionTags render with it as istio-revision-tag-<tag>, as does `tag generate`.
 *   Tag names are unique in a cluster and differ from every revision name (istioctl refuses a tag
 *   named like a revision). `tag generate default` also prints the previous default injector
 *   (deactivated) and istiod-default-validator: those name objects of the revision-less istiod and
 *   of Base on purpose (they are patches of existing objects), so only its tag object counts.
 * - Base (CRDs, the istio-reader ServiceAccount, the default validator) is shared: one copy serves
 *   every revision, so two revisions render the same Base objects on purpose.
 * - Gateways are shared: 1.11 upgrades a gateway in place (the new revision re-renders the same
 *   Deployment/Service names with a new istio.io/rev label), so their names never carry the
 *   revision. That is why a canary upgrade moves gateways last.
 * - CNI is shared: one istio-cni-node DaemonSet per cluster; the revision only changes its label.
 * - IstiodRemote (istiod-remote chart, `external` profile) is per revision like Pilot, except the
 *   parts it shares with Base: the ServiceAccount istio-reader-service-account and, on a config
 *   cluster, the CRDs.
 * Each run picks one setup for the whole cluster (default profile, with CNI, external, external
 * config cluster), so the shared parts of every install are comparable.
 * The test checks both halves: per-revision objects never collide with anything another revision
 * renders, and the shared components do render identical keys (so the split above is real).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render, type ManifestObject } from '../../src/manifest/index.js';
import { generateTag } from '../../src/revision/tag.js';
import type { KubeObject } from '../../src/revision/types.js';

/** The per-revision components (ManifestObject.component). */
const PER_REVISION = new Set(['Pilot', 'IstiodRemote']);

/** Objects of the istiod-remote chart that Base also renders: shared, not per revision. */
const isBaseLike = (kind: string, name: string): boolean => kind === 'CustomResourceDefinition' || (kind === 'ServiceAccount' && name === 'istio-reader-service-account');

/** One setup for every install of a run: render options besides the revision. */
const SETUPS = {
  default: { set: [] as string[], shared: ['Deployment:istio-system:istio-ingressgateway', 'CustomResourceDefinition::virtualservices.networking.istio.io'] },
  cni: { set: ['components.cni.enabled=true'], shared: ['DaemonSet:istio-system:istio-cni-node', 'ClusterRole::istio-cni', 'Deployment:istio-system:istio-ingressgateway'] },
  external: { set: ['profile=external'], shared: ['ServiceAccount:istio-system:istio-reader-service-account'] },
  'external config cluster': { set: ['profile=external', 'values.global.configCluster=true'], shared: ['CustomResourceDefinition::virtualservices.networking.istio.io'] },
} as const;
type Setup = keyof typeof SETUPS;

/**
 * A DNS-1123 label (the schema's pattern for spec.revision and values.revisionTags items) short
 * enough that istiod-<revision> is still a valid Service name (a DNS-1035 label, at most 63
 * characters): at most 56 characters, which validation enforces (MAX_REVISION_LENGTH). Biased to short names, with a few long ones.
 */
const dnsLabel = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9](?:[-a-z0-9]{0,8}[a-z0-9])?$/) },
    { weight: 1, arbitrary: fc.stringMatching(new RegExp(`^[a-z0-9](?:[-a-z0-9]{0,${max - 2}}[a-z0-9])?$`)) },
  ).filter((s) => s.length <= max);

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

interface Install {
  readonly revision: string; // '' = the default revision
  /** Declared in values.revisionTags. */
  readonly tags: readonly string[];
  /** Printed by `tag generate TAG --revision <revision>` (at most one per cluster, to keep runs short). */
  readonly generated: readonly string[];
}

/**
 * 2 or 3 installs with distinct revisions ('' possible; never "default", which is the label value
 * of the revision-less istiod, not a revision name), with tags unique in the cluster ("default"
 * possible) spread over them: some declared in values.revisionTags, one maybe by tag generate.
 */
const installs: fc.Arbitrary<Install[]> = fc
  .uniqueArray(fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: dnsLabel(56).filter((r) => r !== 'default') }), { minLength: 2, maxLength: 3 })
  .chain((revisions) =>
    fc
      .uniqueArray(fc.oneof({ weight: 1, arbitrary: fc.constant('default') }, { weight: 5, arbitrary: dnsLabel(40) }).filter((t) => !revisions.includes(t)), { maxLength: 2 * revisions.length + 1 })
      .chain((tags) =>
        fc
          .record({
            owner: fc.array(fc.nat(revisions.length - 1), { minLength: tags.length, maxLength: tags.length }),
            generatedIndex: fc.nat(Math.max(0, tags.length - 1)),
            withGenerated: fc.boolean(),
          })
          .map(({ owner, generatedIndex, withGenerated }) => ({ revisions, tags, owner, generated: withGenerated && tags.length > 0 ? generatedIndex : -1 })),
      ),
  )
  .map(({ revisions, tags, owner, generated }) =>
    revisions.map((revision, i) => ({
      revision,
      tags: tags.filter((_, j) => owner[j] === i && j !== generated),
      generated: tags.filter((_, j) => owner[j] === i && j === generated),
    })),
  );

interface Obj {
  readonly component: string;
  readonly key: string;
}

const key = (o: ManifestObject): string => `${o.kind}:${o.namespace ?? ''}:${o.name}`;
const kubeKey = (o: KubeObject): string => `${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name}`;

function renderInstall(i: Install, setup: Setup): readonly Obj[] {
  const values = i.tags.length > 0 ? { revisionTags: [...i.tags] } : {};
  const set = SETUPS[setup].set;
  const objects: Obj[] = render({ iop: { spec: { revision: i.revision, values } }, set }).objects.map((o) => ({
    component: PER_REVISION.has(o.component) && !isBaseLike(o.kind, o.name) ? 'per-revision' : o.component,
    key: key(o),
  }));
  for (const tag of i.generated) {
    const out = generateTag({ tag, revision: i.revision, render: { set } });
    // Only the tag's own object: the rest of `tag generate default` patches existing objects (see above).
    for (const o of out.objects.filter((x) => x.metadata.labels?.['istio.io/tag'] === tag)) objects.push({ component: 'per-revision', key: kubeKey(o) });
  }
  return objects;
}

describe('revisions side by side (property)', () => {
  it('the name arbitrary gives DNS-1123 labels', () => {
    fc.assert(fc.property(dnsLabel(56), (s) => DNS_LABEL.test(s) && s.length <= 56));
  });

  it('no object of one revision shares kind, namespace and name with a per-revision object of another', () => {
    fc.assert(
      fc.property(installs, fc.constantFrom(...(Object.keys(SETUPS) as Setup[])), (list, setup) => {
        const rendered = list.map((i) => ({ install: i, objects: renderInstall(i, setup) }));
        for (const a of rendered) {
          const own = a.objects.filter((o) => o.component === 'per-revision').map((o) => o.key);
          // Every tag of this install is a per-revision object of it.
          for (const t of [...a.install.tags, ...a.install.generated]) expect(own).toContain(`MutatingWebhookConfiguration::istio-revision-tag-${t}`);
          // Within one install keys are unique.
          expect(new Set(a.objects.map((o) => o.key)).size).toBe(a.objects.length);
          for (const b of rendered) {
            if (b === a) continue;
            const theirs = new Set(b.objects.map((o) => o.key));
            const clash = own.filter((k) => theirs.has(k));
            expect(clash, `revision ${JSON.stringify(a.install.revision)} vs ${JSON.stringify(b.install.revision)}`).toEqual([]);
          }
        }
        // The shared components are shared by design: the same keys in every install.
        const shared = rendered.map((r) => r.objects.filter((o) => o.component !== 'per-revision').map((o) => o.key).sort());
        for (const s of shared) expect(s).toEqual(shared[0]);
        for (const k of SETUPS[setup].shared) expect(shared[0], setup).toContain(k);
      }),
      { numRuns: 30 },
    );
  });

  it('shared objects carry the revision label of the install that rendered them (gateways are upgraded in place)', () => {
    const gw = (revision: string): ManifestObject | undefined =>
      render({ iop: { spec: { revision } } }).objects.find((o) => o.kind === 'Deployment' && o.name === 'istio-ingressgateway');
    const labels = (o: ManifestObject | undefined): unknown => (o?.object['metadata'] as { labels?: Record<string, string> } | undefined)?.labels?.['istio.io/rev'];
    // The revision-less gateway chart leaves the label out (istioctl's apply adds istio.io/rev: default).
    expect([undefined, 'default']).toContain(labels(gw('')));
    expect(labels(gw('canary'))).toBe('canary');
  });
});
