/**
 * `npm run bench -- engine`: the whole differential snippet corpus (every case that renders
 * without error), rendered
 *   (a) in-process by our engine, warm (values loaded, templates parsed and executed), and
 *   (b) by one helm 4 process: the corpus as one umbrella chart whose subcharts are the corpus
 *       files (so each keeps its own values), rendered with `helm template --debug` and an
 *       invalid-YAML file so that helm prints every file's raw text, as the tests do.
 * Both medians and their ratio are printed.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { helmBinary } from '../scripts/helm-binaries.mjs';
import { renderTemplates } from '../src/helm/engine.js';
import { loadValues } from '../src/yaml/load.js';
import { CHART_NAME, loadCorpus, type CorpusFile } from '../test/differential/harness.js';
import { fmtMs, median, timeInProcess, timeProcess } from './stats.js';

function argValue(args: readonly string[], flag: string, dflt: number): number {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt;
}

interface Unit {
  file: CorpusFile;
  /** Chart-relative paths (`templates/0001.yaml`) of the cases that render without error. */
  templates: Map<string, string>;
}

function units(): Unit[] {
  return loadCorpus().map((file) => {
    const templates = new Map<string, string>();
    for (const c of file.cases) if (!c.error) templates.set(c.file, c.t);
    return { file, templates };
  });
}

function writeUmbrella(dir: string, list: readonly Unit[]): void {
  const put = (p: string, text: string) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  put('Chart.yaml', 'apiVersion: v2\nname: bench\nversion: 0.1.0\n');
  put('values.yaml', '');
  put('templates/zzzz-invalid.yaml', ': [\n');
  list.forEach((u, i) => {
    const sub = `charts/f${String(i).padStart(3, '0')}`;
    put(`${sub}/Chart.yaml`, `apiVersion: v2\nname: ${CHART_NAME}${i}\nversion: 0.1.0\n`);
    put(`${sub}/values.yaml`, u.file.values);
    for (const [path, text] of u.templates) put(`${sub}/${path}`, text);
  });
}

/** Corpus files whose cost is that of the algorithms they call (key generation, scrypt, bcrypt). */
const CRYPTO_FILES = new Set(['sprig/crypto-random.yaml']);

function renderAll(list: readonly Unit[]): void {
  for (const u of list) {
    const r = renderTemplates({
      chartName: CHART_NAME,
      files: u.templates,
      values: loadValues(u.file.values, { compat: 'helm4' }),
      release: { name: 'rel', namespace: 'ns' },
      compat: 'helm4',
    });
    if (!r.ok) throw new Error(`${u.file.path}: ${r.error.message}`);
    if (r.outputs.size !== u.templates.size) throw new Error(`${u.file.path}: rendered ${r.outputs.size} of ${u.templates.size} files`);
  }
}

async function compare(label: string, list: readonly Unit[], runs: number): Promise<string[]> {
  const cases = list.reduce((n, u) => n + u.templates.size, 0);
  const ours = median(timeInProcess(() => renderAll(list), runs));
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  try {
    writeUmbrella(dir, list);
    const h = timeProcess(await helmBinary('helm4'), ['template', 'rel', dir, '-n', 'ns', '--debug'], runs);
    const helmMs = median(h.ms);
    return [
      `${label}: ${cases} snippets in ${list.length} corpus files, ${runs} runs each`,
      `  (a) in-process, warm:      median ${fmtMs(ours)} ms`,
      `  (b) helm 4.1.4, 1 process: median ${fmtMs(helmMs)} ms` +
        (h.maxRssKiB.length ? `, peak RSS ${Math.round(median(h.maxRssKiB) / 1024)} MiB` : ''),
      `  ratio (b)/(a): ${(helmMs / ours).toFixed(1)}x`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchEngine(args: string[]): Promise<void> {
  const runs = argValue(args, '--runs', 9);
  const all = units();
  const lines = [
    ...(await compare('whole corpus', all, runs)),
    ...(await compare(
      `without ${[...CRYPTO_FILES].join(', ')} (key generation, scrypt, bcrypt)`,
      all.filter((u) => !CRYPTO_FILES.has(u.file.path)),
      runs,
    )),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
