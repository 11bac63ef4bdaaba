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
import { CHART_NAME, loadCorpus, templatesOf, type CorpusFile } from '../test/differential/harness.js';
import { fmtMs, median, timeInProcess, timeProcess } from './stats.js';

function argValue(args: readonly string[], flag: string, dflt: number): number {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt;
}

interface Unit {
  file: CorpusFile;
  templates: Map<string, string>;
}

function units(): Unit[] {
  return loadCorpus().map((file) => {
    const files = new Map<string, string>();
    for (const c of file.cases) if (!c.error) files.set(c.file, c.t);
    return { file, templates: templatesOf(files) };
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
    for (const [name, text] of u.templates) put(`${sub}/${name.slice(CHART_NAME.length + 1)}`, text);
  });
}

export async function benchEngine(args: string[]): Promise<void> {
  const runs = argValue(args, '--runs', 9);
  const list = units();
  const cases = list.reduce((n, u) => n + u.templates.size, 0);
  const renderAll = () => {
    for (const u of list) {
      const r = renderTemplates({
        chartName: CHART_NAME,
        files: u.templates,
        values: loadValues(u.file.values, { compat: 'helm4' }),
        release: { name: 'rel', namespace: 'ns' },
        compat: 'helm4',
      });
      if (!r.ok) throw new Error(`${u.file.path}: ${r.error.message}`);
    }
  };
  const ours = timeInProcess(renderAll, runs);

  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  try {
    writeUmbrella(dir, list);
    const helm = await helmBinary('helm4');
    const h = timeProcess(helm, ['template', 'rel', dir, '-n', 'ns', '--debug'], runs);
    const oursMs = median(ours);
    const helmMs = median(h.ms);
    process.stdout.write(
      [
        `engine: ${cases} snippets in ${list.length} corpus files, ${runs} runs each`,
        `  (a) in-process, warm:      median ${fmtMs(oursMs)} ms`,
        `  (b) helm 4.1.4, 1 process: median ${fmtMs(helmMs)} ms` +
          (h.maxRssKiB.length ? `, peak RSS ${Math.round(median(h.maxRssKiB) / 1024)} MiB` : ''),
        `  ratio (b)/(a): ${(helmMs / oursMs).toFixed(1)}x`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
