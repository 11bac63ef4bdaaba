/** The small data helpers: merge semantics (maps merge, lists replace, null deletes), copying, keyed k8s merges. */
import { describe, expect, it } from 'vitest';
import { clone, dotted, mergeInto, newObj, setAt } from '../../../src/operator/translate/data.js';
import { mergeK8s } from '../../../src/operator/translate/k8s.js';
import { plain } from './helpers.js';

describe('mergeInto', () => {
  it('merges maps, replaces lists and scalars, deletes on null, copies what it takes', () => {
    const over = { a: { b: 2, d: [3] }, e: null, f: 'x' };
    const base = mergeInto(clone({ a: { b: 1, c: 1, d: [1, 2] }, e: 1 }) as Record<string, unknown>, over);
    expect(plain(base)).toEqual({ a: { b: 2, c: 1, d: [3] }, f: 'x' });
    (over.a.d as number[]).push(4);
    expect(plain(base)).toEqual({ a: { b: 2, c: 1, d: [3] }, f: 'x' });
  });

  it('treats __proto__ as an ordinary key', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const base = mergeInto(newObj(), over);
    expect(Object.keys(base)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(base)).toBe(null);
  });
});

describe('setAt', () => {
  it('creates maps on the way and replaces non-maps', () => {
    const o = clone({ a: 1 }) as Record<string, unknown>;
    setAt(o, ['a', 'b', 'c'], 2);
    expect(plain(o)).toEqual({ a: { b: { c: 2 } } });
  });
});

describe('mergeK8s', () => {
  it('env and volumes merge by name, volumeMounts by mountPath, other lists replace', () => {
    const base = clone({
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '1' }],
      volumeMounts: [{ name: 'v', mountPath: '/a' }],
      tolerations: [{ key: 'x' }],
      resources: { requests: { cpu: '1' } },
    }) as Record<string, unknown>;
    mergeK8s(base, clone({
      env: [{ name: 'B', value: '2' }, { name: 'C', value: '3' }],
      volumeMounts: [{ name: 'w', mountPath: '/a' }, { name: 'v', mountPath: '/b' }],
      tolerations: [{ key: 'y' }],
      resources: { limits: { cpu: '2' } },
    }) as Record<string, unknown>);
    expect(plain(base)).toEqual({
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }],
      volumeMounts: [{ name: 'w', mountPath: '/a' }, { name: 'v', mountPath: '/b' }],
      tolerations: [{ key: 'y' }],
      resources: { requests: { cpu: '1' }, limits: { cpu: '2' } },
    });
  });
});

describe('dotted', () => {
  it('writes paths as the issues do', () => {
    expect(dotted('spec', 'components', 'ingressGateways', 0, 'k8s')).toBe('spec.components.ingressGateways[0].k8s');
    expect(dotted('spec', 'values', 'gateways', 'istio-ingressgateway', 'a.b')).toBe('spec.values.gateways.istio-ingressgateway["a.b"]');
  });
});
