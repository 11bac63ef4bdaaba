import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateAll, REPO, run } from '../../scripts/gen/index.mjs';

// The generated files are committed; CI runs this test, so a schema change without `npm run gen`
// fails here.
describe('generated files', () => {
  it('are up to date with schema/ (npm run gen)', async () => {
    const out = await generateAll({ root: REPO });
    const stale: string[] = [];
    for (const [path, content] of out) {
      const abs = join(REPO, path);
      if (!existsSync(abs) || readFileSync(abs, 'utf8') !== content) stale.push(path);
    }
    expect(stale, 'run `npm run gen` and commit the result').toEqual([]);
    expect([...out.keys()]).toEqual(
      expect.arrayContaining([
        'src/generated/types.ts',
        'src/generated/validators.js',
        'src/generated/validators.d.ts',
        'src/generated/istio-operator-schema.ts',
        'schema/values.schema.json',
        'docs/reference.md',
      ]),
    );
    // Every chart that exists gets its generated values.schema.json and README.md.
    for (const chart of ['base', 'istiod', 'istiod-remote', 'gateway', 'cni']) {
      if (!existsSync(join(REPO, 'charts', chart, 'Chart.yaml'))) continue;
      expect([...out.keys()], `chart ${chart}`).toEqual(expect.arrayContaining([`charts/${chart}/values.schema.json`, `charts/${chart}/README.md`]));
    }
  });

  const scratch = mkdtempSync(join(tmpdir(), 'gen-check-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('--check exits 1 naming a generated file that was edited by hand, and gen repairs it', async () => {
    for (const dir of ['schema', 'profiles', 'src/generated', 'docs', 'charts', 'scripts/gen/chart-shared']) {
      if (existsSync(join(REPO, dir))) cpSync(join(REPO, dir), join(scratch, dir), { recursive: true });
    }
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await run(['--check'], scratch)).toBe(0);
      // A chart of our own, so the test does not depend on which charts have landed.
      mkdirSync(join(scratch, 'charts/istiod/templates'), { recursive: true });
      writeFileSync(join(scratch, 'charts/istiod/Chart.yaml'), 'apiVersion: v2\nname: istiod\nversion: 0.1.0\n');
      writeFileSync(join(scratch, 'charts/istiod/values.yaml'), 'revision: ""\n');
      expect(await run([], scratch)).toBe(0);
      expect(await run(['--check'], scratch)).toBe(0);
      const edited = join(scratch, 'charts/istiod/values.schema.json');
      writeFileSync(edited, readFileSync(edited, 'utf8').replace('"type"', '"tipe"'));
      const readme = join(scratch, 'charts/istiod/README.md');
      writeFileSync(readme, readFileSync(readme, 'utf8') + 'edited\n');
      // values.yaml changes the README (defaults column): an old README is stale.
      writeFileSync(join(scratch, 'charts/istiod/values.yaml'), 'revision: "x"\n');
      const schemaSrc = join(scratch, 'schema/values.schema.json');
      writeFileSync(schemaSrc, readFileSync(schemaSrc, 'utf8') + ' ');
      mkdirSync(join(scratch, 'src/generated/chart-schemas'), { recursive: true });
      writeFileSync(join(scratch, 'src/generated/chart-schemas/old.values.schema.json'), '{}\n');
      err.mockClear();
      expect(await run(['--check'], scratch)).toBe(1);
      const printed = err.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain('charts/istiod/values.schema.json\n');
      expect(printed).toContain('charts/istiod/README.md\n');
      expect(printed).toContain('schema/values.schema.json\n');
      expect(printed).toContain('src/generated/chart-schemas/old.values.schema.json (not generated any more)');
      rmSync(join(scratch, 'charts/istiod/values.schema.json'));
      err.mockClear();
      expect(await run(['--check'], scratch)).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('charts/istiod/values.schema.json (missing)');
      expect(await run([], scratch)).toBe(0);
      expect(await run(['--check'], scratch)).toBe(0);
    } finally {
      err.mockRestore();
      outSpy.mockRestore();
    }
  });
});
