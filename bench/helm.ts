/**
 * `npm run bench -- helm [--chart DIR] [--runs N]`: one chart rendered three ways in one run,
 *   (a) in-process, warm: loadChart once, renderChart repeatedly (the library use),
 *   (b) our CLI from a cold start: `node bin/istio-installer.cjs helm template ...` per run,
 *   (c) the helm 4 binary: `helm template ...` per run,
 * with medians, ratios against (c) and peak memory. The three outputs are compared first: a
 * figure for output that differs from helm's would mean nothing.
 *
 * The default chart is the real charts/istiod; bench/charts/mesh (31 templates) and
 * bench/charts/istiod-like stay for comparison with earlier figures.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helmBinary } from '../scripts/helm-binaries.mjs';
import { loadChart } from '../src/helm/load/fs.js';
import { renderChart } from '../src/helm/render.js';
import { fmtMs, median, timeInProcess, timeProcess } from './stats.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function benchHelm(args: string[]): Promise<void> {
  const chartDir = resolve(option(args, '--chart') ?? join(root, 'charts', 'istiod'));
  const runs = Number(option(args, '--runs') ?? 30);
  const release = 'bench';
  const helm = await helmBinary('helm4');
  const bin = join(root, 'bin', 'istio-installer.cjs');
  const env = { ...process.env, TZ: 'UTC', HELM_NAMESPACE: '' };
  delete (env as Record<string, string | undefined>).HELM_NAMESPACE;

  // Same output three ways, or no figures.
  const loaded = loadChart(chartDir);
  if (!loaded.ok) throw new Error(`cannot load ${chartDir}: ${loaded.error.message}`);
  const chart = loaded.chart;
  const render = () => renderChart(chart, { releaseName: release, compat: 'helm4' });
  const ours = render();
  if (!ours.ok) throw new Error(`render failed: ${ours.error.message}`);
  const helmOut = spawnSync(helm, ['template', release, chartDir], { encoding: 'utf8', env });
  const cliOut = spawnSync(process.execPath, [bin, 'helm', 'template', release, chartDir], { encoding: 'utf8', env });
  const same = ours.stdout === helmOut.stdout && cliOut.stdout === helmOut.stdout;
  process.stdout.write(`chart ${chartDir}: ${chart.templates.length} templates, ${helmOut.stdout.split('\n').length} output lines\n`);
  process.stdout.write(`outputs identical (library, CLI, helm 4): ${same ? 'yes' : 'NO'}\n`);
  if (ours.stdout !== helmOut.stdout) process.stdout.write('  the library output differs from helm 4\n');
  if (!same) {
    process.stdout.write(`helm exit ${helmOut.status}, CLI exit ${cliOut.status}\n${cliOut.stderr}`);
    process.exitCode = 1;
    return;
  }

  const warm = timeInProcess(render, runs * 10, 20);
  const rssAfterWarm = process.memoryUsage().rss / 1024;
  // Interleave the two process measurements so machine load affects both alike.
  const cli: number[] = [];
  const cliRss: number[] = [];
  const hb: number[] = [];
  const hbRss: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = timeProcess(process.execPath, [bin, 'helm', 'template', release, chartDir], 1);
    const h = timeProcess(helm, ['template', release, chartDir], 1);
    const n = timeProcess(process.execPath, ['-e', '0'], 1);
    cli.push(...c.ms);
    cliRss.push(...c.maxRssKiB);
    hb.push(...h.ms);
    hbRss.push(...h.maxRssKiB);
    bare.push(...n.ms);
  }
  const mh = median(hb);
  const rows: [string, number, string][] = [
    ['(a) library, warm, in-process', median(warm), `${Math.round(rssAfterWarm / 1024)} MiB process RSS`],
    ['(b) istio-installer CLI, cold', median(cli), `${Math.round(Math.max(...cliRss) / 1024)} MiB peak RSS`],
    ['(c) helm 4.1.4 binary', mh, `${Math.round(Math.max(...hbRss) / 1024)} MiB peak RSS`],
    ['    node -e 0 (Node start-up alone)', median(bare), ''],
  ];
  process.stdout.write(`\n${'what'.padEnd(38)} ${'median ms'.padStart(10)} ${'helm / this'.padStart(12)}  memory\n`);
  for (const [what, ms, mem] of rows) {
    process.stdout.write(`${what.padEnd(38)} ${fmtMs(ms).padStart(10)} ${(mh / ms).toFixed(1).padStart(11)}x  ${mem}\n`);
  }
  process.stdout.write(`\n(a) ${runs * 10} renders after 20 warm-up renders; (b), (c) and node: ${runs} runs each, interleaved.\n`);
}
