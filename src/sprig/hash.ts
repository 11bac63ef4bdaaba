/**
 * Pure-JavaScript digests for Sprig's crypto functions (the engine runs in browsers, so no
 * node:crypto): SHA-1, SHA-256, SHA-512, HMAC-SHA-256, PBKDF2-HMAC-SHA-256, scrypt and Adler-32,
 * written from the published specifications (FIPS 180-4, RFC 2104, RFC 8018, RFC 7914, RFC 1950).
 * The SHA-2 round constants are derived on first use from the prime roots the standard defines.
 */
import { once } from './once.js';

// ------------------------------------------------------------------------------------------
// Constants from prime roots

function firstPrimes(n: number): number[] {
  const out: number[] = [];
  for (let c = 2; out.length < n; c++) if (out.every((p) => c % p !== 0)) out.push(c);
  return out;
}

/** floor(x^(1/k)) for a non-negative bigint, by Newton's method. */
function iroot(x: bigint, k: bigint): bigint {
  if (x < 2n) return x;
  let r = 1n << (BigInt(x.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) break;
    r = next;
  }
  while (r ** k > x) r--;
  while ((r + 1n) ** k <= x) r++;
  return r;
}

/** The first `bits` bits of the fractional part of the k-th root of each of the first n primes. */
function rootFractions(n: number, k: bigint, bits: bigint): bigint[] {
  const mask = (1n << bits) - 1n;
  return firstPrimes(n).map((p) => iroot(BigInt(p) << (bits * k), k) & mask);
}

const sha256Constants = once(() => ({
  K256: Uint32Array.from(rootFractions(64, 3n, 32n), Number),
  H256: Uint32Array.from(rootFractions(8, 2n, 32n), Number),
}));
const sha512Constants = once(() => ({ K512: rootFractions(80, 3n, 64n), H512: rootFractions(8, 2n, 64n) }));

// ------------------------------------------------------------------------------------------
// Merkle–Damgård padding

/** The message followed by 0x80, zeros and the bit length (big-endian, lenBytes long). */
function pad(msg: Uint8Array, block: number, lenBytes: number): Uint8Array {
  const total = Math.ceil((msg.length + 1 + lenBytes) / block) * block;
  const out = new Uint8Array(total);
  out.set(msg);
  out[msg.length] = 0x80;
  let bits = BigInt(msg.length) * 8n;
  for (let i = total - 1; i >= total - lenBytes; i--) {
    out[i] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  return out;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

function wordsToBytes(words: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, words[i] ?? 0);
  return out;
}

// ------------------------------------------------------------------------------------------
// SHA-1

export function sha1(msg: Uint8Array): Uint8Array {
  const data = pad(msg, 64, 8);
  const view = new DataView(data.buffer);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let off = 0; off < data.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
  }
  return wordsToBytes(h.map((x) => x >>> 0));
}

// ------------------------------------------------------------------------------------------
// SHA-256

export function sha256(msg: Uint8Array): Uint8Array {
  const data = pad(msg, 64, 8);
  const view = new DataView(data.buffer);
  const { K256, H256 } = sha256Constants();
  const h = Uint32Array.from(H256);
  const w = new Uint32Array(64);
  for (let off = 0; off < data.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K256[i]! + w[i]!) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + hh;
  }
  return wordsToBytes(h);
}

// ------------------------------------------------------------------------------------------
// SHA-512 (64-bit words as bigints: template inputs are small)

const M64 = (1n << 64n) - 1n;
const rotr64 = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & M64;

export function sha512(msg: Uint8Array): Uint8Array {
  const data = pad(msg, 128, 16);
  const view = new DataView(data.buffer);
  const { K512, H512 } = sha512Constants();
  const h = [...H512];
  const w: bigint[] = new Array<bigint>(80).fill(0n);
  for (let off = 0; off < data.length; off += 128) {
    for (let i = 0; i < 16; i++) w[i] = view.getBigUint64(off + i * 8);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = rotr64(x, 1n) ^ rotr64(x, 8n) ^ (x >> 7n);
      const s1 = rotr64(y, 19n) ^ rotr64(y, 61n) ^ (y >> 6n);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) & M64;
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let i = 0; i < 80; i++) {
      const S1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const ch = (e & f) ^ (~e & M64 & g);
      const t1 = (hh + S1 + ch + K512[i]! + w[i]!) & M64;
      const S0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) & M64;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & M64;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) & M64;
    }
    const add = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + add[i]!) & M64;
  }
  const out = new Uint8Array(64);
  const ov = new DataView(out.buffer);
  h.forEach((x, i) => ov.setBigUint64(i * 8, x));
  return out;
}

// ------------------------------------------------------------------------------------------
// HMAC-SHA-256, PBKDF2, scrypt

export function hmacSha256(key: Uint8Array, msg: Uint8Array): Uint8Array {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + msg.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  inner.set(msg, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

export function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, keyLen: number): Uint8Array {
  const out = new Uint8Array(keyLen);
  const block = new Uint8Array(salt.length + 4);
  block.set(salt);
  for (let i = 1, pos = 0; pos < keyLen; i++) {
    new DataView(block.buffer).setUint32(salt.length, i);
    let u = hmacSha256(password, block);
    const t = Uint8Array.from(u);
    for (let n = 1; n < iterations; n++) {
      u = hmacSha256(password, u);
      for (let j = 0; j < t.length; j++) t[j] = t[j]! ^ u[j]!;
    }
    out.set(t.subarray(0, Math.min(32, keyLen - pos)), pos);
    pos += 32;
  }
  return out;
}

/** Salsa20/8 core on 16 words, in place (RFC 7914 section 3). */
function salsa8(b: Uint32Array): void {
  let x0 = b[0]!, x1 = b[1]!, x2 = b[2]!, x3 = b[3]!, x4 = b[4]!, x5 = b[5]!, x6 = b[6]!, x7 = b[7]!, x8 = b[8]!, x9 = b[9]!, x10 = b[10]!, x11 = b[11]!, x12 = b[12]!, x13 = b[13]!, x14 = b[14]!, x15 = b[15]!;
  let t: number;
  for (let i = 0; i < 8; i += 2) {
    t = (x0 + x12) | 0;
    x4 ^= (t << 7) | (t >>> 25);
    t = (x4 + x0) | 0;
    x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x4) | 0;
    x12 ^= (t << 13) | (t >>> 19);
    t = (x12 + x8) | 0;
    x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x1) | 0;
    x9 ^= (t << 7) | (t >>> 25);
    t = (x9 + x5) | 0;
    x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x9) | 0;
    x1 ^= (t << 13) | (t >>> 19);
    t = (x1 + x13) | 0;
    x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x6) | 0;
    x14 ^= (t << 7) | (t >>> 25);
    t = (x14 + x10) | 0;
    x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x14) | 0;
    x6 ^= (t << 13) | (t >>> 19);
    t = (x6 + x2) | 0;
    x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x11) | 0;
    x3 ^= (t << 7) | (t >>> 25);
    t = (x3 + x15) | 0;
    x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x3) | 0;
    x11 ^= (t << 13) | (t >>> 19);
    t = (x11 + x7) | 0;
    x15 ^= (t << 18) | (t >>> 14);
    t = (x0 + x3) | 0;
    x1 ^= (t << 7) | (t >>> 25);
    t = (x1 + x0) | 0;
    x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x1) | 0;
    x3 ^= (t << 13) | (t >>> 19);
    t = (x3 + x2) | 0;
    x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x4) | 0;
    x6 ^= (t << 7) | (t >>> 25);
    t = (x6 + x5) | 0;
    x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x6) | 0;
    x4 ^= (t << 13) | (t >>> 19);
    t = (x4 + x7) | 0;
    x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x9) | 0;
    x11 ^= (t << 7) | (t >>> 25);
    t = (x11 + x10) | 0;
    x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x11) | 0;
    x9 ^= (t << 13) | (t >>> 19);
    t = (x9 + x8) | 0;
    x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x14) | 0;
    x12 ^= (t << 7) | (t >>> 25);
    t = (x12 + x15) | 0;
    x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x12) | 0;
    x14 ^= (t << 13) | (t >>> 19);
    t = (x14 + x13) | 0;
    x15 ^= (t << 18) | (t >>> 14);
  }
  const x = [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15];
  for (let i = 0; i < 16; i++) b[i] = b[i]! + x[i]!;
}

/** scryptBlockMix over 2r 64-byte blocks (as 32r words); writes to out. */
const MIX = new Uint32Array(16);
function blockMix(input: Uint32Array, out: Uint32Array, r: number): void {
  const x = MIX;
  x.set(input.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    for (let j = 0; j < 16; j++) x[j] = x[j]! ^ input[i * 16 + j]!;
    salsa8(x);
    // Even blocks go to the first half, odd blocks to the second.
    out.set(x, ((i >> 1) + (i & 1) * r) * 16);
  }
}

/** scrypt(password, salt, N, r, p, keyLen) (RFC 7914). */
export function scrypt(password: Uint8Array, salt: Uint8Array, n: number, r: number, p: number, keyLen: number): Uint8Array {
  const blockWords = 32 * r;
  const b = pbkdf2Sha256(password, salt, 1, p * 128 * r);
  const words = new Uint32Array(p * blockWords);
  const bv = new DataView(b.buffer);
  for (let i = 0; i < words.length; i++) words[i] = bv.getUint32(i * 4, true);
  const v = new Uint32Array(n * blockWords);
  const tmp = new Uint32Array(blockWords);
  for (let chunk = 0; chunk < p; chunk++) {
    const x = words.subarray(chunk * blockWords, (chunk + 1) * blockWords);
    for (let i = 0; i < n; i++) {
      v.set(x, i * blockWords);
      blockMix(x, tmp, r);
      x.set(tmp);
    }
    for (let i = 0; i < n; i++) {
      // Integerify: the first word of the last 64-byte block, modulo N (a power of two).
      const j = x[(2 * r - 1) * 16]! & (n - 1);
      for (let k = 0; k < blockWords; k++) x[k] = x[k]! ^ v[j * blockWords + k]!;
      blockMix(x, tmp, r);
      x.set(tmp);
    }
  }
  const mixed = new Uint8Array(words.length * 4);
  const mv = new DataView(mixed.buffer);
  for (let i = 0; i < words.length; i++) mv.setUint32(i * 4, words[i]!, true);
  return pbkdf2Sha256(password, mixed, 1, keyLen);
}

// ------------------------------------------------------------------------------------------
// Adler-32 and hex

export function adler32(msg: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of msg) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const byte of bytes) s += byte.toString(16).padStart(2, '0');
  return s;
}
