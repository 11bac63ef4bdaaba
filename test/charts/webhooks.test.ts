/**
 * The istiod webhook templates (scripts/gen/chart-shared/{mutatingwebhook,validatingwebhook,revision-tags}.yaml),
 * rendered through istiod-remote (which carries them) and checked against istiod's copy.
 *
 * TestWebhookSelector (reference §5.1): with the default revision and revision `canary` installed,
 * each pod (namespace labels + pod labels) is matched against every injection webhook's
 * namespaceSelector and objectSelector with a small Kubernetes label-selector evaluator; at most
 * one webhook may match, and it must belong to the expected revision.
 */
import { describe, expect, it } from 'vitest';
import { selectorMatches, type LabelSelector, type Labels } from '../../src/revision/selector.js';
import { chartExists, parseDocs, renderOurs, type OursOptions } from './render.js';

interface Webhook {
  readonly name: string;
  readonly namespaceSelector?: LabelSelector;
  readonly objectSelector?: LabelSelector;
  readonly clientConfig: { readonly url?: string; readonly service?: { name: string; namespace: string; path?: string; port?: number }; readonly caBundle?: string };
}
interface WebhookConfiguration {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels: Labels };
  readonly webhooks: readonly Webhook[];
}


function render(opts: OursOptions, chart = 'istiod-remote'): WebhookConfiguration[] {
  const out = renderOurs(chart, opts);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return parseDocs(out.stdout)
    .map((d) => d.object as WebhookConfiguration)
    .filter((o) => o.kind === 'MutatingWebhookConfiguration' || o.kind === 'ValidatingWebhookConfiguration');
}

function mutating(opts: OursOptions, chart?: string): WebhookConfiguration[] {
  return render(opts, chart).filter((o) => o.kind === 'MutatingWebhookConfiguration');
}

interface Hit {
  readonly revision: string;
  readonly configuration: string;
  readonly webhook: string;
}

/** Every injection webhook (of every configuration given) that would be called for the pod. */
function matches(configs: readonly WebhookConfiguration[], nsName: string, nsLabels: Labels, podLabels: Labels): Hit[] {
  const ns = { 'kubernetes.io/metadata.name': nsName, ...nsLabels };
  const hits: Hit[] = [];
  for (const c of configs)
    for (const w of c.webhooks)
      if (selectorMatches(w.namespaceSelector, ns) && selectorMatches(w.objectSelector, podLabels))
        hits.push({ revision: c.metadata.labels['istio.io/rev'], configuration: c.metadata.name, webhook: w.name });
  return hits;
}

const INJ = 'istio-injection';
const REV = 'istio.io/rev';
const POD = 'sidecar.istio.io/inject';

/** [case, namespace labels, pod labels, expected revision (istio.io/rev label of the configuration) or null]. */
type Case = readonly [string, Labels, Labels, string | null];

const DEFAULT_AND_CANARY: readonly Case[] = [
  ['istio-injection=enabled namespace -> default', { [INJ]: 'enabled' }, {}, 'default'],
  ['istio-injection=enabled wins over namespace istio.io/rev', { [INJ]: 'enabled', [REV]: 'canary' }, {}, 'default'],
  ['istio-injection=enabled wins over pod istio.io/rev', { [INJ]: 'enabled' }, { [REV]: 'canary' }, 'default'],
  ['istio-injection=enabled, pod inject=true', { [INJ]: 'enabled' }, { [POD]: 'true' }, 'default'],
  ['namespace istio.io/rev=canary -> canary', { [REV]: 'canary' }, {}, 'canary'],
  ['namespace istio.io/rev=canary, pod inject=true -> canary', { [REV]: 'canary' }, { [POD]: 'true' }, 'canary'],
  ['namespace istio.io/rev wins over pod istio.io/rev', { [REV]: 'canary' }, { [REV]: 'default' }, 'canary'],
  ['namespace istio.io/rev=default -> default', { [REV]: 'default' }, {}, 'default'],
  ['unlabelled namespace, pod istio.io/rev=canary -> canary', {}, { [REV]: 'canary' }, 'canary'],
  ['unlabelled namespace, pod istio.io/rev=default -> default', {}, { [REV]: 'default' }, 'default'],
  ['unlabelled namespace, pod inject=true -> default', {}, { [POD]: 'true' }, 'default'],
  ['unlabelled namespace, pod inject=true and istio.io/rev=canary -> canary', {}, { [POD]: 'true', [REV]: 'canary' }, 'canary'],
  ['nothing labelled -> no injection', {}, {}, null],
  ['pod inject=false in an enabled namespace -> never', { [INJ]: 'enabled' }, { [POD]: 'false' }, null],
  ['pod inject=false in a canary namespace -> never', { [REV]: 'canary' }, { [POD]: 'false' }, null],
  ['pod inject=false with pod istio.io/rev=canary -> never', {}, { [POD]: 'false', [REV]: 'canary' }, null],
  ['istio-injection=disabled -> never', { [INJ]: 'disabled' }, {}, null],
  ['istio-injection=disabled, pod istio.io/rev=canary -> never', { [INJ]: 'disabled' }, { [REV]: 'canary' }, null],
  ['istio-injection=disabled, pod inject=true -> never', { [INJ]: 'disabled' }, { [POD]: 'true' }, null],
  ['istio-injection=disabled, namespace istio.io/rev=canary -> never', { [INJ]: 'disabled', [REV]: 'canary' }, {}, null],
  ['namespace istio.io/rev of an unknown revision -> none', { [REV]: 'other' }, {}, null],
  ['pod istio.io/rev of an unknown revision -> none', {}, { [REV]: 'other' }, null],
];

const BY_DEFAULT: readonly Case[] = [
  ['enableNamespacesByDefault: unlabelled pod -> default', {}, {}, 'default'],
  ['enableNamespacesByDefault: pod inject=true -> default (once)', {}, { [POD]: 'true' }, 'default'],
  ['enableNamespacesByDefault: pod inject=false -> never', {}, { [POD]: 'false' }, null],
  ['enableNamespacesByDefault: istio-injection=disabled -> never', { [INJ]: 'disabled' }, {}, null],
  ['enableNamespacesByDefault: namespace istio.io/rev=canary -> canary', { [REV]: 'canary' }, {}, 'canary'],
  ['enableNamespacesByDefault: pod istio.io/rev=canary -> canary', {}, { [REV]: 'canary' }, 'canary'],
];

function expectOne(hits: readonly Hit[], expected: string | null): void {
  if (expected === null) expect(hits).toEqual([]);
  else {
    expect(hits.map((h) => `${h.configuration}/${h.webhook}`)).toHaveLength(1);
    expect(hits[0].revision).toBe(expected);
  }
}

describe('label selector evaluator', () => {
  it('follows Kubernetes semantics (NotIn and DoesNotExist hold for a missing key)', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, {})).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }, {})).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }, { a: 'x' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, { a: 'x' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { a: '' })).toBe(true);
    expect(selectorMatches({ matchLabels: { a: 'x' } }, { a: 'y' })).toBe(false);
    expect(selectorMatches(undefined, {})).toBe(true);
  });
});

describe('TestWebhookSelector: default + canary', () => {
  const installed = [...mutating({}), ...mutating({ set: ['revision=canary'] })];

  it('renders one injection configuration per revision', () => {
    expect(installed.map((c) => c.metadata.name)).toEqual(['istio-sidecar-injector', 'istio-sidecar-injector-canary']);
    expect(installed[0].webhooks.map((w) => w.name)).toEqual([
      'rev.namespace.sidecar-injector.istio.io',
      'rev.object.sidecar-injector.istio.io',
      'namespace.sidecar-injector.istio.io',
      'object.sidecar-injector.istio.io',
    ]);
    expect(installed[1].webhooks.map((w) => w.name)).toEqual(['rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io']);
  });

  it.each(DEFAULT_AND_CANARY)('%s', (_name, ns, pod, expected) => {
    expectOne(matches(installed, 'app', ns, pod), expected);
  });

  describe('with sidecarInjectorWebhook.enableNamespacesByDefault on both', () => {
    const on = 'sidecarInjectorWebhook.enableNamespacesByDefault=true';
    const both = [...mutating({ set: [on] }), ...mutating({ set: [on, 'revision=canary'] })];
    it('adds auto.* to the default revision only', () => {
      expect(both[0].webhooks.map((w) => w.name)).toContain('auto.sidecar-injector.istio.io');
      expect(both[1].webhooks.map((w) => w.name)).not.toContain('auto.sidecar-injector.istio.io');
    });
    it.each(BY_DEFAULT)('%s', (_name, ns, pod, expected) => {
      expectOne(matches(both, 'app', ns, pod), expected);
    });
    it.each(['kube-system', 'kube-public', 'istio-system'])('leaves namespace %s alone', (nsName) => {
      expectOne(matches(both, nsName, {}, {}), null);
    });
    it('the table without enableNamespacesByDefault still holds except for unlabelled pods', () => {
      for (const [, ns, pod, expected] of DEFAULT_AND_CANARY) {
        const unlabelled = Object.keys(ns).length === 0 && Object.keys(pod).length === 0;
        expectOne(matches(both, 'app', ns, pod), unlabelled ? 'default' : expected);
      }
    });
  });
});

/**
 * Every combination of the injection labels (with values that match and values that do not),
 * against an oracle written from the rules of reference §5.1: default revision + canary + tag prod
 * pointing at canary, with and without enableNamespacesByDefault.
 */
describe('TestWebhookSelector: every label combination', () => {
  const revisions = new Set(['default', 'canary']);
  const tags: Record<string, string> = { prod: 'canary' };
  const resolve = (rev: string): string | null => (revisions.has(rev) ? rev : (tags[rev] ?? null));
  type Maybe = string | undefined;
  function oracle(nsInj: Maybe, nsRev: Maybe, podInject: Maybe, podRev: Maybe, byDefault: boolean): string | null {
    if (podInject === 'false') return null;
    if (nsInj !== undefined) return nsInj === 'enabled' ? 'default' : null;
    if (nsRev !== undefined) return resolve(nsRev);
    if (podRev !== undefined) return resolve(podRev);
    if (podInject === 'true') return 'default';
    return byDefault ? 'default' : null;
  }
  const labels = (pairs: [string, Maybe][]): Labels => Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined));
  const revs = [undefined, 'default', 'canary', 'prod', 'other'];
  const combos: [Maybe, Maybe, Maybe, Maybe][] = [];
  for (const nsInj of [undefined, 'enabled', 'disabled', 'foo'])
    for (const nsRev of revs) for (const podInject of [undefined, 'true', 'false', 'yes']) for (const podRev of revs) combos.push([nsInj, nsRev, podInject, podRev]);

  it.each([false, true])('enableNamespacesByDefault=%s: at most one webhook matches, of the revision the rules name', (byDefault) => {
    const extra = byDefault ? ['sidecarInjectorWebhook.enableNamespacesByDefault=true'] : [];
    const installed = [...mutating({ set: extra }), ...mutating({ set: [...extra, 'revision=canary', 'revisionTags={prod}'] })];
    expect(combos).toHaveLength(400);
    const wrong: string[] = [];
    for (const [nsInj, nsRev, podInject, podRev] of combos) {
      const hits = matches(installed, 'app', labels([[INJ, nsInj], [REV, nsRev]]), labels([[POD, podInject], [REV, podRev]]));
      const want = oracle(nsInj, nsRev, podInject, podRev, byDefault);
      const got = hits.length === 1 ? hits[0].revision : hits.length === 0 ? null : `${hits.length} webhooks`;
      if (got !== want) wrong.push(`ns ${String(nsInj)}/${String(nsRev)} pod ${String(podInject)}/${String(podRev)}: ${String(got)}, want ${String(want)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('revision tags', () => {
  it('render one MutatingWebhookConfiguration per tag, each its own document', () => {
    const out = renderOurs('istiod-remote', { set: ['revision=canary', 'revisionTags={a,b}'] });
    expect(out.exitCode).toBe(0);
    const docs = parseDocs(out.stdout).filter((d) => d.source === 'istiod-remote/templates/revision-tags.yaml');
    expect(docs).toHaveLength(2);
    const tags = docs.map((d) => d.object as WebhookConfiguration);
    expect(tags.map((t) => t.metadata.name)).toEqual(['istio-revision-tag-a', 'istio-revision-tag-b']);
    for (const [i, tag] of ['a', 'b'].entries()) {
      expect(tags[i].metadata.labels).toMatchObject({ 'istio.io/tag': tag, 'istio.io/rev': 'canary', app: 'sidecar-injector' });
      expect(tags[i].webhooks.map((w) => w.name)).toEqual(['rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io']);
      expect(tags[i].webhooks[0].clientConfig.service?.name).toBe('istiod-canary');
    }
  });

  it('a tag routes its namespaces and pods to the revision it points at', () => {
    const installed = [...mutating({}), ...mutating({ set: ['revision=canary', 'revisionTags={prod}'] })];
    expectOne(matches(installed, 'app', { [REV]: 'prod' }, {}), 'canary');
    expectOne(matches(installed, 'app', {}, { [REV]: 'prod' }), 'canary');
    expectOne(matches(installed, 'app', { [REV]: 'prod' }, { [POD]: 'false' }), null);
    expectOne(matches(installed, 'app', { [INJ]: 'enabled' }, { [REV]: 'prod' }), 'default');
    for (const [, ns, pod, expected] of DEFAULT_AND_CANARY) expectOne(matches(installed, 'app', ns, pod), expected);
  });

  it('tag default also takes istio-injection=enabled and sidecar.istio.io/inject=true', () => {
    const canaryOnly = mutating({ set: ['revision=canary', 'revisionTags={default}'] });
    const tag = canaryOnly.find((c) => c.metadata.name === 'istio-revision-tag-default');
    expect(tag?.webhooks.map((w) => w.name)).toEqual([
      'rev.namespace.sidecar-injector.istio.io',
      'rev.object.sidecar-injector.istio.io',
      'namespace.sidecar-injector.istio.io',
      'object.sidecar-injector.istio.io',
    ]);
    // Without a revision-less control plane, the tag makes canary the default for injection.
    expectOne(matches(canaryOnly, 'app', { [INJ]: 'enabled' }, {}), 'canary');
    expectOne(matches(canaryOnly, 'app', {}, { [POD]: 'true' }), 'canary');
    expectOne(matches(canaryOnly, 'app', { [REV]: 'default' }, {}), 'canary');
    expectOne(matches(canaryOnly, 'app', {}, { [REV]: 'canary' }), 'canary');
    expectOne(matches(canaryOnly, 'app', {}, {}), null);
  });

  it.each([['Bad_Tag'], ['a,a'], ['-a']])('the values schema rejects revisionTags={%s} (not a DNS label, or repeated)', (tags) => {
    const out = renderOurs('istiod-remote', { set: [`revisionTags={${tags}}`] });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain('/revisionTags');
  });

  it('no tags, no tag configurations', () => {
    expect(mutating({}).map((c) => c.metadata.name)).toEqual(['istio-sidecar-injector']);
  });
});

describe('names', () => {
  it('suffix the webhook configurations with -<ns> outside istio-system', () => {
    const foo = (set: string[]) => render({ namespace: 'foo', set: ['global.configCluster=true', ...set] }).map((c) => `${c.kind}/${c.metadata.name}`);
    expect(foo([])).toEqual(['MutatingWebhookConfiguration/istio-sidecar-injector-foo', 'ValidatingWebhookConfiguration/istio-validator-istio-system']);
    expect(foo(['revision=canary', 'revisionTags={a}', 'global.istioNamespace=foo'])).toEqual([
      'MutatingWebhookConfiguration/istio-sidecar-injector-canary-foo',
      'MutatingWebhookConfiguration/istio-revision-tag-a-foo',
      'ValidatingWebhookConfiguration/istio-validator-canary-foo',
    ]);
  });

  it('point the webhooks at istiod[-rev] in the release namespace', () => {
    const [mwc] = mutating({ namespace: 'foo', set: ['revision=canary'] });
    for (const w of mwc.webhooks) expect(w.clientConfig).toEqual({ service: { name: 'istiod-canary', namespace: 'foo', path: '/inject', port: 443 }, caBundle: '' });
  });

  it('are not rendered when the operator manages the webhooks', () => {
    expect(mutating({ set: ['global.operatorManageWebhooks=true'] })).toEqual([]);
  });
});

describe('validation webhook', () => {
  const vwc = (set: string[]) => render({ set: ['global.configCluster=true', ...set] }).filter((c) => c.kind === 'ValidatingWebhookConfiguration');

  it('has rev.validation for this revision and validation for objects without istio.io/rev', () => {
    const [c] = vwc(['revision=canary']);
    expect(c.metadata.name).toBe('istio-validator-canary-istio-system');
    expect(c.webhooks.map((w) => [w.name, w.objectSelector])).toEqual([
      ['rev.validation.istio.io', { matchExpressions: [{ key: REV, operator: 'In', values: ['canary'] }] }],
      ['validation.istio.io', { matchExpressions: [{ key: REV, operator: 'DoesNotExist' }] }],
    ]);
    expect(c.webhooks[0].clientConfig).toEqual({ service: { name: 'istiod-canary', namespace: 'istio-system', path: '/validate', port: 443 }, caBundle: '' });
  });

  it('uses base.validationURL when set, and is not rendered without configValidation', () => {
    const [c] = vwc(['base.validationURL=https://x:15017/validate']);
    for (const w of c.webhooks) expect(w.clientConfig).toEqual({ url: 'https://x:15017/validate', caBundle: '' });
    expect(vwc(['global.configValidation=false'])).toEqual([]);
  });
});

describe.runIf(chartExists('istiod'))('istiod carries the same webhook templates', () => {
  it.each([[[]], [['revision=canary', 'revisionTags={a,b}']], [['sidecarInjectorWebhook.enableNamespacesByDefault=true']]])('--set %j', (set) => {
    const pick = (configs: WebhookConfiguration[]) => configs.map((c) => ({ name: c.metadata.name, webhooks: c.webhooks }));
    const istiod = render({ set: [...set] }, 'istiod');
    const remote = render({ set: ['global.configCluster=true', ...set] });
    expect(pick(istiod)).toEqual(pick(remote));
    expect(istiod.every((c) => c.metadata.labels['operator.istio.io/component'] === 'Pilot')).toBe(true);
    expect(remote.every((c) => c.metadata.labels['operator.istio.io/component'] === 'IstiodRemote')).toBe(true);
  });
});
