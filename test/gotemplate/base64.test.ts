import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, CorruptInput } from '../../src/gotemplate/base64.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (s: string): string => {
  const r = base64Decode(enc(s));
  return r instanceof CorruptInput ? r.message() : `ok:${new TextDecoder().decode(r)}`;
};

describe('base64 (Go StdEncoding)', () => {
  it('encodes with padding', () => {
    expect(['', 'a', 'ab', 'abc', 'abcd'].map((s) => base64Encode(enc(s)))).toEqual(['', 'YQ==', 'YWI=', 'YWJj', 'YWJjZA==']);
  });

  it('decodes, skipping CR and LF anywhere (also between the two pads)', () => {
    expect(dec('YWJjZA==')).toBe('ok:abcd');
    expect(dec('YW\r\nJj\nZA=\n=\n')).toBe('ok:abcd');
    expect(dec('')).toBe('ok:');
  });

  it('does not check the unused bits of the last character', () => {
    expect(dec('YR==')).toBe('ok:a');
  });

  it("reports the input byte where Go's decoder gives up", () => {
    expect(dec('YQ')).toBe('illegal base64 data at input byte 0');
    expect(dec('YQ=')).toBe('illegal base64 data at input byte 3');
    expect(dec('Y===')).toBe('illegal base64 data at input byte 1');
    expect(dec('YQ=A')).toBe('illegal base64 data at input byte 2');
    expect(dec('YQ==YQ==')).toBe('illegal base64 data at input byte 4');
    expect(dec('YW@j')).toBe('illegal base64 data at input byte 2');
    expect(new CorruptInput(7).message('base32')).toBe('illegal base32 data at input byte 7');
  });
});
