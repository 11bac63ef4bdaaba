import { describe, expect, it } from 'vitest';
import { GoInt, goTypeName, int } from '../../src/gotemplate/value.js';
import { networkFuncs } from '../../src/sprig/network.js';
import { randomFuncs } from '../../src/sprig/random.js';
import { caller, panicOf } from './call.js';

const call = caller(randomFuncs);

// Shapes measured with helm 3.17.3 and helm 4.1.4.
describe('random strings', () => {
  it('have the requested length and alphabet', () => {
    expect(call('randAlphaNum', int(50))).toMatch(/^[A-Za-z0-9]{50}$/);
    expect(call('randAlpha', int(50))).toMatch(/^[A-Za-z]{50}$/);
    expect(call('randNumeric', int(50))).toMatch(/^[0-9]{50}$/);
    expect(call('randAscii', int(200))).toMatch(/^[\x20-\x7e]{200}$/);
  });
  it('zero or negative counts give ""', () => {
    expect(call('randAlpha', int(0))).toBe('');
    expect(call('randAlpha', int(-1))).toBe('');
  });
  it('differ between calls', () => {
    expect(call('randAlphaNum', int(32))).not.toBe(call('randAlphaNum', int(32)));
  });
});

describe('randInt', () => {
  it('is an int in [min, max)', () => {
    expect(goTypeName(call('randInt', int(1), int(5)))).toBe('int');
    expect((call('randInt', int(1), int(2)) as GoInt).value).toBe(1n);
    for (let i = 0; i < 50; i++) {
      const v = (call('randInt', int(-3), int(3)) as GoInt).value;
      expect(v >= -3n && v < 3n).toBe(true);
    }
  });
  it('panics on an empty range', () => {
    expect(panicOf(() => call('randInt', int(5), int(5)))).toBe('invalid argument to Intn');
  });
});

describe('randBytes, uuidv4, shuffle, getHostByName', () => {
  it('randBytes is base64 of count bytes', () => {
    expect(call('randBytes', int(10))).toMatch(/^[A-Za-z0-9+/]{14}==$/);
    expect(call('randBytes', int(0))).toBe('');
    expect(panicOf(() => call('randBytes', int(-1)))).toBe('runtime error: makeslice: len out of range');
  });
  it('uuidv4 is a version 4 UUID', () => {
    expect(call('uuidv4')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('shuffle permutes runes', () => {
    expect(call('shuffle', '')).toBe('');
    expect(call('shuffle', 'a')).toBe('a');
    expect([...(call('shuffle', 'héllo') as string)].sort().join('')).toBe('hlloé');
  });
  it('getHostByName returns "" (helm without --enable-dns)', () => {
    expect(caller(networkFuncs)('getHostByName', 'example.com')).toBe('');
  });
  it('randInt returns a GoInt', () => {
    expect(call('randInt', int(0), int(1))).toBeInstanceOf(GoInt);
  });
});
