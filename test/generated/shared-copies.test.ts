import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REPO, run } from '../../scripts/gen/index.mjs';
import { generateSharedCopies, isSharedCopy, sharedBy, sharedHeader, staleSharedCopies } from '../../scripts/gen/shared-copies.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'gen-shared-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function put(root: string, path: string, text: string): void {
  const abs = join(root, path);
  mkdirSync(join(abs, '..'), { recursive: true });
  writeFileSync(abs, text);
}

describe('shared chart templates (scripts/gen/chart-shared -> charts/<chart>/templates)', () => {
  it('reads the charts from the first line and rejects a source without it', () => {
    expect(sharedBy('_a.tpl', '{{/* shared by: istiod  gateway */}}\nbody\n')).toEqual(['istiod', 'gateway']);
    expect(() => sharedBy('_a.tpl', '{{/* helpers */}}\n')).toThrow(/first line must be/);
    expect(() => sharedBy('_a.tpl', '{{/* shared by: */}}\n')).toThrow(/names no chart/);
  });

  it('copies each source to every listed chart that exists: header line + source minus its first line', () => {
    const root = join(scratch, 'copy');
    put(root, 'scripts/gen/chart-shared/_x.tpl', '{{/* shared by: one two three */}}\n{{- define "x" }}X{{ end }}\n');
    put(root, 'charts/one/Chart.yaml', 'name: one\n');
    put(root, 'charts/two/Chart.yaml', 'name: two\n');
    const out = generateSharedCopies(root);
    expect([...out.keys()]).toEqual(['charts/one/templates/_x.tpl', 'charts/two/templates/_x.tpl']);
    const copy = out.get('charts/one/templates/_x.tpl') ?? '';
    expect(copy).toBe(`${sharedHeader('_x.tpl')}\n{{- define "x" }}X{{ end }}\n`);
    expect(copy.split('\n')[0]).toMatch(/^\{\{\/\* .*scripts\/gen\/chart-shared\/_x\.tpl.*npm run gen.*do not edit.*\*\/\}\}$/);
    expect(isSharedCopy(copy)).toBe(true);
    expect(isSharedCopy('{{- define "x" }}\n')).toBe(false);
  });

  it('copies a shared directory verbatim to the charts its SHARED-BY names; other files there are stale', () => {
    const root = join(scratch, 'dirs');
    put(root, 'scripts/gen/chart-shared/files/SHARED-BY', 'one two\n');
    put(root, 'scripts/gen/chart-shared/files/a.yaml', 'a: 1\n');
    put(root, 'scripts/gen/chart-shared/files/sub/b.yaml', 'b: 2\n');
    put(root, 'charts/one/Chart.yaml', 'name: one\n');
    put(root, 'charts/one/files/old.yaml', 'old\n');
    const out = generateSharedCopies(root);
    expect([...out]).toEqual([
      ['charts/one/files/a.yaml', 'a: 1\n'],
      ['charts/one/files/sub/b.yaml', 'b: 2\n'],
    ]);
    expect(staleSharedCopies(root, out)).toEqual(['charts/one/files/old.yaml']);
    put(root, 'scripts/gen/chart-shared/other/x.yaml', 'x\n');
    expect(() => generateSharedCopies(root)).toThrow(/other\/ has no SHARED-BY/);
  });

  it('gen --check reports missing, edited and orphaned copies; gen repairs them and leaves hand-written files', async () => {
    const root = join(scratch, 'check');
    for (const dir of ['schema', 'profiles', 'src/generated', 'docs']) {
      if (existsSync(join(REPO, dir))) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
    }
    rmSync(join(root, 'charts'), { recursive: true, force: true });
    put(root, 'scripts/gen/chart-shared/_x.tpl', '{{/* shared by: one two */}}\nX\n');
    put(root, 'charts/one/Chart.yaml', 'name: one\n');
    put(root, 'charts/two/Chart.yaml', 'name: two\n');
    put(root, 'charts/two/templates/_x.tpl', `${sharedHeader('_x.tpl')}\nedited by hand\n`);
    put(root, 'charts/one/templates/_gone.tpl', `${sharedHeader('_gone.tpl')}\nold\n`);
    put(root, 'charts/one/templates/own.yaml', 'hand written\n');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await run(['--check'], root)).toBe(1);
      const printed = err.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain('charts/one/templates/_x.tpl (missing)');
      expect(printed).toMatch(/charts\/two\/templates\/_x\.tpl\n/);
      expect(printed).toContain('charts/one/templates/_gone.tpl (not generated any more)');
      expect(printed).not.toContain('own.yaml');
      expect(await run([], root)).toBe(0);
      expect(await run(['--check'], root)).toBe(0);
    } finally {
      err.mockRestore();
      outSpy.mockRestore();
    }
    expect(readFileSync(join(root, 'charts/two/templates/_x.tpl'), 'utf8')).toBe(`${sharedHeader('_x.tpl')}\nX\n`);
    expect(existsSync(join(root, 'charts/one/templates/_gone.tpl'))).toBe(false);
    expect(readFileSync(join(root, 'charts/one/templates/own.yaml'), 'utf8')).toBe('hand written\n');
  });

  it('every committed copy equals what gen would write', () => {
    const repo = REPO;
    for (const [path, content] of generateSharedCopies(repo)) {
      expect(existsSync(join(repo, path)), `${path} is missing: run npm run gen`).toBe(true);
      expect(readFileSync(join(repo, path), 'utf8'), `${path} is stale: run npm run gen`).toBe(content);
    }
    expect(staleSharedCopies(repo, generateSharedCopies(repo)), 'copies whose source is gone').toEqual([]);
  });
});
