/**
 * Sprig's random functions: randAlphaNum randAlpha randAscii randNumeric randInt randBytes
 * shuffle uuidv4. Output is random (crypto.getRandomValues, available in browsers and Node);
 * lengths, alphabets, types and the failure cases follow helm (a negative count gives "",
 * `randInt 5 5` and `randBytes -1` panic like Go's).
 */
import { goRunes, runesToString } from '../gotemplate/bytes.js';
import { int, type GoFuncSpec, type GoInt } from '../gotemplate/value.js';
import { base64Encode } from '../gotemplate/base64.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
let ASCII = '';
for (let c = 32; c < 127; c++) ASCII += String.fromCharCode(c);

/** n cryptographically random bytes (getRandomValues takes at most 65,536 at a time). */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += 65536) globalThis.crypto.getRandomValues(out.subarray(off, Math.min(n, off + 65536)));
  return out;
}

/** A uniform integer in [0, n) for 0 < n <= 2^32. */
function randomBelow(n: number): number {
  const limit = Math.floor(0x100000000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buf);
    const x = buf[0] ?? 0;
    if (x < limit) return x % n;
  }
}

function randomString(count: GoInt, alphabet: string): string {
  const n = Number(count.value);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[randomBelow(alphabet.length)];
  return out;
}

/** A uniform bigint in [0, n), n > 0. */
function randomBigBelow(n: bigint): bigint {
  const bits = n.toString(2).length;
  for (;;) {
    let x = 0n;
    for (const b of randomBytes(Math.ceil(bits / 8))) x = (x << 8n) | BigInt(b);
    x &= (1n << BigInt(bits)) - 1n;
    if (x < n) return x;
  }
}

function uuidv4(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function shuffle(s: string): string {
  const runes = goRunes(s);
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [runes[i], runes[j]] = [runes[j] ?? 0, runes[i] ?? 0];
  }
  return runesToString(runes);
}

export const randomFuncs: readonly GoFuncSpec[] = [
  { name: 'randAlphaNum', params: ['int'], results: ['string'], fn: (n) => randomString(n as GoInt, LETTERS + DIGITS) },
  { name: 'randAlpha', params: ['int'], results: ['string'], fn: (n) => randomString(n as GoInt, LETTERS) },
  { name: 'randAscii', params: ['int'], results: ['string'], fn: (n) => randomString(n as GoInt, ASCII) },
  { name: 'randNumeric', params: ['int'], results: ['string'], fn: (n) => randomString(n as GoInt, DIGITS) },
  {
    name: 'randInt',
    params: ['int', 'int'],
    results: ['int'],
    fn: (min, max) => {
      const lo = (min as GoInt).value;
      const span = BigInt.asIntN(64, (max as GoInt).value - lo);
      // rand.Intn panics for n <= 0 (a Go panic, not an error).
      if (span <= 0n) throw new Error('invalid argument to Intn');
      return int(randomBigBelow(span) + lo);
    },
  },
  {
    name: 'randBytes',
    params: ['int'],
    results: ['string'],
    returnsError: true,
    fn: (n) => {
      const count = (n as GoInt).value;
      if (count < 0n) throw new Error('runtime error: makeslice: len out of range');
      return base64Encode(randomBytes(Number(count)));
    },
  },
  { name: 'shuffle', params: ['string'], results: ['string'], fn: (s) => shuffle(s as string) },
  { name: 'uuidv4', params: [], results: ['string'], fn: () => uuidv4() },
];
