import { describe, expect, it } from 'vitest';
import { normalise, TIME_MARK } from './charts-harness.js';

const run = (stderr: string) => normalise({ stdout: Buffer.from(''), stderr: Buffer.from(stderr), exitCode: 1 }, '/tmp/case');

describe('the differential harness normalises helm 3 debug timestamps', () => {
  it('with a fraction of a second', () => {
    const r = run('install.go:225: 2026-11-24 09:43:23.123 +0000 UTC m=+0.052000001 [debug] x\n');
    expect(r.stderr.toString()).toBe(`install.go:225: ${TIME_MARK} [debug] x\n`);
  });

  // CI on 2026-11-24: our clock read a whole second, Go printed no fraction, and the old pattern
  // (fraction required) left the timestamp in place.
  it('on a whole second, where Go prints no fraction', () => {
    const r = run('install.go:225: 2026-11-24 09:43:23 +0000 UTC m=+13.641157369 [debug] x\n');
    expect(r.stderr.toString()).toBe(`install.go:225: ${TIME_MARK} [debug] x\n`);
  });
});
