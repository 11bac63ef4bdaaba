/**
 * `npm run bench -- generate [--profile NAME] [--runs N]`: `manifest generate` of one profile,
 * measured three ways in one run:
 *   (a) in-process, warm: `render({ profile })` repeatedly (the library use; charts bundled),
 *   (b) our CLI from a cold start: `node bin/istio-installer.cjs manifest generate --set profile=P`,
 *   (c) the helm 4 binary: `helm template` of each component's chart with the values file
 *       `manifest values` writes, as separate processes, their times and peak memories summed
 *       per round (what running helm for the same installation costs),
 * with medians, ratios against (c) and peak memory. First it checks that helm's documents are
 * the library's, object for object (the profile has no overlays), or it reports no figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helmBinary } from '../scripts/helm-binaries.mjs';
import { render } from '../src/manifest/index.js';
import { fmtMs, median, timeInProcess, timeProcess } from './stats.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The documents of a multi-document stream, without `# Source` lines, sorted (order is compared elsewhere). */
function documents(stream: string): string[] {
  return stream
    .split(/^---$/m)
    .map((d) => d.replace(/^# Source: .*\n/m, '').trim())
    .filter((d) => d !== '')
    .sort();
}

export async function benchGenerate(args: string[]): Promise<void> {
  const profile = option(args, '--profile') ?? 'default';
  const runs = Number(option(args, '--runs') ?? 20);
  const helm = await helmBinary('helm4');
  const bin = join(root, 'bin', 'istio-installer.cjs');
  const env: Record<string, string | undefined> = { ...process.env, TZ: 'UTC' };
  delete env.HELM_NAMESPACE;

  const set = render({ profile });
  const dir = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  try {
    // One `helm template` per component, with the values file `manifest values` would write.
    const helmRuns = set.components.map((c, i) => {
      const file = join(dir, `${i}-${c.component}.values.yaml`);
      writeFileSync(file, c.valuesYaml);
      return { component: c, args: ['template', 'istio', join(root, 'charts', c.chart), '-n', c.namespace, '--kube-version', set.kubeVersion, '-f', file] };
    });
    let same = true;
    for (const h of helmRuns) {
      const out = spawnSync(helm, h.args, { encoding: 'utf8', env, maxBuffer: 1 << 28 });
      const ours = h.component.objects.map((o) => o.yaml.trim()).sort();
      const theirs = documents(out.stdout);
      if (out.status !== 0 || JSON.stringify(ours) !== JSON.stringify(theirs)) {
        same = false;
        process.stdout.write(`  ${h.component.component}: helm 4 differs (exit ${out.status})\n${out.stderr}`);
      }
    }
    const cliOut = spawnSync(process.execPath, [bin, 'manifest', 'generate', '--set', `profile=${profile}`], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
    if (cliOut.stdout !== set.toYaml()) {
      same = false;
      process.stdout.write(`  the CLI's output differs from render().toYaml() (exit ${cliOut.status})\n${cliOut.stderr}`);
    }
    process.stdout.write(
      `profile ${profile}: ${set.components.map((c) => c.gatewayName ?? c.component).join(', ')}; ${set.objects.length} objects, ${set.toYaml().split('\n').length} lines\n`,
    );
    process.stdout.write(`outputs identical (library, CLI, helm 4 per chart): ${same ? 'yes' : 'NO'}\n`);
    if (!same) {
      process.exitCode = 1;
      return;
    }

    const warm = timeInProcess(() => render({ profile }), runs * 5, 20);
    const rssAfterWarm = process.memoryUsage().rss / 1024;
    const cli: number[] = [];
    const cliRss: number[] = [];
    const helmSum: number[] = [];
    const helmRssSum: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c = timeProcess(process.execPath, [bin, 'manifest', 'generate', '--set', `profile=${profile}`], 1);
      cli.push(...c.ms);
      cliRss.push(...c.maxRssKiB);
      let ms = 0;
      let rss = 0;
      for (const h of helmRuns) {
        const t = timeProcess(helm, h.args, 1);
        ms += t.ms[0];
        rss += t.maxRssKiB[0] ?? 0;
      }
      helmSum.push(ms);
      helmRssSum.push(rss);
      bare.push(...timeProcess(process.execPath, ['-e', '0'], 1).ms);
    }
    const mh = median(helmSum);
    const mib = (kib: number): string => `${Math.round(kib / 1024)} MiB`;
    const rows: [string, number, string][] = [
      ['(a) render(), warm, in-process', median(warm), `${mib(rssAfterWarm)} process RSS`],
      ['(b) istio-installer CLI, cold', median(cli), `${mib(Math.max(...cliRss))} peak RSS`],
      [`(c) helm 4.1.4, ${helmRuns.length} processes summed`, mh, `${mib(Math.max(...helmRssSum))} peak RSS summed`],
      ['    node -e 0 (Node start-up alone)', median(bare), ''],
    ];
    process.stdout.write(`\n${'what'.padEnd(40)} ${'median ms'.padStart(10)} ${'helm / this'.padStart(12)}  memory\n`);
    for (const [what, ms, mem] of rows) {
      process.stdout.write(`${what.padEnd(40)} ${fmtMs(ms).padStart(10)} ${(mh / ms).toFixed(1).padStart(11)}x  ${mem}\n`);
    }
    process.stdout.write(`\n(a) ${runs * 5} renders after 20 warm-up renders; (b), (c) and node: ${runs} rounds, interleaved.\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
