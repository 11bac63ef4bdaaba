/**
 * A handful of measured schema cases run again against the real helm 3.17.3 and helm 4.1.4
 * binaries (scripts/helm-binaries.mjs), so the recorded table in measured-cases.json cannot
 * drift from what helm prints. Each case becomes a scratch chart in a temp directory; helm's
 * stderr (minus "Error: " and the final newline) must equal our message, compared by error
 * blocks where helm's Go-map order varies (see validate.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary } from '../../../scripts/helm-binaries.mjs';
import { validateValuesSchemas } from '../../../src/helm/schema/index.js';
import { blocks, buildNode, CASES } from './cases.js';

const PICKED = ['basic', 'typeset', 'sub', 'invalidjson', 'badschema', 'k-allof', 'k-prefixitems', 'n-fmt', 'ref-multi-2020', 'j-trailing'];

function writeChart(dir: string, name: string, schema: string | undefined, values: string): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  if (schema !== undefined) writeFileSync(join(dir, 'values.schema.json'), schema);
  writeFileSync(join(dir, 'values.yaml'), values);
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
}

describe('schema messages against the real helm binaries', () => {
  for (const name of PICKED) {
    const c = CASES.find((x) => x.name === name);
    if (c === undefined) throw new Error(`no measured case ${name}`);
    for (const compat of ['helm3', 'helm4'] as const) {
      it(`${name} (${compat})`, async () => {
        const bin = await helmBinary(compat);
        const dir = mkdtempSync(join(tmpdir(), 'schema-'));
        try {
          const chart = join(dir, 'mychart');
          writeChart(chart, 'mychart', c.schema, c.values);
          for (const s of c.subcharts ?? []) writeChart(join(chart, 'charts', s.name), s.name, s.schema, s.values);
          const args = ['template', 'rel', chart, ...(c.set !== undefined ? ['--set', c.set] : [])];
          const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
          delete env.HELM_NAMESPACE;
          const r = spawnSync(bin, args, { env, encoding: 'utf8' });
          const ours = validateValuesSchemas(buildNode(c, compat), compat);
          if (r.status === 0) {
            expect(ours).toEqual({ ok: true });
            return;
          }
          const helmMsg = r.stderr.replace(/^Error: /, '').replace(/\n$/, '');
          expect(ours.ok).toBe(false);
          const msg = ours.ok ? '' : ours.error;
          if (msg !== helmMsg) expect(blocks(msg)).toEqual(blocks(helmMsg));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }, 60_000);
    }
  }
});
