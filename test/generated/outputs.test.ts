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

  // The chart schemas are written into charts/<chart>/ once the chart exists (Chart.yaml).
  const charts = ['base', 'istiod', 'istiod-remote', 'cni'];
  let generated: Promise<Map<string, string>> | undefined;
  const chartSchema = async (chart: string): Promise<{ properties: Record<string, unknown>; additionalProperties?: unknown }> => {
    generated ??= generateAll({ root: REPO });
    const out = await generated;
    const text = out.get(`charts/${chart}/values.schema.json`);
    if (text === undefined) throw new Error(`gen writes no charts/${chart}/values.schema.json (is charts/${chart}/Chart.yaml there?)`);
    return JSON.parse(text) as { properties: Record<string, unknown>; additionalProperties?: unknown };
  };

  it.each(charts)('chart schema %s compiles, keeps its charts\' keys and accepts the other charts\' keys', async (chart) => {
    const schema = await chartSchema(chart);
    expect(Object.keys(schema.properties)).toContain('global');
    expect(JSON.stringify(schema)).not.toMatch(/"x-(charts|deprecated)"/);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate({ global: { hub: 'docker.io/istio' }, someOtherChartKey: {} })).toBe(true);
    expect(validate({ global: { hubb: 'x' } })).toBe(false);
  });

  it('charts get the values sections they read', async () => {
    const keys = async (c: string): Promise<string[]> => Object.keys((await chartSchema(c)).properties);
    expect(await keys('istiod')).toEqual(expect.arrayContaining(['pilot', 'sidecarInjectorWebhook', 'meshConfig']));
    expect(await keys('cni')).toContain('cni');
    expect(await keys('base')).toContain('base');
    // base names the remote istiod Service after pilot.enabled (a local istiod or not), so it reads pilot too
    expect(await keys('base')).toContain('pilot');
    for (const c of charts) expect(await keys(c)).not.toContain('gateways');
  });

  it('the gateway chart schema is GatewayChartValues, closed at the root, with the k8s settings block', async () => {
    const schema = await chartSchema('gateway');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'kind', 'revision', 'k8s']));
    expect(Object.keys(schema.properties)).not.toContain('gateways');
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate({ someOtherChartKey: {} })).toBe(false);
    expect(validate({ k8s: { replicaCount: 2 } })).toBe(true);
    expect(validate({ k8s: { replicaCountt: 2 } })).toBe(false);
  });

  it('docs/reference.md has a section per definition', () => {
    const md = read('docs/reference.md');
    for (const name of Object.keys(istioOperatorSchema.definitions ?? {})) expect(md).toContain(`\n## ${name}\n`);
    expect(md).toContain('| `hub` |');
  });
});
