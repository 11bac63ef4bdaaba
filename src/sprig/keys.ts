/**
 * Private keys for Sprig's genPrivateKey in the PEM forms Go writes: "rsa" (4096 bits, PKCS #1
 * `RSA PRIVATE KEY`; a few seconds in JavaScript), "ecdsa" (P-256, SEC 1 `EC PRIVATE KEY`) and
 * "ed25519" (PKCS #8 `PRIVATE KEY`). Keys are random, so only their shape can be compared with
 * helm's. DSA generation is not implemented (see crypto.ts).
 */
import { base64Encode } from '../gotemplate/base64.js';
import { randomBytes } from './random.js';
import { once } from './once.js';

/** encoding/pem.Encode: base64 body in 64-character lines. */
export function pemEncode(type: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  let out = `-----BEGIN ${type}-----\n`;
  for (let i = 0; i < b64.length; i += 64) out += b64.slice(i, i + 64) + '\n';
  return out + `-----END ${type}-----\n`;
}

// ------------------------------------------------------------------------------------------
// DER

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let x = n; x > 0; x >>= 8) bytes.unshift(x & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A DER tag-length-value. */
export function tlv(tag: number, content: readonly number[]): number[] {
  return [tag, ...derLength(content.length), ...content];
}

export const seq = (...parts: number[][]): number[] => tlv(0x30, parts.flat());
const octets = (b: Uint8Array | readonly number[]): number[] => tlv(0x04, [...b]);
const smallInt = (n: number): number[] => tlv(0x02, [n]);

// ------------------------------------------------------------------------------------------
// ed25519: PKCS #8 holds only the 32-byte seed

/** x509.MarshalPKCS8PrivateKey of a fresh ed25519 key. */
export function ed25519PrivateKeyPEM(): string {
  const oid = tlv(0x06, [0x2b, 0x65, 0x70]); // 1.3.101.112
  const body = seq(smallInt(0), seq(oid), octets(octets(randomBytes(32))));
  return pemEncode('PRIVATE KEY', Uint8Array.from(body));
}

// ------------------------------------------------------------------------------------------
// P-256

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const A = P - 3n;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;

type Point = readonly [bigint, bigint] | null;

const mod = (a: bigint, m: bigint = P): bigint => ((a % m) + m) % m;

function inverse(a: bigint, m: bigint = P): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function add(p: Point, q: Point): Point {
  if (p === null) return q;
  if (q === null) return p;
  const [x1, y1] = p;
  const [x2, y2] = q;
  let l: bigint;
  if (x1 === x2) {
    if (mod(y1 + y2) === 0n) return null;
    l = mod((3n * x1 * x1 + A) * inverse(2n * y1));
  } else {
    l = mod((y2 - y1) * inverse(x2 - x1));
  }
  const x3 = mod(l * l - x1 - x2);
  return [x3, mod(l * (x1 - x3) - y1)];
}

function multiply(k: bigint, p: Point): Point {
  let result: Point = null;
  let addend = p;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = add(addend, addend);
  }
  return result;
}

function bytes32(n: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; i < 32; i++) out.unshift(Number((n >> BigInt(8 * i)) & 0xffn));
  return out;
}

export interface EcKey {
  readonly d: bigint;
  readonly x: bigint;
  readonly y: bigint;
}

export function generateEcKey(): EcKey {
  let d = 0n;
  while (d === 0n || d >= N) d = [...randomBytes(32)].reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  return ecKeyFromScalar(d);
}

/** The key of scalar d (public point d·G). */
export function ecKeyFromScalar(d: bigint): EcKey {
  const pub = multiply(d, [GX, GY]);
  if (pub === null) throw new Error('ecdsa: invalid key');
  return { d, x: pub[0], y: pub[1] };
}

/** The uncompressed point 04 || X || Y. */
export const ecPoint = (k: EcKey): number[] => [0x04, ...bytes32(k.x), ...bytes32(k.y)];

export const P256_OID = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

/** x509.MarshalECPrivateKey in PEM (SEC 1, with the curve OID and public key). */
export function ecKeyPEM(k: EcKey): string {
  const curve = tlv(0x06, P256_OID);
  const body = seq(smallInt(1), octets(bytes32(k.d)), tlv(0xa0, curve), tlv(0xa1, tlv(0x03, [0x00, ...ecPoint(k)])));
  return pemEncode('EC PRIVATE KEY', Uint8Array.from(body));
}

/** x509.MarshalECPrivateKey of a fresh P-256 key. */
export function ecdsaPrivateKeyPEM(): string {
  return ecKeyPEM(generateEcKey());
}

/** An ECDSA P-256 signature (r, s) of a SHA-256 digest, with a random nonce. */
export function ecdsaSign(k: EcKey, digest: Uint8Array): [bigint, bigint] {
  const h = [...digest].reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  for (;;) {
    const nonce = generateEcKey();
    const r = mod(nonce.x, N);
    if (r === 0n) continue;
    const s = mod(inverse(nonce.d, N) * (h + r * k.d), N);
    if (s !== 0n) return [r, s];
  }
}

// ------------------------------------------------------------------------------------------
// RSA (PKCS #1)

const smallPrimes = once((): readonly bigint[] => {
  const out: number[] = [];
  for (let c = 3; out.length < 1500; c += 2) if (out.every((p) => c % p !== 0)) out.push(c);
  return out.map(BigInt);
});

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = base % m;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

function randomBig(bits: number): bigint {
  return [...randomBytes(bits / 8)].reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

/** Miller–Rabin with random bases after trial division. */
function isProbablePrime(n: bigint, rounds = 20): boolean {
  for (const p of smallPrimes()) if (n % p === 0n) return n === p;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const bits = n.toString(2).length;
  for (let i = 0; i < rounds; i++) {
    const a = 2n + (randomBig(Math.ceil(bits / 8) * 8) % (n - 3n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}

/** A random prime of exactly `bits` bits whose top two bits are set (so p·q has 2·bits bits). */
function randomPrime(bits: number, e: bigint): bigint {
  for (;;) {
    const p = randomBig(bits) | (3n << BigInt(bits - 2)) | 1n;
    if ((p - 1n) % e !== 0n && isProbablePrime(p)) return p;
  }
}

function derInt(n: bigint): number[] {
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const bytes = hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? [0];
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, bytes);
}

export interface RsaKey {
  readonly n: bigint;
  readonly e: bigint;
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
}

/** rsa.GenerateKey with e = 65537. */
export function generateRsaKey(bits: number): RsaKey {
  const e = 65537n;
  for (;;) {
    const p = randomPrime(bits / 2, e);
    const q = randomPrime(bits / 2, e);
    if (p === q) continue;
    return { n: p * q, e, d: inverse(e, (p - 1n) * (q - 1n)), p, q };
  }
}

/** x509.MarshalPKCS1PrivateKey in PEM. */
export function rsaKeyPEM(k: RsaKey): string {
  const body = seq(
    smallInt(0),
    derInt(k.n),
    derInt(k.e),
    derInt(k.d),
    derInt(k.p),
    derInt(k.q),
    derInt(k.d % (k.p - 1n)),
    derInt(k.d % (k.q - 1n)),
    derInt(inverse(k.q, k.p)),
  );
  return pemEncode('RSA PRIVATE KEY', Uint8Array.from(body));
}

/** A fresh RSA key of `bits` bits in PKCS #1 PEM. */
export function rsaPrivateKeyPEM(bits: number): string {
  return rsaKeyPEM(generateRsaKey(bits));
}
