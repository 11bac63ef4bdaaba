import { Gzip, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Compat } from '../../../src/gotemplate/template.js';
import type { Chart } from '../../../src/helm/load/chart.js';
import { loadChartArchive } from '../../../src/helm/load/index.js';
import { readTar } from '../../../src/helm/load/tar.js';
import { CHART_YAML, concat, header, tar, tarBody, tgz, type Entry } from './tarball.js';

const base: Entry[] = [
  { name: 'c/Chart.yaml', data: CHART_YAML },
  { name: 'c/templates/a.yaml', data: 'a: 1' },
];
function err(entries: readonly Entry[] | Uint8Array, compat: Compat = 'helm3'): string {
  const r = loadChartArchive(entries instanceof Uint8Array ? entries : tgz(entries), { compat });
  if (r.ok) throw new Error('expected an error');
  return r.error.message;
}
function ok(entries: readonly Entry[], compat: Compat = 'helm4'): Chart {
  const r = loadChartArchive(tgz(entries), { compat });
  if (!r.ok) throw new Error(r.error.message);
  return r.chart;
}
const names = (fs: readonly { name: string }[]): string[] => fs.map((f) => f.name);

describe('loadChartArchive', () => {
  it('strips the top directory and loads the chart; .helmignore is not applied (measured)', () => {
    const c = ok([
      ...base,
      { name: 'c/', type: '5' },
      { name: 'c/files/x.txt', data: '\ufeffx' },
      { name: 'c/.helmignore', data: '*.txt\n' },
      { name: 'c/templates/.hidden.yaml', data: 'h: 1' },
    ]);
    expect(c.metadata.name).toBe('c');
    expect(names(c.templates)).toEqual(['templates/a.yaml', 'templates/.hidden.yaml']);
    expect(names(c.files)).toEqual(['files/x.txt', '.helmignore']);
    expect(new TextDecoder().decode(c.files[0].data)).toBe('x');
  });
  it('only the first segment is dropped, whatever it is called', () => {
    const c = ok([...base, { name: 'other/files/y.txt', data: 'y' }]);
    expect(names(c.files)).toEqual(['files/y.txt']);
  });
  it('reads GNU long names and backslash names', () => {
    const long = 'c/files/' + 'a'.repeat(150) + '.txt';
    const c = ok([...base, { name: long, data: 'l' }, { name: 'c\\files\\w.txt', data: 'w' }]);
    expect(names(c.files)).toEqual([long.slice(2), 'files/w.txt']);
  });
  it('nested .tgz subcharts load recursively', () => {
    const inner = tgz([{ name: 'k/Chart.yaml', data: 'apiVersion: v2\nname: k\nversion: 1.0.0\n' }]);
    const c = ok([...base, { name: 'c/charts/k-1.0.0.tgz', data: inner }]);
    expect(c.dependencies.map((d) => d.metadata.name)).toEqual(['k']);
  });

  describe('path safety (helm 3 messages, measured)', () => {
    it('`..` entries', () => {
      expect(err([...base, { name: 'c/../evil.txt', data: 'x' }])).toBe('chart illegally references parent directory');
      expect(err([...base, { name: 'c/files/../../evil.txt', data: 'x' }])).toBe('chart illegally references parent directory');
    });
    it('absolute entries', () => {
      expect(err([...base, { name: 'c//evil.txt', data: 'x' }])).toBe('chart illegally contains absolute paths');
      // helm accepts "/c/evil.txt" as "c/evil.txt"; we refuse it.
      expect(err([...base, { name: '/c/evil.txt', data: 'x' }])).toBe('chart archive entry "/c/evil.txt" is an absolute path; refusing to load it');
      expect(err([...base, { name: 'c/c:/x', data: 'x' }])).toBe('chart contains illegally named files');
    });
    it('content outside the base directory', () => {
      expect(err([{ name: 'Chart.yaml', data: CHART_YAML }])).toBe('chart illegally contains content outside the base directory: "Chart.yaml"');
      expect(err([{ name: 'c', data: 'x' }])).toBe('chart illegally contains content outside the base directory: "c"');
    });
    it('links and special files are refused (helm would load them as empty files)', () => {
      expect(err([...base, { name: 'c/files/link.txt', type: '2', link: '/etc/passwd' }])).toBe(
        'chart archive entry "c/files/link.txt" is a symbolic link; only regular files are allowed',
      );
      expect(err([...base, { name: 'c/files/hl.txt', type: '1', link: 'c/Chart.yaml' }])).toBe(
        'chart archive entry "c/files/hl.txt" is a hard link; only regular files are allowed',
      );
      expect(err([...base, { name: 'c/files/fifo', type: '6' }])).toBe('chart archive entry "c/files/fifo" is a named pipe; only regular files are allowed');
    });
    it('our own refusals keep their message in helm 4 mode; helm failures become "unable to load chart archive"', () => {
      expect(err([...base, { name: 'c/files/link.txt', type: '2', link: 'x' }], 'helm4')).toMatch(/is a symbolic link/);
      expect(err([...base, { name: 'c/../evil.txt', data: 'x' }], 'helm4')).toBe('unable to load chart archive');
    });
  });

  describe('size limits', () => {
    it("a file over helm's 5 MiB limit", () => {
      const big = new Uint8Array(5 * 1024 * 1024 + 1);
      expect(err([...base, { name: 'c/files/big.bin', data: big }])).toBe('decompressed chart file "c/files/big.bin" is larger than the maximum file size 5242880');
      expect(err([...base, { name: 'c/files/big.bin', data: big }], 'helm4')).toBe('unable to load chart archive');
    });
    it('an archive that decompresses past the 100 MiB limit is stopped while inflating', () => {
      // ~120 MiB of zeros in a multi-member gzip stream of ~120 KiB (a gzip bomb).
      const zeros = gzipSync(new Uint8Array(1024 * 1024));
      const bytes = concat([gzipSync(tarBody(base)), ...Array.from({ length: 120 }, () => zeros)]);
      expect(bytes.length).toBeLessThan(1024 * 1024);
      expect(err(bytes)).toBe('decompressed chart is larger than the maximum size 104857600');
    });
    it('the total of file sizes is bounded like helm', () => {
      const four = 4 * 1024 * 1024;
      const zeros = gzipSync(new Uint8Array(four));
      const parts = [gzipSync(tarBody(base))];
      for (let i = 0; i < 26; i++) parts.push(gzipSync(header(`c/files/f${i}.bin`, four, '0', '')), zeros);
      parts.push(gzipSync(new Uint8Array(1024)));
      expect(err(concat(parts))).toBe('decompressed chart is larger than the maximum size 104857600');
    });
    it('multi-member gzip streams load (Go reads them as one stream)', () => {
      const c = loadChartArchive(concat([gzipSync(tarBody(base)), gzipSync(new Uint8Array(1024))]));
      expect(c.ok).toBe(true);
    });
  });

  describe('malformed input (helm 3 messages, measured)', () => {
    it('not gzip / truncated', () => {
      expect(err(new TextEncoder().encode('hello'))).toBe('unexpected EOF');
      expect(err(tgz(base).subarray(0, 40))).toBe('unexpected EOF');
      expect(err(new TextEncoder().encode('hello world, not gzip'))).toBe('gzip: invalid header');
    });
    it('no files', () => {
      expect(err([])).toBe('no files in chart archive');
      expect(err([{ name: 'c/', type: '5' }])).toBe('no files in chart archive');
    });
    it('helm 4 names a missing Chart.yaml differently', () => {
      expect(err([{ name: 'c/values.yaml', data: 'a: 1' }], 'helm3')).toBe('Chart.yaml file is missing');
      expect(err([{ name: 'c/values.yaml', data: 'a: 1' }], 'helm4')).toBe('unable to detect chart version, no Chart.yaml found');
    });
    it('a corrupt tar header', () => {
      const t = tar(base);
      t[148] = 0x37; // break the checksum
      const parts: Uint8Array[] = [];
      const gz = new Gzip((c) => parts.push(c));
      gz.push(t, true);
      expect(err(parts.length === 1 ? parts[0] : new Uint8Array(parts.flatMap((p) => [...p])))).toBe('archive/tar: invalid tar header');
    });
  });
});

describe('readTar', () => {
  it('applies pax path and size records', () => {
    const rec = (k: string, v: string): string => {
      let len = k.length + v.length + 3;
      len += String(len).length;
      if (String(len).length !== String(len - String(len).length).length) len++;
      return `${len} ${k}=${v}\n`;
    };
    const body = rec('path', 'c/files/' + 'p'.repeat(120));
    const entries = readTar(paxTar(body));
    expect(entries.map((e) => e.name)).toEqual(['c/files/' + 'p'.repeat(120)]);
    expect(new TextDecoder().decode(entries[0].data)).toBe('pax!');
  });
});

/** A tar whose first entry is a pax header carrying `body`, then a file named "short". */
function paxTar(body: string): Uint8Array {
  const enc = new TextEncoder();
  const b = enc.encode(body);
  const paxHeader = tar([{ name: 'PaxHeader', data: b }]).subarray(0, 512 + Math.ceil(b.length / 512) * 512);
  const h = new Uint8Array(paxHeader);
  h[156] = 'x'.charCodeAt(0);
  // recompute checksum
  for (let i = 148; i < 156; i++) h[i] = 0x20;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i];
  h.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  const rest = tar([{ name: 'short', data: 'pax!' }]);
  const out = new Uint8Array(h.length + rest.length);
  out.set(h);
  out.set(rest, h.length);
  return out;
}
