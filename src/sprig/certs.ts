/**
 * X.509 certificates for Sprig's genCA, genSelfSignedCert and genSignedCert (RSA or P-256 keys,
 * SHA-256 signatures), in the PEM forms Go writes. Random (keys, serial numbers, dates), so only
 * the shape can be compared with helm's. Keys passed in by the *WithKey forms must be RSA
 * (`RSA PRIVATE KEY`) or P-256 (`EC PRIVATE KEY`); others are reported as not supported.
 */
import { base64Decode } from '../gotemplate/base64.js';
import { sha256 } from './hash.js';
import { P256_OID, ecKeyFromScalar, ecKeyPEM, ecPoint, ecdsaSign, generateRsaKey, pemEncode, rsaKeyPEM, seq, tlv, type EcKey, type RsaKey } from './keys.js';

// ------------------------------------------------------------------------------------------
// DER writing

const set = (...parts: number[][]): number[] => tlv(0x31, parts.flat());
const NULL = [0x05, 0x00];

function oid(dotted: string): number[] {
  const parts = dotted.split('.').map(Number);
  const out = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let x = p >> 7; x > 0; x >>= 7) chunk.unshift(0x80 | (x & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, out);
}

function bigBytes(n: bigint): number[] {
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? [0];
}
function integer(n: bigint): number[] {
  const b = bigBytes(n);
  if ((b[0] ?? 0) & 0x80) b.unshift(0);
  return tlv(0x02, b);
}
const bitString = (bytes: readonly number[]): number[] => tlv(0x03, [0, ...bytes]);
const octetString = (bytes: readonly number[]): number[] => tlv(0x04, [...bytes]);

function stringBytes(s: string): number[] {
  return [...new TextEncoder().encode(s)];
}

/** A Name with one CommonName (PrintableString when it fits, as Go does, else UTF8String). */
function name(cn: string): number[] {
  if (cn === '') return seq();
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(cn);
  return seq(set(seq(oid('2.5.4.3'), tlv(printable ? 0x13 : 0x0c, stringBytes(cn)))));
}

function time(ms: number): number[] {
  const d = new Date(ms);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const rest = p2(d.getUTCMonth() + 1) + p2(d.getUTCDate()) + p2(d.getUTCHours()) + p2(d.getUTCMinutes()) + p2(d.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, stringBytes(p2(y % 100) + rest));
  return tlv(0x18, stringBytes(String(y).padStart(4, '0') + rest));
}

/** A key that can be a certificate's subject key and sign certificates. */
export type CertKey = { readonly kind: 'rsa'; readonly key: RsaKey } | { readonly kind: 'ec'; readonly key: EcKey };

function publicKeyInfo(k: CertKey): number[] {
  if (k.kind === 'rsa') {
    return seq(seq(oid('1.2.840.113549.1.1.1'), NULL), bitString(seq(integer(k.key.n), integer(k.key.e))));
  }
  return seq(seq(oid('1.2.840.10045.2.1'), tlv(0x06, P256_OID)), bitString(ecPoint(k.key)));
}

function signatureAlgorithm(k: CertKey): number[] {
  return k.kind === 'rsa' ? seq(oid('1.2.840.113549.1.1.11'), NULL) : seq(oid('1.2.840.10045.4.3.2'));
}

function sign(k: CertKey, data: readonly number[]): number[] {
  if (k.kind === 'rsa') return rsaSign(k.key, data);
  const [r, s] = ecdsaSign(k.key, sha256(Uint8Array.from(data)));
  return seq(integer(r), integer(s));
}

export function keyPEM(k: CertKey): string {
  return k.kind === 'rsa' ? rsaKeyPEM(k.key) : ecKeyPEM(k.key);
}

function extension(id: string, critical: boolean, value: number[]): number[] {
  return seq(oid(id), ...(critical ? [[0x01, 0x01, 0xff]] : []), octetString(value));
}

// ------------------------------------------------------------------------------------------
// DER reading (just enough for our own certificates and PKCS #1 keys)

interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly content: Uint8Array;
  readonly end: number;
}

function readTlv(b: Uint8Array, at: number): Tlv {
  const tag = b[at] ?? 0;
  let len = b[at + 1] ?? 0;
  let off = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[off + i] ?? 0);
    off += n;
  }
  if (off + len > b.length) throw new Error('asn1: truncated');
  return { tag, start: at, content: b.subarray(off, off + len), end: off + len };
}

function children(b: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < b.length; ) {
    const t = readTlv(b, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

const toBig = (b: Uint8Array): bigint => [...b].reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);

/** The DER of the first PEM block of the given type, or null. */
export function pemDer(text: string, type: string): Uint8Array | null {
  const m = new RegExp(`-----BEGIN ${type}-----\\r?\\n([\\s\\S]*?)-----END ${type}-----`).exec(text);
  if (!m) return null;
  const body = (m[1] ?? '').replace(/[\s]/g, '');
  const der = base64Decode(new TextEncoder().encode(body));
  return der instanceof Uint8Array ? der : null;
}

/** An RSA key from PKCS #1 DER. */
export function parseRsaKey(der: Uint8Array): RsaKey {
  const fields = children(readTlv(der, 0).content).map((t) => toBig(t.content));
  const [, n, e, d] = fields;
  if (n === undefined || e === undefined || d === undefined) throw new Error('asn1: bad RSA key');
  return { n, e, d, p: fields[4] ?? 0n, q: fields[5] ?? 0n };
}

/** A P-256 key from SEC 1 DER (other curves: null). */
export function parseEcKey(der: Uint8Array): EcKey | null {
  const fields = children(readTlv(der, 0).content);
  const d = fields[1];
  const params = fields.find((f) => f.tag === 0xa0);
  if (!d || !params) return null;
  if ([...readTlv(params.content, 0).content].join(',') !== P256_OID.join(',')) return null;
  return ecKeyFromScalar(toBig(d.content));
}

/** The subject Name (DER) and subjectKeyId of a certificate. */
function certSubject(der: Uint8Array): { subject: number[]; keyId: number[] | null } {
  const tbs = children(readTlv(der, 0).content)[0];
  if (!tbs) throw new Error('x509: malformed certificate');
  const fields = children(tbs.content);
  const subjectTlv = fields[5];
  if (!subjectTlv) throw new Error('x509: malformed certificate');
  const subject = [...tbs.content.subarray(subjectTlv.start, subjectTlv.end)];
  let keyId: number[] | null = null;
  const ext = fields.find((f) => f.tag === 0xa3);
  if (ext) {
    for (const e of children(readTlv(ext.content, 0).content)) {
      const parts = children(e.content);
      const id = parts[0];
      const value = parts[parts.length - 1];
      if (id && value && [...id.content].join('.') === '85.29.14') keyId = [...readTlv(value.content, 0).content];
    }
  }
  return { subject, keyId };
}

// ------------------------------------------------------------------------------------------
// Signing and building

function rsaSign(key: RsaKey, data: readonly number[]): number[] {
  const digestInfo = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];
  const t = [...digestInfo, ...sha256(Uint8Array.from(data))];
  const k = Math.ceil(key.n.toString(16).length / 2);
  const em = [0x00, 0x01, ...new Array<number>(k - t.length - 3).fill(0xff), 0x00, ...t];
  let s = 1n;
  let b = toBig(Uint8Array.from(em)) % key.n;
  for (let e = key.d; e > 0n; e >>= 1n) {
    if (e & 1n) s = (s * b) % key.n;
    b = (b * b) % key.n;
  }
  const out = bigBytes(s);
  while (out.length < k) out.unshift(0);
  return out;
}

function randomSerial(): bigint {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return toBig(bytes);
}

function ipBytes(ip: string): number[] {
  if (!ip.includes(':')) return ip.split('.').map(Number);
  const [left = '', right = ''] = ip.split('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  let l = groups(left);
  let r = ip.includes('::') ? groups(right) : [];
  // An embedded IPv4 tail.
  const last = ip.split(':').pop() ?? '';
  if (last.includes('.')) {
    const v4 = last.split('.').map(Number);
    const tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    if (ip.includes('::') && right !== '') r = [...r.slice(0, -1), ...tail];
    else l = [...l.slice(0, -1), ...tail];
  }
  const all = [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

export interface CertOptions {
  readonly cn: string;
  readonly ips: readonly string[];
  readonly dns: readonly string[];
  readonly daysValid: number;
  readonly isCA: boolean;
}

/** x509.CreateCertificate + pem.Encode, as Sprig's getCertAndKey calls it. */
export function createCertificate(
  opts: CertOptions,
  subjectKey: CertKey,
  issuer: { certDer: Uint8Array; key: CertKey } | null,
): { cert: string; key: string } {
  const now = Date.now();
  const spki = publicKeyInfo(subjectKey);
  const skid = [...sha256(Uint8Array.from(spki))].slice(0, 20);
  const issuerInfo = issuer ? certSubject(issuer.certDer) : null;
  const keyUsage = opts.isCA ? [0x03, 0x02, 0x02, 0xa4] : [0x03, 0x02, 0x05, 0xa0];
  const exts: number[][] = [
    extension('2.5.29.15', true, keyUsage),
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.19', true, opts.isCA ? seq([0x01, 0x01, 0xff]) : seq()),
  ];
  if (opts.isCA) exts.push(extension('2.5.29.14', false, octetString(skid)));
  const akid = issuerInfo ? issuerInfo.keyId : opts.isCA ? skid : null;
  if (akid && !opts.isCA) exts.push(extension('2.5.29.35', false, seq(tlv(0x80, akid))));
  if (opts.ips.length > 0 || opts.dns.length > 0) {
    const names = [...opts.dns.map((d) => tlv(0x82, stringBytes(d))), ...opts.ips.map((ip) => tlv(0x87, ipBytes(ip)))];
    exts.push(extension('2.5.29.17', false, seq(...names)));
  }
  const signer = issuer ? issuer.key : subjectKey;
  const sigAlg = signatureAlgorithm(signer);
  const subject = name(opts.cn);
  const tbs = seq(
    tlv(0xa0, integer(2n)),
    integer(randomSerial()),
    sigAlg,
    issuerInfo ? issuerInfo.subject : subject,
    seq(time(now), time(now + opts.daysValid * 86_400_000)),
    subject,
    spki,
    tlv(0xa3, seq(...exts)),
  );
  const cert = seq(tbs, sigAlg, bitString(sign(signer, tbs)));
  return { cert: pemEncode('CERTIFICATE', Uint8Array.from(cert)), key: keyPEM(subjectKey) };
}

export { generateRsaKey };
