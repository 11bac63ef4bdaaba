/**
 * b64enc/b64dec/b32enc/b32dec: Go's standard (padded) base64 and base32 encodings. Decoding
 * errors are returned as the value (`illegal base64 data at input byte N`), as Sprig does; the
 * decoders follow Go's rules for where an error is reported and that CR/LF are ignored.
 */
import type { GoFuncSpec } from '../gotemplate/value.js';
import { utf8Decode, utf8Encode } from '../gotemplate/bytes.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PAD = 0x3d;

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}
const B64_DEC = decodeMap(B64);
const B32_DEC = decodeMap(B32);

class CorruptInput {
  constructor(readonly offset: number) {}
}

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < bytes.length) {
    const two = i + 1 < bytes.length;
    const n = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (two ? B64[(n >> 6) & 63] : '=') + '=';
  }
  return out;
}

const isNL = (c: number): boolean => c === 0x0a || c === 0x0d;

/** encoding/base64 StdEncoding.DecodeString. */
export function base64Decode(src: Uint8Array): Uint8Array | CorruptInput {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: CorruptInput | null = null;
    let done = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return new Uint8Array(out);
        return new CorruptInput(si - j);
      }
      const c = src[si++];
      const v = B64_DEC[c];
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (isNL(c)) {
        j--;
        continue;
      }
      if (c !== PAD) return new CorruptInput(si - 1);
      if (j < 2) return new CorruptInput(si - 1);
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) return new CorruptInput(src.length);
        if (src[si] !== PAD) return new CorruptInput(si - 1);
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) trailing = new CorruptInput(si);
      dlen = j;
      done = true;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailing) return trailing;
    if (done) break;
  }
  return new Uint8Array(out);
}

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
  if (r instanceof CorruptInput) return `illegal ${name} data at input byte ${r.offset}`;
  return utf8Decode(r);
}

export const encodingFuncs: readonly GoFuncSpec[] = [
  { name: 'b64enc', params: ['string'], results: ['string'], fn: (s) => base64Encode(utf8Encode(s as string)) },
  { name: 'b64dec', params: ['string'], results: ['string'], fn: (s) => decoded(base64Decode(utf8Encode(s as string)), 'base64') },
  { name: 'b32enc', params: ['string'], results: ['string'], fn: (s) => base32Encode(utf8Encode(s as string)) },
  { name: 'b32dec', params: ['string'], results: ['string'], fn: (s) => decoded(base32Decode(utf8Encode(s as string)), 'base32') },
];
