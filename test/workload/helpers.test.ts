/** The small pieces: IP literals, shell quoting of env files, Go's JSON strings, istiod's host. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envFileText, goJsonString, goJsonStringMap, shellQuote } from '../../src/workload/env-file.js';
import { addressHost, isClusterLocal } from '../../src/workload/configure.js';
import { isIP } from '../../src/workload/index.js';

/** What a POSIX shell makes of one word written by shellQuote (bare, or '...' and "'" pieces). */
function unquote(word: string): string {
  if (!word.startsWith("'")) return word;
  let out = '';
  let i = 0;
  while (i < word.length) {
    if (word[i] === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated: ${word}`);
      out += word.slice(i + 1, end);
      i = end + 1;
    } else if (word.startsWith(`"'"`, i)) {
      out += "'";
      i += 3;
    } else throw new Error(`unexpected at ${i}: ${word}`);
  }
  return out;
}

describe('isIP', () => {
  it.each([
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['0.0.0.0', true],
    ['::', true],
    ['::1', true],
    ['fd00::5', true],
    ['2001:db8:0:0:0:0:2:1', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:7::', true],
    ['256.0.0.1', false],
    ['10.0.0', false],
    ['010.0.0.1', false],
    ['10.0.0.1/32', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['fe80::1%eth0', false],
    ['[::1]', false],
    ['gateway.example.com', false],
    ['', false],
  ])('%s -> %s', (s, ok) => expect(isIP(s)).toBe(ok));
});

describe('env files', () => {
  it('quotes only what a shell would change', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('istiod.istio-system.svc:15012')).toBe('istiod.istio-system.svc:15012');
    expect(shellQuote('*')).toBe("'*'");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
    expect(shellQuote('{"a":"b"}')).toBe(`'{"a":"b"}'`);
  });

  it('property: every string survives quoting and a shell reading it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(unquote(shellQuote(s))).toBe(s);
      }),
    );
  });

  it('lines sorted by bytes (ISTIO_METAJSON before ISTIO_META_), newline at the end', () => {
    expect(envFileText(new Map([['ISTIO_META_X', '1'], ['ISTIO_METAJSON_LABELS', '{}'], ['A', '']]))).toBe("A=''\nISTIO_METAJSON_LABELS='{}'\nISTIO_META_X=1\n");
  });

  it("Go's JSON strings: HTML characters and U+2028 escaped, keys sorted", () => {
    expect(goJsonString('a<b>&"\\\n\u2028é')).toBe('"a\\u003cb\\u003e\\u0026\\"\\\\\\n\\u2028é"');
    expect(goJsonStringMap(new Map([['b', '1'], ['__proto__', 'x'], ['a', '2']]))).toBe('{"__proto__":"x","a":"2","b":"1"}');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(JSON.parse(goJsonString(s))).toBe(s);
      }),
    );
  });
});

describe("istiod's host", () => {
  it.each([
    ['istiod.istio-system.svc:15012', 'istiod.istio-system.svc', true],
    ['istiod-remote.istio-system.svc.cluster.local:15012', 'istiod-remote.istio-system.svc.cluster.local', true],
    ['203.0.113.10:15012', '203.0.113.10', false],
    ['[2001:db8::1]:15012', '2001:db8::1', false],
    ['istiod.mesh.example.com:15012', 'istiod.mesh.example.com', false],
    ['svc.example.com:15012', 'svc.example.com', false],
  ])('%s', (address, host, local) => {
    expect(addressHost(address)).toBe(host);
    expect(isClusterLocal(host)).toBe(local);
  });
});
