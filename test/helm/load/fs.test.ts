import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChart } from '../../../src/helm/load/fs.js';
import { CHART_YAML, tgz } from './tarball.js';

const root = mkdtempSync(join(tmpdir(), 'helm-load-fs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function chartDir(files: Record<string, string | Uint8Array>): string {
  const dir = join(root, `c${n++}`);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}
function message(path: string, compat: 'helm3' | 'helm4' = 'helm4'): string {
  const r = loadChart(path, { compat });
  if (r.ok) throw new Error('expected an error');
  return r.error.message;
}

describe('loadChart (disk)', () => {
  it('a missing path', () => {
    expect(message(join(root, 'nope'))).toBe(`path "${join(root, 'nope')}" not found`);
  });
  it('loads a directory with .helmignore, in walk order', () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML, '.helmignore': '*.md\n', 'README.md': 'r', 'b/x.txt': 'x', 'a-b/y.txt': 'y', 'templates/t.yaml': 't: 1' });
    const r = loadChart(dir);
    expect(r.ok && r.chart.files.map((f) => f.name)).toEqual(['.helmignore', 'a-b/y.txt', 'b/x.txt']);
  });
  it('a directory without Chart.yaml: helm 3 and helm 4 messages', () => {
    const dir = chartDir({ 'templates/a.yaml': 'a: 1' });
    expect(message(dir, 'helm3')).toBe('Chart.yaml file is missing');
    const f = join(dir, 'Chart.yaml');
    expect(message(dir, 'helm4')).toBe(`unable to detect chart at ${f}: open ${f}: no such file or directory`);
  });
  it('follows links that stay inside the chart, with helm\'s notices', () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML, 'files/real.txt': 'inside' });
    symlinkSync('real.txt', join(dir, 'files/in.txt'));
    symlinkSync('files', join(dir, 'dirlink'));
    const r3 = loadChart(dir, { compat: 'helm3' });
    expect(r3.ok && r3.chart.files.map((f) => f.name)).toEqual(['dirlink/in.txt', 'dirlink/real.txt', 'files/in.txt', 'files/real.txt']);
    expect(r3.warnings).toEqual([
      `walk.go:75: found symbolic link in path: ${dir}/dirlink resolves to ${dir}/files. Contents of linked file included and used\n`,
      `walk.go:75: found symbolic link in path: ${dir}/dirlink/in.txt resolves to ${dir}/files/real.txt. Contents of linked file included and used\n`,
      `walk.go:75: found symbolic link in path: ${dir}/files/in.txt resolves to ${dir}/files/real.txt. Contents of linked file included and used\n`,
    ]);
    const r4 = loadChart(dir, { compat: 'helm4' });
    expect(r4.warnings?.[0]).toBe(
      `level=INFO msg="found symbolic link in path. Contents of linked file included and used" path=${dir}/dirlink resolved=${dir}/files\n`,
    );
  });
  it('refuses a link that leads outside the chart (helm would read it)', () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML });
    writeFileSync(join(root, 'secret.txt'), 'secret');
    symlinkSync('../secret.txt', join(dir, 'leak.txt'));
    expect(message(dir)).toBe(`symbolic link ${dir}/leak.txt resolves to ${join(root, 'secret.txt')}, outside the chart directory ${dir}; refusing to follow it`);
  });
  it('a link ignored by .helmignore is reported (as helm does) but never read', () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML, '.helmignore': 'leak.txt\nleakdir/\n' });
    symlinkSync('/etc/passwd', join(dir, 'leak.txt'));
    symlinkSync('/etc', join(dir, 'leakdir'));
    const r = loadChart(dir, { compat: 'helm3' });
    expect(r.ok && r.chart.files.map((f) => f.name)).toEqual(['.helmignore']);
    expect(r.warnings).toEqual([
      `walk.go:75: found symbolic link in path: ${dir}/leak.txt resolves to /etc/passwd. Contents of linked file included and used\n`,
      `walk.go:75: found symbolic link in path: ${dir}/leakdir resolves to /etc. Contents of linked file included and used\n`,
    ]);
  });
  it('refuses a directory link loop', () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML, 'files/a.txt': 'a' });
    symlinkSync('..', join(dir, 'files/up'));
    expect(message(dir)).toMatch(/a loop; refusing to follow it$/);
  });
  it('a broken link: helm\'s message', () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML });
    symlinkSync('missing.txt', join(dir, 'broken.txt'));
    expect(message(dir)).toBe(`error evaluating symlink ${dir}/broken.txt: lstat ${dir}/missing.txt: no such file or directory`);
  });
  it('an irregular file', () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(message(dir)).toBe(`cannot load irregular file ${dir}/pipe as it has file mode type bits set`);
  });
  it("a file over helm's limit", () => {
    const dir = chartDir({ 'Chart.yaml': CHART_YAML, 'big.bin': new Uint8Array(5 * 1024 * 1024 + 1) });
    expect(message(dir)).toBe('chart file "big.bin" is larger than the maximum file size 5242880');
  });
  it('loads a .tgz file', () => {
    const file = join(root, 'c.tgz');
    writeFileSync(file, tgz([{ name: 'c/Chart.yaml', data: CHART_YAML }]));
    const r = loadChart(file);
    expect(r.ok && r.chart.metadata.name).toBe('c');
  });
  it('refuses files that are not gzip, like helm', () => {
    const f1 = join(root, 'notgz.tgz');
    writeFileSync(f1, 'hello world');
    expect(message(f1)).toBe(`file '${f1}' does not appear to be a gzipped archive; got 'application/octet-stream'`);
    const f2 = join(root, 'values.yaml');
    writeFileSync(f2, 'a: 1');
    expect(message(f2)).toBe(`file '${f2}' seems to be a YAML file, but expected a gzipped archive`);
    const f3 = join(root, 'long.txt');
    writeFileSync(f3, 'x'.repeat(600));
    expect(message(f3)).toBe(`file '${f3}' does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'`);
  });
});
