/**
 * src/revision/selector.ts: label-selector semantics as the API server evaluates them, and which
 * webhooks of MutatingWebhookConfigurations are called for a pod CREATE (rules, the automatic
 * kubernetes.io/metadata.name namespace label, malformed input matching nothing).
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../src/manifest/index.js';
import { matchingWebhooks, namespaceSelectorLabels, selectorMatches, toSelector, type LabelSelector } from '../../src/revision/selector.js';
import type { KubeObject } from '../../src/revision/types.js';

describe('selectorMatches', () => {
  it('an absent selector and an empty one match everything', () => {
    expect(selectorMatches(undefined, {})).toBe(true);
    expect(selectorMatches({}, { a: 'b' })).toBe(true);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
  });

  it('matchLabels needs the key with exactly that value', () => {
    expect(selectorMatches({ matchLabels: { a: 'x' } }, { a: 'x', b: 'y' })).toBe(true);
    expect(selectorMatches({ matchLabels: { a: 'x' } }, { a: 'y' })).toBe(false);
    expect(selectorMatches({ matchLabels: { a: 'x' } }, {})).toBe(false);
    expect(selectorMatches({ matchLabels: { a: '' } }, { a: '' })).toBe(true);
  });

  it.each([
    ['In', ['x'], { a: 'x' }, true],
    ['In', ['x', 'y'], { a: 'y' }, true],
    ['In', ['x'], { a: 'z' }, false],
    ['In', ['x'], {}, false],
    ['NotIn', ['x'], {}, true],
    ['NotIn', ['x'], { a: 'z' }, true],
    ['NotIn', ['x'], { a: 'x' }, false],
    ['Exists', undefined, { a: '' }, true],
    ['Exists', undefined, { b: 'x' }, false],
    ['DoesNotExist', undefined, {}, true],
    ['DoesNotExist', undefined, { a: '' }, false],
  ] as const)('%s %j on %j -> %s', (operator, values, labels, expected) => {
    const sel: LabelSelector = { matchExpressions: [{ key: 'a', operator, ...(values ? { values } : {}) }] };
    expect(selectorMatches(sel, labels)).toBe(expected);
  });

  it('all requirements must hold (AND of matchLabels and matchExpressions)', () => {
    const sel: LabelSelector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] };
    expect(selectorMatches(sel, { app: 'web' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web', tier: 'db' })).toBe(false);
    expect(selectorMatches(sel, { tier: 'front' })).toBe(false);
  });

  it('a malformed selector (which the API server refuses) matches nothing instead of throwing', () => {
    const bad = [
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] },
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      { matchExpressions: 'a=b' },
      { matchLabels: { a: 1 } },
      'app=web',
    ];
    for (const b of bad) {
      expect(toSelector(b)).toBe('invalid');
      expect(selectorMatches(b as unknown as LabelSelector, { a: 'x' })).toBe(false);
    }
    expect(toSelector(null)).toBeUndefined();
  });

  it('labels named like Object.prototype members are plain keys', () => {
    const labels = JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>;
    expect(selectorMatches({ matchLabels: JSON.parse('{"__proto__": "x"}') as Record<string, string> }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {})).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'constructor', operator: 'In', values: ['y'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'hasOwnProperty', operator: 'DoesNotExist' }] }, {})).toBe(true);
  });
});

const POD_CREATE = [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }];

function mwc(name: string, webhooks: unknown[], labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name, labels }, webhooks };
}

const target = (ns: string, nsLabels: Record<string, string> = {}, pod: Record<string, string> = {}) => ({
  namespace: { name: ns, labels: nsLabels },
  pod: { labels: pod },
});

describe('matchingWebhooks', () => {
  it('reports configuration, webhook, revision (default when unlabelled) and tag', () => {
    const configs = [
      mwc('a', [{ name: 'one.example', rules: POD_CREATE }], { 'istio.io/rev': 'canary', 'istio.io/tag': 'prod' }),
      mwc('b', [{ name: 'two.example', rules: POD_CREATE }]),
    ];
    expect(matchingWebhooks(configs, target('shop'))).toEqual([
      { configuration: 'a', webhook: 'one.example', revision: 'canary', tag: 'prod' },
      { configuration: 'b', webhook: 'two.example', revision: 'default' },
    ]);
  });

  it('only rules covering CREATE of core v1 pods count ("*" included)', () => {
    const rule = (r: Record<string, unknown>) => mwc('c', [{ name: 'w', rules: [{ ...POD_CREATE[0], ...r }] }]);
    const called = (c: KubeObject) => matchingWebhooks([c], target('shop')).length === 1;
    expect(called(rule({}))).toBe(true);
    expect(called(rule({ operations: ['UPDATE'] }))).toBe(false);
    expect(called(rule({ operations: ['*'] }))).toBe(true);
    expect(called(rule({ apiGroups: ['apps'] }))).toBe(false);
    expect(called(rule({ apiGroups: ['*'] }))).toBe(true);
    expect(called(rule({ apiVersions: ['v1beta1'] }))).toBe(false);
    expect(called(rule({ resources: ['deployments'] }))).toBe(false);
    expect(called(rule({ resources: ['*'] }))).toBe(true);
    expect(called(rule({ resources: ['pods/status'] }))).toBe(false);
    expect(called(rule({ scope: 'Cluster' }))).toBe(false);
    expect(called(rule({ scope: 'Namespaced' }))).toBe(true);
    expect(called(mwc('c', [{ name: 'w' }]))).toBe(false);
  });

  it('namespaceSelector sees the automatic kubernetes.io/metadata.name label, which cannot be overridden', () => {
    const notKubeSystem = mwc('c', [
      { name: 'w', rules: POD_CREATE, namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } },
    ]);
    expect(matchingWebhooks([notKubeSystem], target('kube-system'))).toHaveLength(0);
    expect(matchingWebhooks([notKubeSystem], target('shop'))).toHaveLength(1);
    expect(matchingWebhooks([notKubeSystem], target('kube-system', { 'kubernetes.io/metadata.name': 'shop' }))).toHaveLength(0);
    expect(namespaceSelectorLabels({ name: 'shop', labels: { a: 'b' } })).toEqual({ a: 'b', 'kubernetes.io/metadata.name': 'shop' });
  });

  it('objectSelector sees the pod labels, namespaceSelector the namespace labels', () => {
    const c = mwc('c', [{ name: 'w', rules: POD_CREATE, namespaceSelector: { matchLabels: { team: 'a' } }, objectSelector: { matchLabels: { app: 'web' } } }]);
    expect(matchingWebhooks([c], target('n', { team: 'a' }, { app: 'web' }))).toHaveLength(1);
    expect(matchingWebhooks([c], target('n', { app: 'web' }, { team: 'a' }))).toHaveLength(0);
    expect(matchingWebhooks([c], target('n', { team: 'a' }, {}))).toHaveLength(0);
  });

  it('ignores other kinds and malformed webhooks without throwing', () => {
    const vwc: KubeObject = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' }, webhooks: [{ name: 'w', rules: POD_CREATE }] };
    const odd = [
      vwc,
      mwc('no-list', []),
      { ...mwc('x', []), webhooks: 'nope' },
      mwc('bad', [null, 7, { rules: POD_CREATE }, { name: 'sel', rules: POD_CREATE, namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'Is' }] } }]),
      { ...mwc('labels', [{ name: 'ok', rules: POD_CREATE }]), metadata: { name: 'labels', labels: 'x' as unknown as Record<string, string> } },
    ];
    expect(matchingWebhooks(odd, target('n'))).toEqual([{ configuration: 'labels', webhook: 'ok', revision: 'default' }]);
  });

  it('on the rendered default and canary injectors: the revision labels pick exactly one webhook (facts 5.1)', () => {
    const mwcs = (revision: string): KubeObject[] =>
      render({ revision, components: ['Pilot'] })
        .objects.filter((o) => o.kind === 'MutatingWebhookConfiguration')
        .map((o) => o.object as unknown as KubeObject);
    const configs = [...mwcs(''), ...mwcs('canary')];
    const who = (ns: Record<string, string>, pod: Record<string, string>) => matchingWebhooks(configs, target('shop', ns, pod)).map((m) => `${m.revision}/${m.webhook}`);
    expect(who({ 'istio-injection': 'enabled' }, { 'istio.io/rev': 'canary' })).toEqual(['default/namespace.sidecar-injector.istio.io']);
    expect(who({ 'istio.io/rev': 'canary' }, {})).toEqual(['canary/rev.namespace.sidecar-injector.istio.io']);
    expect(who({}, { 'istio.io/rev': 'canary' })).toEqual(['canary/rev.object.sidecar-injector.istio.io']);
    expect(who({}, { 'sidecar.istio.io/inject': 'true' })).toEqual(['default/object.sidecar-injector.istio.io']);
    expect(who({}, {})).toEqual([]);
    expect(who({ 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' })).toEqual([]);
    expect(who({ 'istio.io/rev': 'canary' }, { 'sidecar.istio.io/inject': 'false' })).toEqual([]);
  });
});
