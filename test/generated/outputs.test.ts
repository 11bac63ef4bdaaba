import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { generateAll, REPO } from '../../scripts/gen/index.mjs';
import { istioOperatorSchema } from '../../src/generated/istio-operator-schema.js';

const read = (p: string): string => readFileSync(join(REPO, p), 'utf8');

describe('generated outputs', () => {
  it('are deterministic', async () => {
    const a = await generateAll({ root: REPO });
    const b = await generateAll({ root: REPO });
    expect([...a.entries()]).toEqual([...b.entries()]);
  });

  it('validators.js is a self-contained ES module (only re2js is imported; no require)', () => {
    const js = read('src/generated/validators.js');
    expect(js).not.toMatch(/\brequire\(/);
    const imports = [...js.matchAll(/^import .* from ['"]([^'"]+)['"];?$/gm)].map((m) => m[1]);
    expect(imports.every((m) => m === 're2js')).toBe(true);
    expect(js).toMatch(/^export const validateIstioOperatorSchema = /m);
  });

  it('the bundled schema has only internal refs that resolve', () => {
    const defs = istioOperatorSchema.definitions ?? {};
    const refs = JSON.stringify(istioOperatorSchema).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const m = /^"\$ref":"#\/definitions\/([^"/]+)"$/.exec(r);
      expect(m, r).not.toBeNull();
      expect(Object.prototype.hasOwnProperty.call(defs, (m as RegExpExecArray)[1] as string), r).toBe(true);
    }
  });

  it.each(['base', 'istiod', 'istiod-remote', 'gateway', 'cni'])('chart schema %s compiles, keeps its charts\' keys and accepts the other charts\' keys', (chart) => {
    const schema = JSON.parse(read(`src/generated/chart-schemas/${chart}.values.schema.json`)) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('global');
    expect(JSON.stringify(schema)).not.toMatch(/"x-(charts|deprecated)"/);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate({ global: { hub: 'docker.io/istio' }, someOtherChartKey: {} })).toBe(true);
    expect(validate({ global: { hubb: 'x' } })).toBe(false);
  });

  it('charts get the values sections they read', () => {
    const keys = (c: string): string[] => Object.keys((JSON.parse(read(`src/generated/chart-schemas/${c}.values.schema.json`)) as { properties: object }).properties);
    expect(keys('istiod')).toEqual(expect.arrayContaining(['pilot', 'sidecarInjectorWebhook', 'meshConfig']));
    expect(keys('gateway')).toContain('gateways');
    expect(keys('cni')).toContain('cni');
    expect(keys('base')).toContain('base');
    expect(keys('base')).not.toContain('pilot');
  });

  it('docs/reference.md has a section per definition', () => {
    const md = read('docs/reference.md');
    for (const name of Object.keys(istioOperatorSchema.definitions ?? {})) expect(md).toContain(`\n## ${name}\n`);
    expect(md).toContain('| `hub` |');
  });
});
