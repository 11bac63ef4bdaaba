/**
 * Shows what the real helm binaries do with each case of a corpus file, for corpus authors:
 *
 *   node --import tsx test/differential/helm-run.ts <corpus.yaml> [--helm helm3|helm4] [--case NAME] [--helm-only]
 *
 * Prints, per case and helm version, the rendered output (invisible bytes escaped, lines end
 * with ⏎) or, for failing cases, the exit code and stderr. Cases that fail but are not marked
 * `error: true` are flagged. Without --helm both versions are shown, and identical results are
 * printed once. Then our engine renders the same case (compat helm3/helm4) and every difference
 * is shown as `OURS (helmN) DIFFER`; `--helm-only` skips that.
 */
import { readFileSync } from 'node:fs';
import { resolve, relative } from 'node:path';
import {
  CORPUS_DIR,
  HELM_VERSIONS,
  compareCase,
  describeOurs,
  loadEngine,
  oursForFile,
  parseCorpusFile,
  runHelmOnFile,
  showBytes,
  type Engine,
  type HelmResult,
  type HelmVersion,
  type OurRender,
} from './harness.js';

function usage(msg?: string): never {
  if (msg) process.stderr.write(`helm-run: ${msg}\n`);
  process.stderr.write('usage: node --import tsx test/differential/helm-run.ts <corpus.yaml> [--helm helm3|helm4] [--case NAME] [--helm-only]\n');
  process.exit(2);
}

function describe(r: HelmResult): string {
  switch (r.kind) {
    case 'output':
      return `output:\n${indent(showBytes(r.output))}`;
    case 'error':
    case 'unexpected-error': {
      const head = r.kind === 'unexpected-error' ? 'FAILS BUT IS NOT MARKED error: true; ' : '';
      let s = `${head}exit ${r.exitCode}\n`;
      if (r.stdout.length > 0) s += `  stdout:\n${indent(showBytes(r.stdout))}\n`;
      s += `  stderr:\n${indent(showBytes(r.stderr))}`;
      return s;
    }
  }
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function same(a: HelmResult, b: HelmResult): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'output' && b.kind === 'output') return a.output.equals(b.output);
  if (a.kind !== 'output' && b.kind !== 'output') return a.stderr.equals(b.stderr) && a.stdout.equals(b.stdout) && a.exitCode === b.exitCode;
  return false;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let path: string | undefined;
  let helms: readonly HelmVersion[] = HELM_VERSIONS;
  let only: string | undefined;
  let withOurs = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--helm') {
      const v = args[++i];
      if (v !== 'helm3' && v !== 'helm4') usage(`--helm wants helm3 or helm4, got ${v}`);
      helms = [v];
    } else if (a === '--helm-only') {
      withOurs = false;
    } else if (a === '--case') {
      only = args[++i];
    } else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (path === undefined) path = a;
    else usage('one corpus file at a time');
  }
  if (path === undefined) usage();
  const abs = resolve(path);
  const file = parseCorpusFile(relative(CORPUS_DIR, abs), readFileSync(abs, 'utf8'));
  const results = await Promise.all(helms.map(async (h) => [h, await runHelmOnFile(h, file)] as const));
  let engine: Engine | undefined;
  if (withOurs) {
    try {
      engine = await loadEngine();
    } catch (e) {
      process.stdout.write(`(our engine could not be loaded, showing helm only: ${String(e)})\n`);
    }
  }
  const mine = new Map<HelmVersion, Map<string, Buffer | OurRender>>();
  if (engine) for (const [h, m] of results) mine.set(h, oursForFile(engine, file, h, m));
  let unexpected = 0;
  let differ = 0;
  for (const c of file.cases) {
    if (only !== undefined && c.name !== only) continue;
    const rs = results.map(([h, m]) => [h, m.get(c.name) as HelmResult] as const);
    process.stdout.write(`=== ${c.name} (${c.file})${c.error ? ' [error]' : ''}\n    t: ${showBytes(Buffer.from(c.t))}\n`);
    if (rs.length === 2 && same(rs[0][1], rs[1][1])) {
      process.stdout.write(`  helm3 = helm4 ${describe(rs[0][1])}\n`);
    } else {
      for (const [h, r] of rs) process.stdout.write(`  ${h} ${describe(r)}\n`);
    }
    for (const [h, r] of rs) {
      if (r.kind === 'unexpected-error') unexpected++;
      const o = mine.get(h)?.get(c.name);
      if (o !== undefined && r.kind !== 'unexpected-error' && compareCase(file, c, h, r, o) !== undefined) {
        differ++;
        process.stdout.write(`  OURS (${h}) DIFFER: ${describeOurs(o).replace(/\n/g, '\n    ')}\n`);
      }
    }
    if (c.error && rs.every(([, r]) => r.kind === 'output')) {
      process.stdout.write('  NOTE: marked error: true but renders in every helm version shown\n');
    }
  }
  if (unexpected > 0) {
    process.stdout.write(`\n${unexpected} result(s) fail without error: true — mark those cases error: true\n`);
    process.exitCode = 1;
  }
  if (engine) process.stdout.write(`\nours: ${differ === 0 ? 'identical to helm for every case shown' : `${differ} difference(s)`}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`helm-run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
