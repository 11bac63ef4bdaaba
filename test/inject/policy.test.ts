import { describe, expect, it } from 'vitest';
import { alreadyInjected, injectionPolicy, labelSelectorMatches } from '../../src/inject/policy.js';
import type { InjectTemplatesConfig, LabelSelector, PodTarget } from '../../src/inject/types.js';

type Cfg = Pick<InjectTemplatesConfig, 'policy' | 'neverInjectSelector' | 'alwaysInjectSelector'>;
const enabled: Cfg = { policy: 'enabled', neverInjectSelector: [], alwaysInjectSelector: [] };
const disabled: Cfg = { ...enabled, policy: 'disabled' };

function pod(metadata: Record<string, unknown>, spec: Record<string, unknown> = { containers: [{ name: 'app', image: 'app' }] }): PodTarget {
  return { typeMeta: { apiVersion: 'v1', kind: 'Pod' }, deploymentMeta: { name: 'p', namespace: '' }, metadata, spec };
}

const decide = (cfg: Cfg, t: PodTarget): boolean => injectionPolicy(cfg, t).decision.inject;

describe('injectionPolicy (1.11 injectRequired)', () => {
  it('policy enabled injects a plain pod; disabled does not', () => {
    expect(decide(enabled, pod({}))).toBe(true);
    expect(decide(disabled, pod({}))).toBe(false);
  });

  it.each(['false', 'n', 'no', 'off', 'nonsense'])('annotation %s opts out', (v) => {
    const r = injectionPolicy(enabled, pod({ annotations: { 'sidecar.istio.io/inject': v } }));
    expect(r.decision.inject).toBe(false);
    expect(r.decision.reason).toContain('sidecar.istio.io/inject');
  });

  it.each(['true', 'TRUE', 'y', 'yes', 'on'])('annotation %s opts in under policy disabled', (v) => {
    expect(decide(disabled, pod({ annotations: { 'sidecar.istio.io/inject': v } }))).toBe(true);
  });

  it('the label wins over the annotation', () => {
    expect(decide(enabled, pod({ labels: { 'sidecar.istio.io/inject': 'false' }, annotations: { 'sidecar.istio.io/inject': 'true' } }))).toBe(false);
    expect(decide(disabled, pod({ labels: { 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } }))).toBe(true);
  });

  it('hostNetwork is never injected, whatever the annotation says', () => {
    const r = injectionPolicy(enabled, pod({ annotations: { 'sidecar.istio.io/inject': 'true' } }, { hostNetwork: true, containers: [] }));
    expect(r.decision).toEqual({ inject: false, reason: 'host networking is enabled' });
  });

  it('kube-system and kube-public pods are not injected', () => {
    expect(decide(enabled, pod({ namespace: 'kube-system' }))).toBe(false);
    expect(decide(enabled, pod({ namespace: 'kube-public' }))).toBe(false);
    expect(decide(enabled, pod({ namespace: 'shop' }))).toBe(true);
    const deployment: PodTarget = { typeMeta: { apiVersion: 'apps/v1', kind: 'Deployment' }, deploymentMeta: { name: 'd', namespace: 'kube-system' }, metadata: {}, spec: { containers: [] } };
    expect(injectionPolicy(enabled, deployment).decision).toEqual({ inject: false, reason: 'namespace kube-system is never injected' });
  });

  it('neverInjectSelector beats alwaysInjectSelector; both only apply without annotation or label', () => {
    const cfg: Cfg = { policy: 'disabled', neverInjectSelector: [{ matchLabels: { tier: 'batch' } }], alwaysInjectSelector: [{ matchLabels: { app: 'web' } }] };
    expect(decide(cfg, pod({ labels: { app: 'web' } }))).toBe(true);
    expect(decide(cfg, pod({ labels: { app: 'web', tier: 'batch' } }))).toBe(false);
    expect(decide({ ...cfg, policy: 'enabled' }, pod({ labels: { tier: 'batch' } }))).toBe(false);
    expect(decide({ ...cfg, policy: 'enabled' }, pod({ labels: { tier: 'batch' }, annotations: { 'sidecar.istio.io/inject': 'true' } }))).toBe(true);
  });

  it('an empty selector matches nothing; an invalid one is reported and skipped', () => {
    const bad = { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } as unknown as LabelSelector;
    const r = injectionPolicy({ policy: 'disabled', neverInjectSelector: [], alwaysInjectSelector: [{}, bad] }, pod({ labels: { a: 'b' } }));
    expect(r.decision.inject).toBe(false);
    expect(r.invalidSelectors).toHaveLength(1);
  });

  it('an unknown policy injects nothing', () => {
    expect(decide({ ...enabled, policy: 'sometimes' as 'enabled' }, pod({}))).toBe(false);
  });
});

describe('labelSelectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'db' } }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, 'invalid'],
  ] as [LabelSelector, boolean | string][])('%j -> %s', (s, want) => {
    expect(labelSelectorMatches(s, labels)).toBe(want);
  });

  it('__proto__ is a label like any other', () => {
    expect(labelSelectorMatches({ matchExpressions: [{ key: '__proto__', operator: 'Exists' }] }, { a: 'b' })).toBe(false);
  });
});

describe('alreadyInjected', () => {
  it('the status annotation', () => {
    expect(alreadyInjected(pod({ annotations: { 'sidecar.istio.io/status': '{}' } }))).toMatch(/sidecar.istio.io\/status/);
  });
  it('an istio-proxy container with a real image', () => {
    const t = pod({}, { containers: [{ name: 'app', image: 'a' }, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.11.8' }] });
    expect(alreadyInjected(t)).toBe('it has an istio-proxy container with image docker.io/istio/proxyv2:1.11.8');
  });
  it('a user customization (image auto) is not an injected sidecar', () => {
    expect(alreadyInjected(pod({}, { containers: [{ name: 'istio-proxy', image: 'auto' }] }))).toBeUndefined();
    expect(alreadyInjected(pod({}))).toBeUndefined();
  });
});
