/**
 * The injection truth table (issue 7 acceptance, facts §5.1, istioctl's TestWebhookSelector) for
 * several control planes side by side: the MutatingWebhookConfigurations our render() and
 * generateTag() print, evaluated by matchingWebhooks() as the API server evaluates them. Every
 * case is a namespace (name + labels) and a pod (labels) with the one webhook expected to inject
 * it (configuration, webhook, revision, tag), or none. Exactly one webhook where injection is
 * expected, none where it is not.
 */
import { describe, expect, it } from 'vitest';
import { render, type RenderInput } from '../../src/manifest/index.js';
import { matchingWebhooks, type WebhookMatch } from '../../src/revision/selector.js';
import { generateTag } from '../../src/revision/tag.js';
import type { KubeObject, Labels } from '../../src/revision/types.js';

interface Case {
  readonly name: string;
  readonly ns: Labels;
  readonly pod: Labels;
  /** The namespace's name (the API server adds kubernetes.io/metadata.name); default `apps`. */
  readonly nsName?: string;
  readonly expected: WebhookMatch | 'none';
}

/** The webhook configurations of one installation, as a cluster holds them. */
function webhookConfigurations(input: RenderInput): KubeObject[] {
  return render(input)
    .objects.filter((o) => o.kind === 'MutatingWebhookConfiguration')
    .map((o) => o.object as unknown as KubeObject);
}

/** Injection webhook names (facts §5.1). */
const NS = 'namespace.sidecar-injector.istio.io';
const OBJ = 'object.sidecar-injector.istio.io';
const REV_NS = 'rev.namespace.sidecar-injector.istio.io';
const REV_OBJ = 'rev.object.sidecar-injector.istio.io';
const AUTO = 'auto.sidecar-injector.istio.io';

const DEFAULT_MWC = 'istio-sidecar-injector';
const CANARY_MWC = 'istio-sidecar-injector-canary';

const hit = (configuration: string, webhook: string, revision: string, tag?: string): WebhookMatch => ({
  configuration,
  webhook,
  revision,
  ...(tag !== undefined ? { tag } : {}),
});

const keyOf = (o: KubeObject): string => `${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name}`;

/** `kubectl apply` of whole objects onto a cluster: an object of the same kind, namespace and name is replaced. */
function apply(cluster: readonly KubeObject[], docs: readonly KubeObject[]): KubeObject[] {
  const byKey = new Map(cluster.map((o) => [keyOf(o), o]));
  for (const d of docs) byKey.set(keyOf(d), d);
  return [...byKey.values()].filter((o) => o.kind === 'MutatingWebhookConfiguration');
}

const lazy = <T>(f: () => T): (() => T) => {
  let memo: { v: T } | undefined;
  return () => (memo ??= { v: f() }).v;
};

function check(cluster: readonly KubeObject[], c: Case): void {
  const got = matchingWebhooks(cluster, { namespace: { name: c.nsName ?? 'apps', labels: c.ns }, pod: { labels: c.pod } });
  if (c.expected === 'none') expect(got, 'no webhook may inject').toEqual([]);
  else expect(got, 'exactly this one webhook injects').toEqual([c.expected]);
}

const runTable = (cluster: () => readonly KubeObject[], cases: readonly Case[]): void => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(cluster(), c));
};

// Labels used below.
const INJ_ENABLED = { 'istio-injection': 'enabled' } as const;
const INJ_DISABLED = { 'istio-injection': 'disabled' } as const;
const REV = (r: string): Labels => ({ 'istio.io/rev': r });
const INJECT_TRUE = { 'sidecar.istio.io/inject': 'true' } as const;
const INJECT_FALSE = { 'sidecar.istio.io/inject': 'false' } as const;

/** The same control planes as istiod (default profile) and as istiod-remote (external profile, istiod elsewhere). */
const CONTROL_PLANES: readonly (readonly [string, readonly string[]])[] = [
  ['istiod', []],
  ['istiod-remote', ['profile=external', 'values.global.remotePilotAddress=istiod.example.com']],
];

describe.each(CONTROL_PLANES)('default + canary (TestWebhookSelector), %s', (_chart, set) => {
  const cluster = lazy(() => [...webhookConfigurations({ set: [...set] }), ...webhookConfigurations({ revision: 'canary', set: [...set] })]);

  it('renders the two injector configurations, four webhooks for default and two for canary', () => {
    const names = cluster().map((c) => `${c.metadata.name}:${(c['webhooks'] as { name: string }[]).map((w) => w.name).join(',')}`);
    expect(names.sort()).toEqual([`${DEFAULT_MWC}:${REV_NS},${REV_OBJ},${NS},${OBJ}`, `${CANARY_MWC}:${REV_NS},${REV_OBJ}`].sort());
  });

  runTable(cluster, [
    { name: 'ns istio-injection=enabled -> default', ns: INJ_ENABLED, pod: {}, expected: hit(DEFAULT_MWC, NS, 'default') },
    { name: 'ns istio-injection=enabled + istio.io/rev=canary -> default (istio-injection wins)', ns: { ...INJ_ENABLED, ...REV('canary') }, pod: {}, expected: hit(DEFAULT_MWC, NS, 'default') },
    { name: 'ns istio-injection=enabled, pod istio.io/rev=canary -> default', ns: INJ_ENABLED, pod: REV('canary'), expected: hit(DEFAULT_MWC, NS, 'default') },
    { name: 'ns istio-injection=enabled, pod inject=true -> default', ns: INJ_ENABLED, pod: INJECT_TRUE, expected: hit(DEFAULT_MWC, NS, 'default') },
    { name: 'ns istio.io/rev=canary -> canary', ns: REV('canary'), pod: {}, expected: hit(CANARY_MWC, REV_NS, 'canary') },
    { name: 'ns istio.io/rev=canary, pod istio.io/rev=default -> canary (namespace wins)', ns: REV('canary'), pod: REV('default'), expected: hit(CANARY_MWC, REV_NS, 'canary') },
    { name: 'ns istio.io/rev=canary, pod inject=true -> canary', ns: REV('canary'), pod: INJECT_TRUE, expected: hit(CANARY_MWC, REV_NS, 'canary') },
    { name: 'ns istio.io/rev=default -> default', ns: REV('default'), pod: {}, expected: hit(DEFAULT_MWC, REV_NS, 'default') },
    { name: 'pod istio.io/rev=canary -> canary', ns: {}, pod: REV('canary'), expected: hit(CANARY_MWC, REV_OBJ, 'canary') },
    { name: 'pod istio.io/rev=canary + inject=true -> canary', ns: {}, pod: { ...REV('canary'), ...INJECT_TRUE }, expected: hit(CANARY_MWC, REV_OBJ, 'canary') },
    { name: 'pod istio.io/rev=default -> default', ns: {}, pod: REV('default'), expected: hit(DEFAULT_MWC, REV_OBJ, 'default') },
    { name: 'pod inject=true -> default', ns: {}, pod: INJECT_TRUE, expected: hit(DEFAULT_MWC, OBJ, 'default') },
    { name: 'no labels -> none', ns: {}, pod: {}, expected: 'none' },
    { name: 'ns istio-injection=disabled, pod inject=true -> none', ns: INJ_DISABLED, pod: INJECT_TRUE, expected: 'none' },
    { name: 'ns istio-injection=disabled + istio.io/rev=canary -> none', ns: { ...INJ_DISABLED, ...REV('canary') }, pod: {}, expected: 'none' },
    { name: 'ns istio-injection=disabled, pod istio.io/rev=canary -> none', ns: INJ_DISABLED, pod: REV('canary'), expected: 'none' },
    { name: 'ns istio-injection=enabled, pod inject=false -> none', ns: INJ_ENABLED, pod: INJECT_FALSE, expected: 'none' },
    { name: 'ns istio.io/rev=canary, pod inject=false -> none', ns: REV('canary'), pod: INJECT_FALSE, expected: 'none' },
    { name: 'pod istio.io/rev=canary + inject=false -> none', ns: {}, pod: { ...REV('canary'), ...INJECT_FALSE }, expected: 'none' },
    { name: 'ns istio.io/rev=unknown -> none', ns: REV('unknown'), pod: {}, expected: 'none' },
    { name: 'pod istio.io/rev=unknown -> none', ns: {}, pod: REV('unknown'), expected: 'none' },
  ]);
});

describe('default with enableNamespacesByDefault + canary', () => {
  const cluster = lazy(() => [...webhookConfigurations({ set: ['values.sidecarInjectorWebhook.enableNamespacesByDefault=true'] }), ...webhookConfigurations({ revision: 'canary' })]);
  runTable(cluster, [
    { name: 'no labels -> default (auto)', ns: {}, pod: {}, expected: hit(DEFAULT_MWC, AUTO, 'default') },
    { name: 'no labels in kube-system -> none', nsName: 'kube-system', ns: {}, pod: {}, expected: 'none' },
    { name: 'no labels in istio-system (the control plane) -> none', nsName: 'istio-system', ns: {}, pod: {}, expected: 'none' },
    { name: 'pod inject=true -> default (object, not auto)', ns: {}, pod: INJECT_TRUE, expected: hit(DEFAULT_MWC, OBJ, 'default') },
    { name: 'pod istio.io/rev=canary -> canary (not auto)', ns: {}, pod: REV('canary'), expected: hit(CANARY_MWC, REV_OBJ, 'canary') },
    { name: 'ns istio.io/rev=canary -> canary (not auto)', ns: REV('canary'), pod: {}, expected: hit(CANARY_MWC, REV_NS, 'canary') },
    { name: 'pod inject=false -> none', ns: {}, pod: INJECT_FALSE, expected: 'none' },
    { name: 'ns istio-injection=disabled -> none', ns: INJ_DISABLED, pod: {}, expected: 'none' },
  ]);
});

const TAGGED_CLUSTERS: readonly (readonly [string, () => KubeObject[]])[] = [
  [
    'declared in values.revisionTags',
    lazy(() => [
      ...webhookConfigurations({ iop: { spec: { values: { revisionTags: ['stable'] } } } }),
      ...webhookConfigurations({ iop: { spec: { revision: 'canary', values: { revisionTags: ['prod'] } } } }),
    ]),
  ],
  [
    'printed by tag generate',
    lazy(() => [
      ...webhookConfigurations({}),
      ...webhookConfigurations({ revision: 'canary' }),
      ...generateTag({ tag: 'stable', revision: 'default' }).objects,
      ...generateTag({ tag: 'prod', revision: 'canary' }).objects,
    ]),
  ],
];

describe.each(TAGGED_CLUSTERS)('default + canary, tags stable -> default and prod -> canary %s', (_how, cluster) => {
  const STABLE = 'istio-revision-tag-stable';
  const PROD = 'istio-revision-tag-prod';
  it('has one tag configuration per tag, labelled with its tag and revision', () => {
    const tags = cluster()
      .filter((c) => c.metadata.labels?.['istio.io/tag'] !== undefined)
      .map((c) => `${c.metadata.name} ${c.metadata.labels?.['istio.io/tag']}->${c.metadata.labels?.['istio.io/rev']}`);
    expect(tags.sort()).toEqual([`${PROD} prod->canary`, `${STABLE} stable->default`]);
  });
  runTable(cluster, [
    { name: 'ns istio.io/rev=prod -> canary via tag prod', ns: REV('prod'), pod: {}, expected: hit(PROD, REV_NS, 'canary', 'prod') },
    { name: 'pod istio.io/rev=prod -> canary via tag prod', ns: {}, pod: REV('prod'), expected: hit(PROD, REV_OBJ, 'canary', 'prod') },
    { name: 'ns istio.io/rev=stable -> default via tag stable', ns: REV('stable'), pod: {}, expected: hit(STABLE, REV_NS, 'default', 'stable') },
    { name: 'pod istio.io/rev=stable -> default via tag stable', ns: {}, pod: REV('stable'), expected: hit(STABLE, REV_OBJ, 'default', 'stable') },
    { name: 'ns istio.io/rev=prod, pod istio.io/rev=stable -> tag prod (namespace wins)', ns: REV('prod'), pod: REV('stable'), expected: hit(PROD, REV_NS, 'canary', 'prod') },
    { name: 'ns istio.io/rev=canary -> canary itself, not a tag', ns: REV('canary'), pod: {}, expected: hit(CANARY_MWC, REV_NS, 'canary') },
    { name: 'ns istio-injection=enabled + istio.io/rev=prod -> default', ns: { ...INJ_ENABLED, ...REV('prod') }, pod: {}, expected: hit(DEFAULT_MWC, NS, 'default') },
    { name: 'pod inject=true -> default (tags other than default take no inject=true)', ns: {}, pod: INJECT_TRUE, expected: hit(DEFAULT_MWC, OBJ, 'default') },
    { name: 'ns istio.io/rev=prod, pod inject=false -> none', ns: REV('prod'), pod: INJECT_FALSE, expected: 'none' },
    { name: 'ns istio-injection=disabled, pod istio.io/rev=prod -> none', ns: INJ_DISABLED, pod: REV('prod'), expected: 'none' },
    { name: 'no labels -> none', ns: {}, pod: {}, expected: 'none' },
  ]);
});

const TAG_DEFAULT = 'istio-revision-tag-default';

describe('default + canary, then `tag generate default --revision canary` applied (the 1.12 fix of 1.11\'s overlap)', () => {
  const installed = lazy(() => [...webhookConfigurations({}), ...webhookConfigurations({ revision: 'canary' })]);
  const generated = lazy(() => generateTag({ tag: 'default', revision: 'canary' }).objects);
  const cluster = lazy(() => apply(installed(), generated()));

  it('prints the tag, istiod-default-validator and the complete previous default injector, deactivated', () => {
    expect(generated().map(keyOf)).toEqual([
      `MutatingWebhookConfiguration::${TAG_DEFAULT}`,
      'ValidatingWebhookConfiguration::istiod-default-validator',
      `MutatingWebhookConfiguration::${DEFAULT_MWC}`,
    ]);
    const old = installed().find((o) => o.metadata.name === DEFAULT_MWC);
    const deactivated = generated()[2] as KubeObject;
    type Hook = { name: string; rules?: unknown; clientConfig?: unknown; namespaceSelector?: unknown; objectSelector?: unknown };
    const hooks = (o: KubeObject | undefined): Hook[] => (o?.['webhooks'] ?? []) as Hook[];
    // The same webhooks as the installed one (kubectl apply replaces them), each still complete, none able to match.
    expect(hooks(deactivated).map((w) => w.name)).toEqual(hooks(old).map((w) => w.name));
    for (const w of hooks(deactivated)) {
      expect(w.rules, w.name).toEqual(hooks(old).find((x) => x.name === w.name)?.rules);
      expect(w.clientConfig, w.name).toEqual(hooks(old).find((x) => x.name === w.name)?.clientConfig);
      expect(w.namespaceSelector, w.name).toEqual({ matchLabels: { 'istio.io/deactivated': 'never-match' } });
      expect(w.objectSelector, w.name).toEqual({ matchLabels: { 'istio.io/deactivated': 'never-match' } });
    }
  });

  it('without the deactivation (1.11 `tag set default`) the default tag and the revision-less istiod both match', () => {
    const tagOnly = apply(installed(), generated().slice(0, 1));
    const got = matchingWebhooks(tagOnly, { namespace: { name: 'apps', labels: INJ_ENABLED }, pod: { labels: {} } });
    expect(got.map((m) => m.configuration).sort()).toEqual([TAG_DEFAULT, DEFAULT_MWC]);
  });

  runTable(cluster, [
    { name: 'ns istio-injection=enabled -> canary via tag default', ns: INJ_ENABLED, pod: {}, expected: hit(TAG_DEFAULT, NS, 'canary', 'default') },
    { name: 'ns istio-injection=enabled + istio.io/rev=canary -> canary via tag default (istio-injection wins)', ns: { ...INJ_ENABLED, ...REV('canary') }, pod: {}, expected: hit(TAG_DEFAULT, NS, 'canary', 'default') },
    { name: 'pod inject=true -> canary via tag default', ns: {}, pod: INJECT_TRUE, expected: hit(TAG_DEFAULT, OBJ, 'canary', 'default') },
    { name: 'ns istio.io/rev=default -> canary via tag default', ns: REV('default'), pod: {}, expected: hit(TAG_DEFAULT, REV_NS, 'canary', 'default') },
    { name: 'pod istio.io/rev=default -> canary via tag default', ns: {}, pod: REV('default'), expected: hit(TAG_DEFAULT, REV_OBJ, 'canary', 'default') },
    { name: 'ns istio.io/rev=canary -> canary itself', ns: REV('canary'), pod: {}, expected: hit(CANARY_MWC, REV_NS, 'canary') },
    { name: 'pod istio.io/rev=canary -> canary itself', ns: {}, pod: REV('canary'), expected: hit(CANARY_MWC, REV_OBJ, 'canary') },
    { name: 'no labels -> none', ns: {}, pod: {}, expected: 'none' },
    { name: 'ns istio-injection=disabled, pod inject=true -> none', ns: INJ_DISABLED, pod: INJECT_TRUE, expected: 'none' },
    { name: 'ns istio-injection=enabled, pod inject=false -> none', ns: INJ_ENABLED, pod: INJECT_FALSE, expected: 'none' },
    { name: 'ns istio.io/rev=default, pod inject=false -> none', ns: REV('default'), pod: INJECT_FALSE, expected: 'none' },
  ]);
});

describe('the default tag declared in values.revisionTags', () => {
  describe('by the revision-less istiod itself (next to canary): its own injector is rendered deactivated', () => {
    const cluster = lazy(() => [...webhookConfigurations({ iop: { spec: { values: { revisionTags: ['default'] } } } }), ...webhookConfigurations({ revision: 'canary' })]);
    runTable(cluster, [
      { name: 'ns istio-injection=enabled -> default via tag default', ns: INJ_ENABLED, pod: {}, expected: hit(TAG_DEFAULT, NS, 'default', 'default') },
      { name: 'pod inject=true -> default via tag default', ns: {}, pod: INJECT_TRUE, expected: hit(TAG_DEFAULT, OBJ, 'default', 'default') },
      { name: 'ns istio.io/rev=default -> default via tag default', ns: REV('default'), pod: {}, expected: hit(TAG_DEFAULT, REV_NS, 'default', 'default') },
      { name: 'pod istio.io/rev=default -> default via tag default', ns: {}, pod: REV('default'), expected: hit(TAG_DEFAULT, REV_OBJ, 'default', 'default') },
      { name: 'ns istio.io/rev=canary -> canary', ns: REV('canary'), pod: {}, expected: hit(CANARY_MWC, REV_NS, 'canary') },
      { name: 'no labels -> none', ns: {}, pod: {}, expected: 'none' },
      { name: 'ns istio-injection=enabled, pod inject=false -> none', ns: INJ_ENABLED, pod: INJECT_FALSE, expected: 'none' },
    ]);
  });

  describe('by canary, next to a revision-less istiod: one match only once the old default injector is deactivated', () => {
    const installed = lazy(() => [...webhookConfigurations({}), ...webhookConfigurations({ iop: { spec: { revision: 'canary', values: { revisionTags: ['default'] } } } })]);
    // The canary installation alone cannot change the other installation's object; `tag generate default` prints the document that does.
    const deactivation = lazy(() => generateTag({ tag: 'default', revision: 'canary' }).objects.filter((o) => o.metadata.name === DEFAULT_MWC));
    const cluster = lazy(() => apply(installed(), deactivation()));
    it('before: istio-injection=enabled matches the revision-less injector and the tag (the overlap 1.11 has)', () => {
      const got = matchingWebhooks(installed(), { namespace: { name: 'apps', labels: INJ_ENABLED }, pod: { labels: {} } });
      expect(got.map((m) => m.configuration).sort()).toEqual([TAG_DEFAULT, DEFAULT_MWC]);
    });
    runTable(cluster, [
      { name: 'ns istio-injection=enabled -> canary via tag default', ns: INJ_ENABLED, pod: {}, expected: hit(TAG_DEFAULT, NS, 'canary', 'default') },
      { name: 'pod inject=true -> canary via tag default', ns: {}, pod: INJECT_TRUE, expected: hit(TAG_DEFAULT, OBJ, 'canary', 'default') },
      { name: 'ns istio.io/rev=canary -> canary', ns: REV('canary'), pod: {}, expected: hit(CANARY_MWC, REV_NS, 'canary') },
      { name: 'no labels -> none', ns: {}, pod: {}, expected: 'none' },
    ]);
  });
});
