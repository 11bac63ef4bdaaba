import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadChartArchive, loadChartFromFiles } from '../../../src/helm/load/index.js';
import { tar, CHART_YAML } from './tarball.js';

// A crash on any input is a bug: every input gives a result, never an exception.
describe('loader robustness', () => {
  it('loadChartArchive on arbitrary bytes and on corrupted archives', () => {
    const good = tar([
      { name: 'c/Chart.yaml', data: CHART_YAML },
      { name: 'c/templates/a.yaml', data: 'a: 1' },
    ]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(typeof loadChartArchive(bytes).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
        const t = new Uint8Array(good);
        for (const [i, b] of edits) t[i] = b;
        for (const compat of ['helm3', 'helm4'] as const) expect(typeof loadChartArchive(gzipSync(t), { compat }).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
  it('loadChartFromFiles on arbitrary names and Chart.yaml texts', () => {
    const name = fc.stringMatching(/^[a-z./\\_*!\[\]-]{0,12}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ maxLength: 30 })), fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), (files, chartYaml, ignore) => {
        const entries: [string, string][] = [...Object.entries(files), ['Chart.yaml', chartYaml], ['.helmignore', ignore]];
        for (const compat of ['helm3', 'helm4'] as const) expect(typeof loadChartFromFiles(entries, { compat }).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
