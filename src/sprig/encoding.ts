/**
 * b64enc/b64dec/b32enc/b32dec: Go's standard (padded) base64 and base32 encodings. Decoding
 * errors are returned as the value (`illegal base64 data at input byte N`), as Sprig does; the
 * decoders follow Go's rules for where an error is reported and that CR/LF are ignored.
 */
import type { GoFuncSpec } from '../gotemplate/value.js';
import { utf8Decode, utf8Encode } from '../gotemplate/bytes.js';
import { base64Decode, base64Encode, CorruptInput, decodeMap, isNL } from '../gotemplate/base64.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PAD = 0x3d;
const B32_DEC = decodeMap(B32);

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) {
      out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

/** encoding/base32 StdEncoding.DecodeString (newlines are stripped first). */
export function base32Decode(input: Uint8Array): Uint8Array | CorruptInput {
  const src = input.filter((c) => !isNL(c));
  const olen = src.length;
  const out: number[] = [];
  let p = 0;
  let end = false;
  while (p < olen && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      if (p === olen) return new CorruptInput(olen - (olen - p) - j);
      const c = src[p++];
      const left = olen - p;
      if (c === PAD && j >= 2 && left < 8) {
        if (left + j < 7) return new CorruptInput(olen);
        for (let k = 0; k < 7 - j; k++) {
          if (left > k && src[p + k] !== PAD) return new CorruptInput(olen - left + k - 1);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) return new CorruptInput(olen - left - 1);
        break;
      }
      const v = B32_DEC[c];
      if (v < 0) return new CorruptInput(olen - left - 1);
      dbuf[j++] = v;
    }
    let bits = 0n;
    for (const v of dbuf) bits = (bits << 5n) | BigInt(v);
    const nbytes = Math.floor((dlen * 5) / 8);
    for (let k = 0; k < nbytes; k++) out.push(Number((bits >> BigInt(32 - 8 * k)) & 255n));
  }
  return new Uint8Array(out);
}

function decoded(r: Uint8Array | CorruptInput, name: string): string {
  if (r instanceof CorruptInput) return r.message(name);
  return utf8Decode(r);
}

export const encodingFuncs: readonly GoFuncSpec[] = [
  { name: 'b64enc', params: ['string'], results: ['string'], fn: (s) => base64Encode(utf8Encode(s as string)) },
  { name: 'b64dec', params: ['string'], results: ['string'], fn: (s) => decoded(base64Decode(utf8Encode(s as string)), 'base64') },
  { name: 'b32enc', params: ['string'], results: ['string'], fn: (s) => base32Encode(utf8Encode(s as string)) },
  { name: 'b32dec', params: ['string'], results: ['string'], fn: (s) => decoded(base32Decode(utf8Encode(s as string)), 'base32') },
];
