/**
 * Private keys for Sprig's genPrivateKey in the PEM forms Go writes: "ecdsa" (P-256, SEC 1
 * `EC PRIVATE KEY`) and "ed25519" (PKCS #8 `PRIVATE KEY`). Keys are random, so only their shape can
 * be compared with helm's. RSA and DSA generation are not implemented (see crypto.ts).
 */
import { base64Encode } from './encoding.js';

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

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

function der(tag: number, content: readonly number[]): number[] {
  return [tag, ...derLength(content.length), ...content];
}

const seq = (...parts: number[][]): number[] => der(0x30, parts.flat());
const octets = (b: Uint8Array | readonly number[]): number[] => der(0x04, [...b]);
const smallInt = (n: number): number[] => der(0x02, [n]);

// ------------------------------------------------------------------------------------------
// ed25519: PKCS #8 holds only the 32-byte seed

/** x509.MarshalPKCS8PrivateKey of a fresh ed25519 key. */
export function ed25519PrivateKeyPEM(): string {
  const oid = der(0x06, [0x2b, 0x65, 0x70]); // 1.3.101.112
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

/** x509.MarshalECPrivateKey of a fresh P-256 key (SEC 1, with the curve OID and public key). */
export function ecdsaPrivateKeyPEM(): string {
  let d = 0n;
  while (d === 0n || d >= N) d = [...randomBytes(32)].reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  const pub = multiply(d, [GX, GY]);
  if (pub === null) throw new Error('ecdsa: invalid key');
  const curve = der(0x06, [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]); // prime256v1
  const point = [0x04, ...bytes32(pub[0]), ...bytes32(pub[1])];
  const body = seq(smallInt(1), octets(bytes32(d)), der(0xa0, curve), der(0xa1, der(0x03, [0x00, ...point])));
  return pemEncode('EC PRIVATE KEY', Uint8Array.from(body));
}
