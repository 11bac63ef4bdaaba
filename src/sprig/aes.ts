/**
 * AES block cipher (FIPS 197) in plain TypeScript, for Sprig's encryptAES/decryptAES (AES-256-CBC).
 * The S-box is derived on first use from its definition (multiplicative inverse in GF(2^8)
 * followed by the affine transform). Byte-oriented and unhurried: template inputs are small.
 */
import { once } from './once.js';

/** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
function gmul(a: number, b: number): number {
  let p = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) p ^= a;
    const hi = a & 0x80;
    a = (a << 1) & 0xff;
    if (hi) a ^= 0x1b;
    b >>= 1;
  }
  return p;
}

const sboxes = once(() => {
  const SBOX = new Uint8Array(256);
  const INV_SBOX = new Uint8Array(256);
  for (let x = 0; x < 256; x++) {
    let inv = 0;
    if (x !== 0) for (inv = 1; gmul(x, inv) !== 1; inv++);
    let s = inv;
    for (let i = 1; i <= 4; i++) s ^= ((inv << i) | (inv >> (8 - i))) & 0xff;
    s ^= 0x63;
    SBOX[x] = s;
    INV_SBOX[s] = x;
  }
  return { SBOX, INV_SBOX };
});

/** Expanded key: (rounds + 1) round keys of 16 bytes. */
export function expandKey(key: Uint8Array): Uint8Array[] {
  const nk = key.length / 4;
  if (nk !== 4 && nk !== 6 && nk !== 8) throw new Error(`crypto/aes: invalid key size ${key.length}`);
  const rounds = nk + 6;
  const { SBOX } = sboxes();
  const words: number[][] = [];
  for (let i = 0; i < nk; i++) words.push([key[4 * i] ?? 0, key[4 * i + 1] ?? 0, key[4 * i + 2] ?? 0, key[4 * i + 3] ?? 0]);
  let rcon = 1;
  for (let i = nk; i < 4 * (rounds + 1); i++) {
    let t = [...(words[i - 1] ?? [])];
    if (i % nk === 0) {
      t = [SBOX[t[1] ?? 0] ?? 0, SBOX[t[2] ?? 0] ?? 0, SBOX[t[3] ?? 0] ?? 0, SBOX[t[0] ?? 0] ?? 0];
      t[0] = (t[0] ?? 0) ^ rcon;
      rcon = gmul(rcon, 2);
    } else if (nk > 6 && i % nk === 4) {
      t = t.map((b) => SBOX[b] ?? 0);
    }
    const prev = words[i - nk] ?? [];
    words.push(t.map((b, j) => b ^ (prev[j] ?? 0)));
  }
  const keys: Uint8Array[] = [];
  for (let r = 0; r <= rounds; r++) keys.push(Uint8Array.from(words.slice(4 * r, 4 * r + 4).flat()));
  return keys;
}

function addRoundKey(s: Uint8Array, k: Uint8Array): void {
  for (let i = 0; i < 16; i++) s[i] = (s[i] ?? 0) ^ (k[i] ?? 0);
}

/** State is column-major: byte (row r, column c) at 4c + r. ShiftRows moves row r left by r. */
function shiftRows(s: Uint8Array, inverse: boolean): void {
  const t = Uint8Array.from(s);
  for (let r = 1; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const from = inverse ? (c - r + 4) % 4 : (c + r) % 4;
      s[4 * c + r] = t[4 * from + r] ?? 0;
    }
  }
}

function mixColumns(s: Uint8Array, inverse: boolean): void {
  const m = inverse ? [14, 11, 13, 9] : [2, 3, 1, 1];
  for (let c = 0; c < 4; c++) {
    const col = [s[4 * c] ?? 0, s[4 * c + 1] ?? 0, s[4 * c + 2] ?? 0, s[4 * c + 3] ?? 0];
    for (let r = 0; r < 4; r++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v ^= gmul(col[(r + k) % 4] ?? 0, m[k] ?? 0);
      s[4 * c + r] = v;
    }
  }
}

export function encryptBlock(keys: readonly Uint8Array[], block: Uint8Array): Uint8Array {
  const s = Uint8Array.from(block);
  const rounds = keys.length - 1;
  const { SBOX } = sboxes();
  addRoundKey(s, keys[0] as Uint8Array);
  for (let r = 1; r <= rounds; r++) {
    for (let i = 0; i < 16; i++) s[i] = SBOX[s[i] ?? 0] ?? 0;
    shiftRows(s, false);
    if (r !== rounds) mixColumns(s, false);
    addRoundKey(s, keys[r] as Uint8Array);
  }
  return s;
}

export function decryptBlock(keys: readonly Uint8Array[], block: Uint8Array): Uint8Array {
  const s = Uint8Array.from(block);
  const rounds = keys.length - 1;
  const { INV_SBOX } = sboxes();
  addRoundKey(s, keys[rounds] as Uint8Array);
  for (let r = rounds - 1; r >= 0; r--) {
    shiftRows(s, true);
    for (let i = 0; i < 16; i++) s[i] = INV_SBOX[s[i] ?? 0] ?? 0;
    addRoundKey(s, keys[r] as Uint8Array);
    if (r !== 0) mixColumns(s, true);
  }
  return s;
}

/** CBC mode over whole blocks (crypto/cipher's CryptBlocks; its panic text when not whole). */
export function cbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const keys = expandKey(key);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let off = 0; off < data.length; off += 16) {
    const block = Uint8Array.from(data.subarray(off, off + 16));
    for (let i = 0; i < 16; i++) block[i] = (block[i] ?? 0) ^ (prev[i] ?? 0);
    prev = encryptBlock(keys, block);
    out.set(prev, off);
  }
  return out;
}

export function cbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const keys = expandKey(key);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let off = 0; off < data.length; off += 16) {
    const block = data.subarray(off, off + 16);
    const plain = decryptBlock(keys, block);
    for (let i = 0; i < 16; i++) plain[i] = (plain[i] ?? 0) ^ (prev[i] ?? 0);
    out.set(plain, off);
    prev = block;
  }
  return out;
}
