/**
 * The differential corpus: every case of test/differential/corpus/**\/*.yaml rendered by the real
 * helm 3.17.3 and helm 4.1.4 and by our engine in the matching compat mode, compared byte for
 * byte (errors: complete stderr and exit code). See harness.ts for how helm is run.
 *
 *   npx vitest run test/differential/corpus.test.ts              every file
 *   CORPUS=helm/include npx vitest run test/differential/corpus.test.ts   matching files only
 *   node --import tsx test/differential/helm-run.ts <file.yaml>  helm's and our output per case
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  HELM_VERSIONS,
  compareCase,
  loadCorpusChecked,
  loadEngine,
  oursForFile,
  runHelmOnFile,
  type Engine,
  type OurRender,
  type HelmResult,
  type HelmVersion,
} from './harness.js';

// CORPUS=<substring> limits the run to matching corpus files (helm is then run for those only).
const only = process.env.CORPUS;
const loaded = loadCorpusChecked();
const corpus = only ? loaded.files.filter((f) => f.path.includes(only)) : loaded.files;
const problems = only ? loaded.problems.filter((p) => p.path.includes(only)) : loaded.problems;

const helmResults = new Map<string, Map<HelmVersion, Map<string, HelmResult>>>();
/** A file whose helm run failed as a whole (bad values.yaml, ...): its tests report this. */
const helmFailures = new Map<string, unknown>();
let engine: Engine | undefined;
let engineError: unknown;

beforeAll(async () => {
  try {
    engine = await loadEngine();
  } catch (e) {
    engineError = e;
  }
  await Promise.all(
    corpus.flatMap((file) =>
      HELM_VERSIONS.map(async (helm) => {
        let r: Map<string, HelmResult>;
        try {
          r = await runHelmOnFile(helm, file);
        } catch (e) {
          helmFailures.set(`${file.path} ${helm}`, e);
          return;
        }
        let m = helmResults.get(file.path);
        if (!m) helmResults.set(file.path, (m = new Map()));
        m.set(helm, r);
      }),
    ),
  );
}, 600_000);

describe('differential corpus', () => {
  it('has corpus files', () => {
    expect(corpus.length).toBeGreaterThan(0);
  });

  for (const p of problems) {
    it(`${p.path} is a well-formed corpus file`, () => {
      throw new Error(p.message);
    });
  }

  for (const file of corpus) {
    describe(file.path, () => {
      for (const helm of HELM_VERSIONS) {
        it(`matches ${helm} (${file.cases.length} cases)`, () => {
          const failure = helmFailures.get(`${file.path} ${helm}`);
          if (failure !== undefined) throw failure;
          const results = helmResults.get(file.path)?.get(helm);
          if (!results) throw new Error(`no helm results for ${file.path}`);
          if (!engine) {
            const unexpected = file.cases.filter((c) => results.get(c.name)?.kind === 'unexpected-error').map((c) => c.name);
            const note = unexpected.length > 0 ? `\nalso, these fail in ${helm} without error: true: ${unexpected.join(', ')}` : '';
            throw new Error(`our engine could not be loaded: ${String(engineError)}${note}`);
          }
          const mine = oursForFile(engine, file, helm, results);
          const reports: string[] = [];
          for (const c of file.cases) {
            const rep = compareCase(file, c, helm, results.get(c.name) as HelmResult, mine.get(c.name) as Buffer | OurRender);
            if (rep) reports.push(rep);
          }
          if (reports.length > 0) {
            throw new Error(`${reports.length} of ${file.cases.length} cases differ from ${helm}:\n\n${reports.join('\n\n')}`);
          }
        });
      }
    });
  }
});
