/**
 * `npm run bench -- <name>`: speed figures measured side by side with helm on the same input,
 * in one run, reported as medians and ratios. Nothing here is asserted by tests.
 */
import { benchApi } from './api.js';
import { benchEngine } from './engine.js';
import { benchGenerate } from './generate.js';
import { benchHelm } from './helm.js';

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  api: benchApi,
  engine: benchEngine,
  generate: benchGenerate,
  helm: benchHelm,
};

const [name, ...rest] = process.argv.slice(2);
const run = name === undefined ? undefined : BENCHES[name];
if (!run) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [--runs N]\n`);
  process.exitCode = 2;
} else {
  await run(rest);
}
