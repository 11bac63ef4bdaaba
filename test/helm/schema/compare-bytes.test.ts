import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBytes } from '../../../src/helm/schema/json.js';

/** The definition: compare the UTF-8 encodings byte by byte. */
function byEncoding(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

describe('compareBytes (Go map key order)', () => {
  it('orders a code point above U+FFFF after U+E000..U+FFFF, as UTF-8 bytes do (UTF-16 units would not)', () => {
    expect(Math.sign(compareBytes('\u{1F600}', '\uFFFD'))).toBe(1);
    expect(Math.sign(compareBytes('\uE000', '\u{10000}'))).toBe(-1);
    expect(Math.sign(compareBytes('a', 'ab'))).toBe(-1);
    expect(compareBytes('x', 'x')).toBe(0);
  });

  it('has the sign of the byte-wise comparison for any two well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareBytes(a, b))).toBe(Math.sign(byEncoding(a, b)));
      }),
      { numRuns: 5000, seed: 42 },
    );
  });
});
