/** strvals never throws: any input is parsed or gives an error message. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GoValue } from '../../../src/gotemplate/value.js';
import { parseSet, parseSetInto } from '../../../src/helm/values/strvals.js';
import type { SetFlag } from '../../../src/helm/values/strvals.js';

const FLAGS: readonly SetFlag[] = ['set', 'set-string', 'set-json', 'set-file', 'set-literal'];
const text = fc
  .array(fc.constantFrom('a', 'b', '.', '[', ']', '=', ',', '{', '}', '\\', '0', '1', '-', ' ', '"', ':', 'null', 'true'), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));

describe('strvals robustness', () => {
  it('returns a result for any input, flag and version', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...FLAGS), fc.constantFrom('helm3' as const, 'helm4' as const), (s, flag, compat) => {
        const r = parseSet(flag, s, compat, (p) => (p === 'a' ? 'A' : undefined));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
  it('parses into whatever an earlier values file left there', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...FLAGS), (s, flag) => {
        const dest = new Map<string, GoValue>([
          ['a', 1],
          ['b', [null, 'x', new Map<string, GoValue>()]],
        ]);
        const r = parseSetInto(flag, s, dest, 'helm4');
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
  it('deeply nested indexes give an error, not a crash', () => {
    const r = parseSet('set', 'a' + '[0]'.repeat(200000) + '=1', 'helm3');
    expect(r.ok).toBe(false);
  });
});
