/**
 * Sprig's crypto functions (v3.3.0 signatures). Exact and pure: sha1sum sha256sum sha512sum
 * adler32sum derivePassword encryptAES decryptAES (and htpasswd's username check). bcrypt comes
 * from bcrypt.ts, RSA, ecdsa and ed25519 keys from keys.ts. DSA key generation and certificates
 * (genCA, gen*Cert*, buildCustomCert past its argument checks) are not implemented: after the
 * checks Go makes before using randomness, those fail with a GoError naming the function. Their
 * output is random in helm too, so no chart can depend on its bytes.
 */
import { utf8Decode, utf8Encode } from '../gotemplate/bytes.js';
import { GoError } from '../gotemplate/errors.js';
import type { GoFuncSpec, GoInt, GoValue } from '../gotemplate/value.js';
import { cbcDecrypt, cbcEncrypt } from './aes.js';
import { bcryptHash } from './bcrypt.js';
import { base64Decode, base64Encode } from '../gotemplate/base64.js';
import { adler32, hex, hmacSha256, scrypt, sha1, sha256, sha512 } from './hash.js';
import { formatValue } from '../gotemplate/fmt.js';
import { ecdsaPrivateKeyPEM, ed25519PrivateKeyPEM, generateRsaKey, rsaPrivateKeyPEM } from './keys.js';
import { createCertificate, parseEcKey, parseRsaKey, pemDer, type CertKey } from './certs.js';
import { GoStruct } from '../gotemplate/value.js';

const bytesOf = (v: GoValue): Uint8Array => utf8Encode(v as string);

function unsupported(name: string): never {
  throw new GoError(`${name} is not supported by istio-installer's engine`);
}

// ------------------------------------------------------------------------------------------
// derivePassword (the Master Password algorithm, as Sprig implements it)

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';

const PASSWORD_TEMPLATES = new Map<string, readonly string[]>([
  ['maximum', ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno']],
  [
    'long',
    [
      'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno',
      'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno',
      'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno',
      'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
    ],
  ],
  ['medium', ['CvcnoCvc', 'CvcCvcno']],
  ['short', ['Cvcn']],
  ['basic', ['aaanaaan', 'aannaaan', 'aaannaaa']],
  ['pin', ['nnnn']],
]);

const TEMPLATE_CHARACTERS = new Map<string, string>([
  ['V', 'AEIOU'],
  ['C', 'BCDFGHJKLMNPQRSTVWXYZ'],
  ['v', 'aeiou'],
  ['c', 'bcdfghjklmnpqrstvwxyz'],
  ['A', 'AEIOUBCDFGHJKLMNPQRSTVWXYZ'],
  ['a', 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz'],
  ['n', '0123456789'],
  ['o', "@&%?,=[]_:-+*$#!'^~;()/."],
  ['x', 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()'],
]);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function uint32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0);
  return out;
}

export function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES.get(passwordType);
  if (!templates) return `cannot find password template ${passwordType}`;
  const seed = utf8Encode(MASTER_PASSWORD_SEED);
  const userBytes = utf8Encode(user);
  const siteBytes = utf8Encode(site);
  const salt = concat(seed, uint32be(userBytes.length), userBytes);
  const key = scrypt(utf8Encode(password), salt, 32768, 8, 2, 64);
  const mac = hmacSha256(key, concat(seed, uint32be(siteBytes.length), siteBytes, uint32be(counter)));
  const template = templates[(mac[0] ?? 0) % templates.length] ?? '';
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARACTERS.get(template[i] ?? '') ?? '';
    out += chars[(mac[i + 1] ?? 0) % chars.length];
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// AES-256-CBC as Sprig uses it

function aesKey(password: string): Uint8Array {
  const key = new Uint8Array(32);
  key.set(utf8Encode(password).subarray(0, 32));
  return key;
}

export function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const content = utf8Encode(plaintext);
  const padding = 16 - (content.length % 16);
  const padded = new Uint8Array(content.length + padding).fill(padding);
  padded.set(content);
  const iv = new Uint8Array(16);
  globalThis.crypto.getRandomValues(iv);
  return base64Encode(concat(iv, cbcEncrypt(aesKey(password), iv, padded)));
}

export function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const src = utf8Encode(crypt64);
  const decoded = base64Decode(src);
  if (!(decoded instanceof Uint8Array)) {
    throw new GoError(decoded.message());
  }
  // Go slices the decode buffer, whose capacity is DecodedLen of the input.
  const capacity = Math.floor(src.length / 4) * 3;
  if (decoded.length < 16) {
    throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${capacity}`);
  }
  const plain = cbcDecrypt(aesKey(password), decoded.subarray(0, 16), decoded.subarray(16));
  if (plain.length === 0) throw new Error('runtime error: index out of range [-1]');
  const end = plain.length - (plain[plain.length - 1] ?? 0);
  if (end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  return utf8Decode(plain.subarray(0, end));
}

// ------------------------------------------------------------------------------------------

const S = 'string';
const ANY_LIST = '[]interface {}';
const CERT = 'sprig.certificate';

const hashFn = (name: string, digest: (b: Uint8Array) => Uint8Array): GoFuncSpec => ({
  name,
  params: [S],
  results: [S],
  fn: (s) => hex(digest(bytesOf(s))),
});

// ------------------------------------------------------------------------------------------
// Certificates: the deterministic checks Sprig makes before (or without) randomness

/** encoding/pem.Decode, reduced to finding the first well-formed block: its type, or null. */
function pemBlockType(text: string): string | null {
  const re = /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t]*\r?\n([\s\S]*?)(?:^|\n)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = (m[2] ?? '')
      .split(/\r?\n/)
      .filter((line) => !/^[^:\s]+:/.test(line))
      .join('')
      .replace(/[ \t\r]/g, '');
    if (body.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(body)) return m[1] ?? '';
  }
  return null;
}

/** parsePrivateKeyPEM's checks that need no key parsing (wrapped as the callers wrap them). */
function checkPrivateKeyPEM(name: string, pemText: string): never {
  const type = pemBlockType(pemText);
  if (type === null) throw new GoError('parsing private key: no PEM data in input');
  if (type !== 'PRIVATE KEY' && !type.endsWith(' PRIVATE KEY')) {
    throw new GoError(`parsing private key: no private key data in PEM block of type ${type}`);
  }
  return unsupported(name);
}

/** net.ParseIP. */
function isIP(s: string): boolean {
  const v4 = (x: string): boolean => {
    const parts = x.split('.');
    return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
  };
  if (v4(s)) return true;
  if (!s.includes(':')) return false;
  let rest = s;
  const last = rest.lastIndexOf(':');
  if (rest.slice(last + 1).includes('.')) {
    if (!v4(rest.slice(last + 1))) return false;
    rest = rest.slice(0, last + 1) + '0:0';
  }
  const halves = rest.split('::');
  if (halves.length > 2) return false;
  const group = (g: string): boolean => /^[0-9a-fA-F]{1,4}$/.test(g);
  const parse = (h: string): string[] | null => (h === '' ? [] : h.split(':').every(group) ? h.split(':') : null);
  const left = parse(halves[0] ?? '');
  const right = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!left || !right) return false;
  const count = left.length + right.length;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** getBaseCertTemplate's checks of the IP and DNS lists. */
function checkSANs(ips: GoValue, dns: GoValue): void {
  for (const ip of Array.isArray(ips) ? ips : []) {
    if (typeof ip !== 'string') throw new GoError(`error parsing ip: ${formatValue(ip)} is not a string`);
    if (!isIP(ip)) throw new GoError(`error parsing ip: ${ip}`);
  }
  for (const name of Array.isArray(dns) ? dns : []) {
    if (typeof name !== 'string') {
      throw new GoError(`error processing alternate dns name: ${formatValue(name)} is not a string`);
    }
  }
}

const certFn = (name: string, params: readonly string[], make: (args: readonly GoValue[]) => GoValue): GoFuncSpec => ({
  name,
  params,
  results: [CERT],
  returnsError: true,
  fn: (...args) => make(args),
});

const CERT_TYPE = { name: CERT, kind: 'struct' } as const;

/** Sprig's certificate struct {Cert, Key string}. */
function certificate(c: { cert: string; key: string }): GoStruct {
  return new GoStruct(CERT_TYPE, new Map<string, GoValue>([['Cert', c.cert], ['Key', c.key]]));
}

function opts(cn: GoValue, ips: GoValue, dns: GoValue, days: GoValue, isCA: boolean): Parameters<typeof createCertificate>[0] {
  const strings = (v: GoValue): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { cn: cn as string, ips: strings(ips), dns: strings(dns), daysValid: Number((days as GoInt).value), isCA };
}

/** parsePrivateKeyPEM of a PEM key string, for the key types this engine signs with. */
function parseKey(pemText: string): CertKey | null {
  const type = pemBlockType(pemText);
  const der = type === 'RSA PRIVATE KEY' || type === 'EC PRIVATE KEY' ? pemDer(pemText, type) : null;
  if (!der) return null;
  try {
    if (type === 'RSA PRIVATE KEY') return { kind: 'rsa', key: parseRsaKey(der) };
    const ec = parseEcKey(der);
    return ec ? { kind: 'ec', key: ec } : null;
  } catch {
    return null;
  }
}

/** The *WithKey forms' key argument: Go's wrapped errors, or not supported for other key types. */
function privateKey(name: string, pemText: string): CertKey {
  const type = pemBlockType(pemText);
  if (type === null || (type !== 'PRIVATE KEY' && !type.endsWith(' PRIVATE KEY'))) checkPrivateKeyPEM(name, pemText);
  return parseKey(pemText) ?? unsupported(name);
}

/** generateSignedCertificateWithKeyInternal: the CA's certificate and key, then the leaf. */
function signed(name: string, a: readonly GoValue[], key: CertKey): GoValue {
  const ca = a[4];
  const caCert = ca instanceof GoStruct ? ca.fields.get('Cert') : null;
  const caKey = ca instanceof GoStruct ? ca.fields.get('Key') : null;
  const certDer = typeof caCert === 'string' && pemBlockType(caCert) !== null ? pemDer(caCert, 'CERTIFICATE') : null;
  if (typeof caCert !== 'string' || pemBlockType(caCert) === null) throw new GoError('unable to decode certificate');
  if (!certDer) return unsupported(name);
  const keyText = typeof caKey === 'string' ? caKey : '';
  const keyType = pemBlockType(keyText);
  if (keyType === null) throw new GoError('error parsing private key: no PEM data in input');
  if (keyType !== 'PRIVATE KEY' && !keyType.endsWith(' PRIVATE KEY')) {
    throw new GoError(`error parsing private key: no private key data in PEM block of type ${keyType}`);
  }
  const signer = parseKey(keyText);
  if (!signer) return unsupported(name);
  checkSANs(a[1] ?? null, a[2] ?? null);
  try {
    return certificate(createCertificate(opts(a[0], a[1], a[2], a[3], false), key, { certDer, key: signer }));
  } catch (e) {
    if (e instanceof GoError) throw e;
    return unsupported(name);
  }
}

export const cryptoFuncs: readonly GoFuncSpec[] = [
  hashFn('sha1sum', sha1),
  hashFn('sha256sum', sha256),
  hashFn('sha512sum', sha512),
  { name: 'adler32sum', params: [S], results: [S], fn: (s) => String(adler32(bytesOf(s))) },
  { name: 'bcrypt', params: [S], results: [S], fn: (s) => bcryptHash(bytesOf(s)) },
  {
    name: 'htpasswd',
    params: [S, S],
    results: [S],
    fn: (user, password) =>
      (user as string).includes(':') ? `invalid username: ${user as string}` : `${user as string}:${bcryptHash(bytesOf(password))}`,
  },
  {
    name: 'genPrivateKey',
    params: [S],
    results: [S],
    fn: (typ) => {
      if (typ === 'ecdsa') return ecdsaPrivateKeyPEM();
      if (typ === 'ed25519') return ed25519PrivateKeyPEM();
      if (typ === '' || typ === 'rsa') return rsaPrivateKeyPEM(4096);
      if (typ !== 'dsa') return 'Unknown type ' + (typ as string);
      return unsupported('genPrivateKey');
    },
  },
  {
    name: 'derivePassword',
    params: ['uint32', S, S, S, S],
    results: [S],
    fn: (counter, type, password, user, site) =>
      derivePassword(
        Number(BigInt.asUintN(32, (counter as GoInt).value)),
        type as string,
        password as string,
        user as string,
        site as string,
      ),
  },
  {
    name: 'buildCustomCert',
    params: [S, S],
    results: [CERT],
    returnsError: true,
    fn: (cert, key) => {
      if (!(base64Decode(bytesOf(cert)) instanceof Uint8Array)) throw new GoError('unable to decode base64 certificate');
      const decoded = base64Decode(bytesOf(key));
      if (!(decoded instanceof Uint8Array)) throw new GoError('unable to decode base64 private key');
      const certPem = base64Decode(bytesOf(cert));
      const certText = certPem instanceof Uint8Array ? utf8Decode(certPem) : '';
      if (pemBlockType(certText) === null) throw new GoError('unable to decode certificate');
      const keyText = utf8Decode(decoded);
      const keyType = pemBlockType(keyText);
      if (keyType === null) throw new GoError('error parsing private key: no PEM data in input');
      if (keyType !== 'PRIVATE KEY' && !keyType.endsWith(' PRIVATE KEY')) {
        throw new GoError(`error parsing private key: no private key data in PEM block of type ${keyType}`);
      }
      // Certificates and keys are not parsed further: accepted as Go would accept well-formed ones.
      if (pemDer(certText, 'CERTIFICATE') === null) return unsupported('buildCustomCert');
      return certificate({ cert: certText, key: keyText });
    },
  },
  certFn('genCA', [S, 'int'], (a) => certificate(createCertificate(opts(a[0], [], [], a[1], true), { kind: 'rsa', key: generateRsaKey(2048) }, null))),
  certFn('genCAWithKey', [S, 'int', S], (a) =>
    certificate(createCertificate(opts(a[0], [], [], a[1], true), privateKey('genCAWithKey', a[2] as string), null)),
  ),
  certFn('genSelfSignedCert', [S, ANY_LIST, ANY_LIST, 'int'], (a) => {
    checkSANs(a[1] ?? null, a[2] ?? null);
    return certificate(createCertificate(opts(a[0], a[1], a[2], a[3], false), { kind: 'rsa', key: generateRsaKey(2048) }, null));
  }),
  certFn('genSelfSignedCertWithKey', [S, ANY_LIST, ANY_LIST, 'int', S], (a) => {
    const key = privateKey('genSelfSignedCertWithKey', a[4] as string);
    checkSANs(a[1] ?? null, a[2] ?? null);
    return certificate(createCertificate(opts(a[0], a[1], a[2], a[3], false), key, null));
  }),
  certFn('genSignedCert', [S, ANY_LIST, ANY_LIST, 'int', CERT], (a) => {
    const key: CertKey = { kind: 'rsa', key: generateRsaKey(2048) };
    return signed('genSignedCert', a, key);
  }),
  certFn('genSignedCertWithKey', [S, ANY_LIST, ANY_LIST, 'int', CERT, S], (a) => {
    const key = privateKey('genSignedCertWithKey', a[5] as string);
    return signed('genSignedCertWithKey', a, key);
  }),
  {
    name: 'encryptAES',
    params: [S, S],
    results: [S],
    returnsError: true,
    fn: (password, plaintext) => encryptAES(password as string, plaintext as string),
  },
  {
    name: 'decryptAES',
    params: [S, S],
    results: [S],
    returnsError: true,
    fn: (password, crypt64) => decryptAES(password as string, crypt64 as string),
  },
];
