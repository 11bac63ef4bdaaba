import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
        'src/generated/chart-schemas/istiod.values.schema.json',
        'docs/reference.md',
      ]),
    );
  });

  const scratch = mkdtempSync(join(tmpdir(), 'gen-check-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('--check exits 1 naming a generated file that was edited by hand, and gen repairs it', async () => {
    for (const dir of ['schema', 'profiles', 'src/generated', 'docs']) {
      if (existsSync(join(REPO, dir))) cpSync(join(REPO, dir), join(scratch, dir), { recursive: true });
    }
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await run(['--check'], scratch)).toBe(0);
      const edited = join(scratch, 'src/generated/chart-schemas/istiod.values.schema.json');
      writeFileSync(edited, readFileSync(edited, 'utf8').replace('"type"', '"tipe"'));
      writeFileSync(join(scratch, 'src/generated/chart-schemas/old.values.schema.json'), '{}\n');
      err.mockClear();
      expect(await run(['--check'], scratch)).toBe(1);
      const printed = err.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain('src/generated/chart-schemas/istiod.values.schema.json');
      expect(printed).toContain('src/generated/chart-schemas/old.values.schema.json (not generated any more)');
      expect(await run([], scratch)).toBe(0);
      expect(await run(['--check'], scratch)).toBe(0);
    } finally {
      err.mockRestore();
      outSpy.mockRestore();
    }
  });
});
