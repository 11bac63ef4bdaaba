import { describe, expect, it } from 'vitest';
import { parseSetFlag, parseSetPath } from '../../../src/operator/compose/set-path.js';

describe('parseSetPath (the --set path parser without "=VALUE", for overlay patches)', () => {
  it('keeps a leading spec. (an object\'s own spec)', () => {
    const r = parseSetPath('spec.replicas');
    expect(r.ok && r.path.map((s) => (s.kind === 'key' ? s.key : '?'))).toEqual(['spec', 'replicas']);
  });

  it('parses the §3.5 examples', () => {
    const r = parseSetPath('webhooks.[name:namespace\\.sidecar-injector\\.istio\\.io].clientConfig.service.name');
    expect(r.ok && r.path).toEqual([
      { kind: 'key', key: 'webhooks', column: 1 },
      { kind: 'match', key: 'name', value: 'namespace.sidecar-injector.istio.io', column: 10 },
      { kind: 'key', key: 'clientConfig', column: 56 },
      { kind: 'key', key: 'service', column: 69 },
      { kind: 'key', key: 'name', column: 77 },
    ]);
    const a = parseSetPath('spec.template.spec.containers.[name:discovery].args.[30m]');
    expect(a.ok && a.path.at(-1)).toEqual({ kind: 'value', value: '30m', column: 53 });
    const v = parseSetPath('spec.template.spec.volumes[100]');
    expect(v.ok && v.path.at(-1)).toEqual({ kind: 'index', index: 100, column: 27 });
  });

  it('an "=" is part of a key (there is no value to split off)', () => {
    const r = parseSetPath('metadata.annotations.a=b');
    expect(r.ok && r.path.at(-1)).toMatchObject({ kind: 'key', key: 'a=b' });
  });

  it('reports errors with the column', () => {
    expect(parseSetPath('')).toEqual({ ok: false, column: 1, message: 'the path is empty' });
    expect(parseSetPath('a..b')).toMatchObject({ ok: false, column: 3 });
    expect(parseSetPath('a.')).toMatchObject({ ok: false, column: 2, message: 'the path ends with "."' });
    expect(parseSetPath('a[x')).toMatchObject({ ok: false, column: 2 });
    expect(parseSetPath('[0]')).toMatchObject({ ok: false, column: 1 });
  });

  it('parses a path as parseSetFlag does, apart from the spec. prefix', () => {
    for (const p of ['a.b[0].c', 'a[name:x\\:y].b', 'a\\.b.c[v]', 'x[-1]', 'a[k:v=w]']) {
      const path = parseSetPath(p);
      const flag = parseSetFlag(`${p}=1`, 1);
      expect(path.ok && flag.ok).toBe(true);
      if (path.ok && flag.ok) expect(path.path).toEqual(flag.flag.path);
    }
  });
});
