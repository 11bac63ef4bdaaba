/**
 * bcrypt ($2a$, cost 10, random salt) as golang.org/x/crypto/bcrypt.GenerateFromPassword makes
 * it for Sprig's `bcrypt` and `htpasswd`. Blowfish's initial P-array and S-boxes are the
 * hexadecimal digits of pi; they are computed (Machin's formula, BigInt) on first use instead of
 * being tabled. Output is random by design; only its shape can be compared with helm's.
 */

const WORDS = 18 + 4 * 256;

let piWords: Uint32Array | null = null;

/** The first `WORDS` 32-bit words of pi's fractional part. */
function blowfishInit(): Uint32Array {
  if (piWords) return piWords;
  const bits = BigInt(WORDS * 32 + 64);
  const one = 1n << bits;
  // atan(1/x) in fixed point.
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += ((k >> 1n) & 1n) === 0n ? term / k : -(term / k);
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  // Drop the integer part (3) and the guard bits.
  const frac = (pi - (3n << bits)) >> 64n;
  const words = new Uint32Array(WORDS);
  for (let i = 0; i < WORDS; i++) words[i] = Number((frac >> BigInt((WORDS - 1 - i) * 32)) & 0xffffffffn);
  piWords = words;
  return words;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;
  constructor() {
    const init = blowfishInit();
    this.p = init.slice(0, 18);
    this.s = init.slice(18);
  }

  private f(x: number): number {
    const s = this.s;
    return ((((s[x >>> 24] ?? 0) + (s[256 + ((x >>> 16) & 0xff)] ?? 0)) ^ (s[512 + ((x >>> 8) & 0xff)] ?? 0)) +
      (s[768 + (x & 0xff)] ?? 0)) >>> 0;
  }

  encrypt(l: number, r: number): [number, number] {
    const p = this.p;
    l = (l ^ (p[0] ?? 0)) >>> 0;
    for (let i = 1; i <= 16; i += 2) {
      r = (r ^ this.f(l) ^ (p[i] ?? 0)) >>> 0;
      l = (l ^ this.f(r) ^ (p[i + 1] ?? 0)) >>> 0;
    }
    r = (r ^ (p[17] ?? 0)) >>> 0;
    return [r, l];
  }

  /** Blowfish key schedule, optionally salted (EksBlowfish's ExpandKey). */
  expand(key: Uint8Array, salt: Uint8Array | null): void {
    let kj = 0;
    const nextWord = (data: Uint8Array, j: number): [number, number] => {
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = ((w << 8) | (data[j] ?? 0)) >>> 0;
        j = (j + 1) % data.length;
      }
      return [w, j];
    };
    for (let i = 0; i < 18; i++) {
      const [w, j] = nextWord(key, kj);
      kj = j;
      this.p[i] = ((this.p[i] ?? 0) ^ w) >>> 0;
    }
    let sj = 0;
    let l = 0;
    let r = 0;
    const step = (): void => {
      if (salt) {
        let w: number;
        [w, sj] = nextWord(salt, sj);
        l = (l ^ w) >>> 0;
        [w, sj] = nextWord(salt, sj);
        r = (r ^ w) >>> 0;
      }
      [l, r] = this.encrypt(l, r);
    };
    for (let i = 0; i < 18; i += 2) {
      step();
      this.p[i] = l;
      this.p[i + 1] = r;
    }
    for (let i = 0; i < 1024; i += 2) {
      step();
      this.s[i] = l;
      this.s[i + 1] = r;
    }
  }
}

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's base64 (its own alphabet, no padding). */
function encode64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

const MAGIC = new TextEncoder().encode('OrpheanBeholderScryDoubt');

/** bcrypt of password with the given salt (16 bytes) and cost. */
export function bcryptWithSalt(password: Uint8Array, salt: Uint8Array, cost: number): string {
  // $2a$: the key is the password plus a NUL byte, at most 72 bytes.
  const key = new Uint8Array(Math.min(password.length + 1, 72));
  key.set(password.subarray(0, key.length));
  const bf = new Blowfish();
  bf.expand(key, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    bf.expand(key, null);
    bf.expand(salt, null);
  }
  const view = new DataView(MAGIC.buffer.slice(0));
  const words = [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(i * 4));
  for (let n = 0; n < 64; n++) {
    for (let j = 0; j < 6; j += 2) [words[j], words[j + 1]] = bf.encrypt(words[j] ?? 0, words[j + 1] ?? 0);
  }
  const out = new Uint8Array(24);
  const ov = new DataView(out.buffer);
  words.forEach((w, i) => ov.setUint32(i * 4, w));
  return `$2a$${String(cost).padStart(2, '0')}$${encode64(salt)}${encode64(out.subarray(0, 23))}`;
}

/** Sprig's bcrypt: GenerateFromPassword with the default cost 10 and a random salt. */
export function bcryptHash(password: Uint8Array): string {
  if (password.length > 72) return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  const salt = new Uint8Array(16);
  globalThis.crypto.getRandomValues(salt);
  return bcryptWithSalt(password, salt, 10);
}
