/**
 * The charts that name objects after the revision (istiod, istiod-remote) and label with it (cni)
 * check it in values.schema.json: a DNS-1123 label of at most 56 characters, so istiod-<revision>
 * stays a DNS label. A bad revision fails `helm template` before anything is rendered, with the
 * same message from helm 3, helm 4 and the embedded renderer.
 */
import { describe, expect, it } from 'vitest';
import { HELM_VERSIONS, helmTemplate, renderOurs, templateArgs } from './render.js';

const CHARTS = ['istiod', 'istiod-remote', 'cni'] as const;
const LONGEST = `r${'e'.repeat(54)}v`;

describe('the revision is checked by the charts\' values schema', () => {
  it.each(CHARTS)('%s accepts "", "canary" and a 56-character revision', (chart) => {
    for (const revision of ['', 'canary', '1-11-8', LONGEST]) {
      const out = renderOurs(chart, { set: [`revision=${revision}`] });
      expect(out.stderr, revision).toBe('');
      expect(out.exitCode, revision).toBe(0);
    }
  });

  it.each(CHARTS)('%s rejects an upper-case, an underscored and a 57-character revision', (chart) => {
    for (const revision of ['Canary', 'canary_1', '-canary', `${LONGEST}x`]) {
      const out = renderOurs(chart, { set: [`revision=${revision}`] });
      expect(out.exitCode, revision).toBe(1);
      expect(out.stdout, revision).toBe('');
      expect(out.stderr, revision).toMatch(/values don't meet the specifications of the schema/);
      expect(out.stderr, revision).toContain('revision');
    }
  });

  for (const version of HELM_VERSIONS) {
    it.each(CHARTS)(`%s: ${version} fails with the same message`, async (chart) => {
      for (const revision of ['Canary', `${LONGEST}x`]) {
        const opts = { set: [`revision=${revision}`] };
        const helm = await helmTemplate(version, chart, templateArgs(opts));
        expect(helm.exitCode, revision).toBe(1);
        const ours = renderOurs(chart, { ...opts, compat: version });
        expect(ours.stderr, revision).toBe(helm.stderr);
        expect(ours.exitCode).toBe(1);
      }
    });
  }
});
