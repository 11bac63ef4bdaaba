import { describe, expect, it } from 'vitest';
import { GoError } from '../../src/gotemplate/errors.js';
import { GoInt, GoStruct, goTypeName, int, type GoValue } from '../../src/gotemplate/value.js';
import { bcryptWithSalt } from '../../src/sprig/bcrypt.js';
import { cryptoFuncs } from '../../src/sprig/crypto.js';
import { caller } from './call.js';

const call = caller(cryptoFuncs);
const failure = (f: () => unknown): { kind: string; message: string } => {
  try {
    f();
  } catch (e) {
    return { kind: e instanceof GoError ? 'error' : 'panic', message: (e as Error).message };
  }
  return { kind: 'none', message: '' };
};
const u32 = (n: number): GoValue => new GoInt('uint32', BigInt(n));

// Expected values measured with helm 3.17.3 and helm 4.1.4 (identical).
describe('digests', () => {
  it('hex digests of the UTF-8 bytes', () => {
    expect(call('sha1sum', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('sha256sum', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(call('sha512sum', 'abc')).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect(call('sha256sum', 'héllo')).toBe('3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179');
  });
  it('adler32sum is decimal', () => {
    expect(call('adler32sum', 'abc')).toBe('38600999');
    expect(call('adler32sum', '')).toBe('1');
    expect(call('adler32sum', 'héllo wörld, a longer string to exercise adler')).toBe('3919647516');
  });
});

describe('derivePassword', () => {
  it.each([
    [1, 'long', 'password', 'user', 'example.com', 'ZedaFaxcZaso9*'],
    [1, 'maximum', 'password', 'user', 'example.com', 'pf4zS1LjCg&LjhsZ7T2~'],
    [3, 'pin', 'p', 'u', 's', '3444'],
    [1, 'nope', 'p', 'u', 's', 'cannot find password template nope'],
    [1, 'medium', '', '', '', 'Yav8+Wih'],
    [0, 'basic', 'pass', 'üser', 'site', 'eSl61TLa'],
    [4294967295, 'short', 'x', 'y', 'z', 'Tur2'],
    [0, 'short', 'x', 'y', 'z', 'Sic4'],
  ])('%s %s → %s', (counter, type, password, user, site, want) => {
    expect(call('derivePassword', u32(counter), type, password, user, site)).toBe(want);
  });
});

describe('bcrypt and htpasswd', () => {
  it('matches x/crypto/bcrypt for the salts helm drew', () => {
    const salt = (s: string): Uint8Array => {
      const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      const out: number[] = [];
      let acc = 0;
      let bits = 0;
      for (const c of s) {
        acc = (acc << 6) | alphabet.indexOf(c);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.push((acc >> bits) & 0xff);
        }
      }
      return Uint8Array.from(out.slice(0, 16));
    };
    const enc = new TextEncoder();
    for (const [pw, hash] of [
      ['password', '$2a$10$ztWkdjwWMpBnV1GQdstjd.B7N3VVsL06scTSN8C2mxtGuJAQd3Xqi'],
      ['', '$2a$10$sU/hXnVFnr612CZX5g3ObObpMfB3GMoj9h8twXYU2OxTHtCgy3YdW'],
      ['héllo wörld', '$2a$10$LjDvI.b4RQGGNHs1KzrYSelK2PkKtMvMnTeD434Qh0V23Fn68PblC'],
    ] as const) {
      expect(bcryptWithSalt(enc.encode(pw), salt(hash.slice(7, 29)), 10)).toBe(hash);
    }
  });
  it('has the $2a$10$ shape and refuses more than 72 bytes', () => {
    const h = call('bcrypt', 'x') as string;
    expect(h).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(call('bcrypt', 'a'.repeat(73))).toBe('failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes');
  });
  it('htpasswd', () => {
    expect(call('htpasswd', 'us:er', 'pass')).toBe('invalid username: us:er');
    expect(call('htpasswd', 'user', 'pass')).toMatch(/^user:\$2a\$10\$.{53}$/);
    expect(call('htpasswd', 'user', 'a'.repeat(80))).toBe(
      'user:failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes',
    );
  });
});

describe('AES', () => {
  it('round-trips and has Go shapes', () => {
    expect(call('decryptAES', 'secretkey', call('encryptAES', 'secretkey', 'plaintext'))).toBe('plaintext');
    expect(call('encryptAES', 'k', '')).toBe('');
    expect(call('decryptAES', 'k', '')).toBe('');
    expect((call('encryptAES', 'k', 'hello') as string).length).toBe(44);
  });
  it('fails like Go on bad input', () => {
    expect(failure(() => call('decryptAES', 'secretkey', 'bad base64!'))).toEqual({
      kind: 'error',
      message: 'illegal base64 data at input byte 3',
    });
    expect(failure(() => call('decryptAES', 'k', 'AAAA'))).toEqual({
      kind: 'panic',
      message: 'runtime error: slice bounds out of range [:16] with capacity 3',
    });
    expect(failure(() => call('decryptAES', 'k', 'AAAAAAAAAAAAAAAAAAAA')).message).toBe(
      'runtime error: slice bounds out of range [:16] with capacity 15',
    );
    expect(failure(() => call('decryptAES', 'k', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).message).toBe(
      'crypto/cipher: input not full blocks',
    );
    expect(failure(() => call('decryptAES', 'k', 'AAAAAAAAAAAAAAAAAAAAAA==')).message).toBe(
      'runtime error: index out of range [-1]',
    );
  });
  it('decrypts with the exact AES-256 key (the padding byte decides the slice bound)', () => {
    const zeros = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    expect(failure(() => call('decryptAES', 'k', zeros)).message).toBe('runtime error: slice bounds out of range [:-19]');
    expect(failure(() => call('decryptAES', '0123456789abcdef0123456789abcdefXYZ', zeros)).message).toBe(
      'runtime error: slice bounds out of range [:-20]',
    );
  });
});

describe('key and certificate generation', () => {
  it('genPrivateKey of an unknown type is deterministic', () => {
    expect(call('genPrivateKey', 'nope')).toBe('Unknown type nope');
  });
  it('ecdsa and ed25519 keys have the PEM shapes Go writes (lengths measured: 227 and 119)', () => {
    const ec = call('genPrivateKey', 'ecdsa') as string;
    expect(ec).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n[A-Za-z0-9+/\n]+=*\n-----END EC PRIVATE KEY-----\n$/);
    expect(ec.length).toBe(227);
    const ed = call('genPrivateKey', 'ed25519') as string;
    expect(ed).toMatch(/^-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI[A-Za-z0-9+/]{43}\n-----END PRIVATE KEY-----\n$/);
    expect(ed.length).toBe(119);
    expect(call('genPrivateKey', 'ecdsa')).not.toBe(ec);
  });
  it('rsa keys are 4096-bit PKCS #1 (helm: length 3243)', { timeout: 120_000 }, () => {
    const rsa = call('genPrivateKey', 'rsa') as string;
    expect(rsa.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect(rsa.endsWith('-----END RSA PRIVATE KEY-----\n')).toBe(true);
    expect(rsa.length).toBeGreaterThan(3230);
    expect(rsa.length).toBeLessThan(3260);
  });
  it('genCA, genSignedCert, genSelfSignedCert, genCAWithKey and buildCustomCert give RSA certificates', { timeout: 120_000 }, () => {
    const ca = call('genCA', 'my-ca', int(365)) as GoStruct;
    expect(goTypeName(ca)).toBe('sprig.certificate');
    const caCert = ca.fields.get('Cert') as string;
    const caKey = ca.fields.get('Key') as string;
    expect(caCert).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(caKey.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    const leaf = call('genSignedCert', 'leaf', ['10.0.0.1'], ['a.example'], int(10), ca) as GoStruct;
    expect((leaf.fields.get('Cert') as string).endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    const self = call('genSelfSignedCert', 'foo.com', ['10.0.0.1'], ['bar.com'], int(30)) as GoStruct;
    expect((self.fields.get('Cert') as string).startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
    expect((call('genCAWithKey', 'ca', int(1), caKey) as GoStruct).fields.get('Key')).toBe(caKey);
    const b64 = (s: string): string => btoa(s);
    const built = call('buildCustomCert', b64(caCert), b64(caKey)) as GoStruct;
    expect(built.fields.get('Cert')).toBe(caCert);
    expect(built.fields.get('Key')).toBe(caKey);
  });
  it('the *WithKey forms keep an ecdsa key as given', { timeout: 60_000 }, () => {
    const ec = call('genPrivateKey', 'ecdsa') as string;
    const ca = call('genCAWithKey', 'ca', int(1), ec) as GoStruct;
    expect(ca.fields.get('Key')).toBe(ec);
    const leafKey = call('genPrivateKey', 'ecdsa') as string;
    expect((call('genSignedCertWithKey', 'l', null, null, int(1), ca, leafKey) as GoStruct).fields.get('Key')).toBe(leafKey);
    expect((call('genSelfSignedCertWithKey', 'x', null, null, int(1), leafKey) as GoStruct).fields.get('Key')).toBe(leafKey);
  });
  it('ed25519 keys are not supported for signing', () => {
    const ed = call('genPrivateKey', 'ed25519') as string;
    expect(failure(() => call('genCAWithKey', 'ca', int(1), ed)).message).toBe(
      "genCAWithKey is not supported by istio-installer's engine",
    );
    expect(failure(() => call('genPrivateKey', 'dsa')).message).toBe(
      "genPrivateKey is not supported by istio-installer's engine",
    );
  });
  it('buildCustomCert checks base64 first', () => {
    expect(failure(() => call('buildCustomCert', 'bad', 'bad'))).toEqual({
      kind: 'error',
      message: 'unable to decode base64 certificate',
    });
  });
});

describe('certificate functions: deterministic checks before key generation', () => {
  const msg = (name: string, ...args: GoValue[]): string => failure(() => call(name, ...args)).message;
  it('IP and DNS lists', { timeout: 60_000 }, () => {
    expect(msg('genSelfSignedCert', 'x', ['not-an-ip'], null, int(1))).toBe('error parsing ip: not-an-ip');
    expect(msg('genSelfSignedCert', 'x', [int(1)], null, int(1))).toBe('error parsing ip: 1 is not a string');
    expect(msg('genSelfSignedCert', 'x', ['1.2.3.4', '::1', 'fe80::1%eth0'], null, int(1))).toBe('error parsing ip: fe80::1%eth0');
    expect(msg('genSelfSignedCert', 'x', ['01.2.3.4'], null, int(1))).toBe('error parsing ip: 01.2.3.4');
    expect(msg('genSelfSignedCert', 'x', null, [2.5], int(1))).toBe('error processing alternate dns name: 2.5 is not a string');
    expect(goTypeName(call('genSelfSignedCert', 'x', ['::ffff:1.2.3.4', '1:2:3:4:5:6:7::'], null, int(1)))).toBe('sprig.certificate');
  });
  it('PEM checks of the *WithKey forms and buildCustomCert', () => {
    expect(msg('genCAWithKey', 'ca', int(1), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toBe(
      'parsing private key: no private key data in PEM block of type CERTIFICATE',
    );
    expect(msg('genCAWithKey', 'ca', int(1), 'not a key')).toBe('parsing private key: no PEM data in input');
    expect(msg('genSelfSignedCertWithKey', 'x', ['bad'], null, int(1), 'nokey')).toBe('parsing private key: no PEM data in input');
    expect(msg('buildCustomCert', 'bm90IGEgY2VydA==', 'bm90IGEga2V5')).toBe('unable to decode certificate');
  });
});
