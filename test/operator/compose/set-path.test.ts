import { describe, expect, it } from 'vitest';
import { formatSetPath, parseSetFlag, type SetSegment } from '../../../src/operator/compose/set-path.js';

type Shape = (string | [number] | [string, string] | { v: string })[];

/** Compact form of parsed segments: 'key', [index], [key, value] (match), {v} (scalar value). */
function shape(segs: readonly SetSegment[]): Shape {
  return segs.map((s) => (s.kind === 'key' ? s.key : s.kind === 'index' ? [s.index] : s.kind === 'match' ? [s.key, s.value] : { v: s.value }));
}

function ok(text: string): { path: Shape; value: string } {
  const r = parseSetFlag(text, 1);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.issue.message}`);
  return { path: shape(r.flag.path), value: r.flag.value };
}

describe('--set path syntax (facts §2.4)', () => {
  const table: [string, Shape, string][] = [
    ['hub=docker.io/istio', ['hub'], 'docker.io/istio'],
    ['spec.hub=x', ['hub'], 'x'],
    ['spec=x', ['spec'], 'x'],
    ['values.global.proxy.logLevel=debug', ['values', 'global', 'proxy', 'logLevel'], 'debug'],
    ['a=', ['a'], ''],
    ['a=b=c', ['a'], 'b=c'],
    ['a=x,y', ['a'], 'x,y'],
    // escaped dots inside a key
    [
      'values.sidecarInjectorWebhook.injectedAnnotations.container\\.apparmor\\.security\\.beta\\.kubernetes\\.io/istio-proxy=runtime/default',
      ['values', 'sidecarInjectorWebhook', 'injectedAnnotations', 'container.apparmor.security.beta.kubernetes.io/istio-proxy'],
      'runtime/default',
    ],
    ['a\\=b=c', ['a=b'], 'c'],
    ['a\\\\b=c', ['a\\b'], 'c'],
    ['a\\xb=c', ['a\\xb'], 'c'],
    // index, both spellings
    ['components.ingressGateways[0].enabled=true', ['components', 'ingressGateways', [0], 'enabled'], 'true'],
    ['components.ingressGateways.[0].enabled=true', ['components', 'ingressGateways', [0], 'enabled'], 'true'],
    ['a[-1]=x', ['a', [-1]], 'x'],
    ['a[1][2]=x', ['a', [1], [2]], 'x'],
    ['a.[1].[2]=x', ['a', [1], [2]], 'x'],
    // key:value selectors
    ['components.ingressGateways[name:istio-ingressgateway].enabled=false', ['components', 'ingressGateways', ['name', 'istio-ingressgateway'], 'enabled'], 'false'],
    ['components.ingressGateways.[name:istio-ingressgateway].enabled=false', ['components', 'ingressGateways', ['name', 'istio-ingressgateway'], 'enabled'], 'false'],
    ['a[name:x.y].b=1', ['a', ['name', 'x.y'], 'b'], '1'],
    ['a[name:x=y].b=1', ['a', ['name', 'x=y'], 'b'], '1'],
    ['a[name:x\\:y].b=1', ['a', ['name', 'x:y'], 'b'], '1'],
    ['a[url:http\\://h].b=1', ['a', ['url', 'http://h'], 'b'], '1'],
    ['a[k:]=1', ['a', ['k', '']], '1'],
    // scalar value selectors
    ['values.cni.excludeNamespaces[kube-system]=other', ['values', 'cni', 'excludeNamespaces', { v: 'kube-system' }], 'other'],
    ['values.cni.excludeNamespaces[:kube-system]=other', ['values', 'cni', 'excludeNamespaces', { v: 'kube-system' }], 'other'],
    ['a[:1]=x', ['a', { v: '1' }], 'x'],
    ['a[\\1]=x', ['a', { v: '\\1' }], 'x'],
  ];
  it.each(table)('%s', (text, path, value) => {
    expect(ok(text)).toEqual({ path, value });
  });

  it('records the column of each element and of the value', () => {
    const r = parseSetFlag('spec.a[name:x].b=1', 4);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.flag.path.map((s) => s.column)).toEqual([6, 7, 16]);
    expect(r.flag.valueColumn).toBe(18);
    expect(r.flag.line).toBe(4);
  });

  const bad: [string, number, RegExp][] = [
    ['hub', 4, /no "="/],
    ['=x', 1, /path before "=" is empty/],
    ['a..b=1', 3, /empty path element/],
    ['.a=1', 1, /empty path element/],
    ['a.=1', 2, /ends with "."/],
    ['a[0=1', 2, /not closed/],
    ['a]=1', 2, /"]" without "\["/],
    ['a[]=1', 2, /empty selector/],
    ['a[-2]=1', 2, /not valid/],
    ['a[0]b=1', 5, /after "]"/],
    ['[0]=1', 1, /must start with a field name/],
    ['a[x[y]]=1', 4, /must be escaped/],
  ];
  it.each(bad)('rejects %s at column %i', (text, column, message) => {
    const r = parseSetFlag(text, 2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.code).toBe('invalid-set-flag');
    expect(r.issue.source).toEqual({ file: '--set', line: 2, column });
    expect(r.issue.message).toMatch(message);
  });

  it('formats a path back in the same syntax', () => {
    const r = parseSetFlag('a\\.b[name:x][0].c=1', 1);
    if (!r.ok) throw new Error('parse');
    expect(formatSetPath(r.flag.path)).toBe('a\\.b[name:x][0].c');
  });
});
