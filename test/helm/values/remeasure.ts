/**
 * Re-measures the snapshots of this directory on the real binaries:
 *   npx tsx test/helm/values/remeasure.ts
 * Inputs (flags, files, args) stay as they are in each *.measured.json; outputs are rewritten.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { helmScenario, helmUserValues } from './helm-live.js';

const here = (name: string): URL => new URL(`./${name}`, import.meta.url);

async function main(): Promise<void> {
  type StrvalsRow = { flag: string; arg: string };
  const strvals = JSON.parse(readFileSync(here('strvals.measured.json'), 'utf8')) as StrvalsRow[];
  const strvalsOut = [];
  for (const r of strvals) {
    const args = [`--${r.flag}`, r.arg];
    const files = { 'f.txt': 'hi\n' };
    strvalsOut.push({ flag: r.flag, arg: r.arg, h3: await helmUserValues('helm3', files, args), h4: await helmUserValues('helm4', files, args) });
  }
  writeFileSync(here('strvals.measured.json'), JSON.stringify(strvalsOut, null, 1));

  type UserRow = { name: string; files?: Record<string, string>; args: string[] };
  const user = JSON.parse(readFileSync(here('user-values.measured.json'), 'utf8')) as UserRow[];
  const userOut = [];
  for (const r of user) {
    const files = { ...r.files, 'f.txt': 'hi\n' };
    userOut.push({ ...r, h3: await helmUserValues('helm3', files, r.args), h4: await helmUserValues('helm4', files, r.args) });
  }
  writeFileSync(here('user-values.measured.json'), JSON.stringify(userOut, null, 1));

  type ScenarioRow = { name: string; files: Record<string, string>; args: string[] };
  const scenarios = JSON.parse(readFileSync(here('resolve.measured.json'), 'utf8')) as ScenarioRow[];
  const scenariosOut = [];
  for (const s of scenarios) {
    scenariosOut.push({
      name: s.name,
      files: s.files,
      args: s.args,
      h3: await helmScenario('helm3', s.files, s.args),
      h4: await helmScenario('helm4', s.files, s.args),
    });
  }
  writeFileSync(here('resolve.measured.json'), JSON.stringify(scenariosOut, null, 1));
}

await main();
