// `npm run fuzz -- --seed S --cases N [--helm helm3|helm4] [--batch B] [--no-shrink] [--max-shrink K] [--helm-only]`
// Generates N random templates from seed S, renders them with real helm and with our engine,
// and prints every mismatch with a shrunk case in corpus format.
import { renderOurs } from './fuzz/ours.js';
import { runFuzz } from './fuzz/run.js';
import type { HelmVersion } from './fuzz/helm-batch.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(arg('--seed') ?? Date.now() % 1_000_000);
const cases = Number(arg('--cases') ?? 500);
const helm = arg('--helm');
const versions: HelmVersion[] = helm ? [helm as HelmVersion] : ['helm3', 'helm4'];
const helmOnly = process.argv.includes('--helm-only');
const started = Date.now();
const report = await runFuzz({
  seed,
  cases,
  versions,
  batchSize: Number(arg('--batch') ?? 100),
  ours: helmOnly ? undefined : renderOurs,
  shrink: !process.argv.includes('--no-shrink'),
  maxShrink: Number(arg('--max-shrink') ?? 10),
  log: (m) => console.log(m),
});
for (const m of report.mismatches) {
  console.log(`\n=== MISMATCH ${m.version} template #${m.index}`);
  console.log(`template: ${JSON.stringify(m.text)}`);
  console.log(`helm: ${m.helm.ok ? JSON.stringify(m.helm.out.toString('utf8')) : JSON.stringify(m.helm.stderr)}`);
  console.log(`ours: ${m.ours.ok ? JSON.stringify(m.ours.out.toString('utf8')) : JSON.stringify(m.ours.stderr)}`);
  if (m.corpusCase) console.log(`minimal case (corpus format):\n${m.corpusCase}`);
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `\nseed ${seed}: ${report.templates} templates x ${versions.length} helm versions in ${secs}s; ` +
    Object.entries(report.helm).map(([v, s]) => `${v} ${s.ok} ok/${s.failed} failed`).join(', ') +
    `; compared ${report.compared}; mismatches ${report.mismatches.length}`,
);
process.exit(report.mismatches.length ? 1 : 0);
