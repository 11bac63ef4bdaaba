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

describe('default + canary (TestWebhookSelector)', () => {
  const cluster = ((): (() => KubeObject[]) => {
    let memo: KubeObject[] | undefined;
    return () => (memo ??= [...webhookConfigurations({}), ...webhookConfigurations({ revision: 'canary' })]);
  })();

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
  const cluster = ((): (() => KubeObject[]) => {
    let memo: KubeObject[] | undefined;
    return () => (memo ??= [...webhookConfigurations({ set: ['values.sidecarInjectorWebhook.enableNamespacesByDefault=true'] }), ...webhookConfigurations({ revision: 'canary' })]);
  })();
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

describe('default + canary, tags declared in values.revisionTags (stable -> default, prod -> canary)', () => {
  const cluster = ((): (() => KubeObject[]) => {
    let memo: KubeObject[] | undefined;
    return () =>
      (memo ??= [
        ...webhookConfigurations({ iop: { spec: { values: { revisionTags: ['stable'] } } } }),
        ...webhookConfigurations({ iop: { spec: { revision: 'canary', values: { revisionTags: ['prod'] } } } }),
      ]);
  })();
  const STABLE = 'istio-revision-tag-stable';
  const PROD = 'istio-revision-tag-prod';
  it('renders one tag configuration per tag, labelled with its tag and revision', () => {
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
