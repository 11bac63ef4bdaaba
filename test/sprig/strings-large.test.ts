import { describe, expect, it } from 'vitest';
import { render } from './render.js';

// Large inputs: byte-wise helpers must not spread huge arrays into calls (stack limits).
describe('string functions on large inputs', () => {
  const big = 'héllo wörld\n'.repeat(50000);
  const data = new Map([['s', big]]);
  it('nospace removes every space byte of a 700 KB string', () => {
    // Removing any whitespace makes goutils re-encode each kept byte >= 0x80 as a rune (2 bytes):
    // 12 bytes kept per line, 4 of them non-ASCII -> 16 (helm: `nospace (repeat 3 ...) | len` = 48).
    expect(render('{{ nospace .s | len }}', 'helm3', data)).toBe(String(50000 * 16));
  });
  it('initials takes the first byte of every word', () => {
    expect(render('{{ initials .s | len }}', 'helm3', data)).toBe(String(100000 * 1));
  });
  it('upper and trim keep the length of a large non-ASCII string', () => {
    expect(render('{{ upper .s | len }}|{{ trim .s | len }}', 'helm3', data)).toBe(`${big.length + 100000}|${big.length + 100000 - 1}`);
  });
});
