/**
 * Shared by the `manifest generate` acceptance tests (golden, parity, determinism): the cases
 * (every built-in profile with and without `--revision canary`, every fixture under
 * test/fixtures/iop/), the golden-file convention of this repository (UPDATE_GOLDEN=1 rewrites;
 * read the diff before committing), and the render plans of a case (compose -> validate ->
 * translate, the same steps render() takes) so a test can repeat what render() did with real helm.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoValue } from '../../src/gotemplate/value.js';
import type { RenderInput } from '../../src/manifest/index.js';
import { composeIstioOperator, type ComposeFile } from '../../src/operator/compose/compose.js';
import { listProfiles } from '../../src/operator/profiles.js';
import { translate } from '../../src/operator/translate/index.js';
import type { RenderPlan } from '../../src/operator/translate/types.js';
import { safeValidateIstioOperator } from '../../src/operator/validate/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
export const FIXTURE_DIR = join(ROOT, 'test', 'fixtures', 'iop');
export const GOLDEN_DIR = join(ROOT, 'test', 'golden', 'manifests');

/** One acceptance case: a name (also the golden file's base name) and the render input. */
export interface Case {
  readonly name: string;
  readonly input: RenderInput;
}

/** The fixture base names (without .yaml), sorted. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A fixture as a compose file named by its repository-relative path. */
export function fixtureFile(name: string): ComposeFile {
  return { name: `test/fixtures/iop/${name}.yaml`, text: readFileSync(join(FIXTURE_DIR, `${name}.yaml`), 'utf8') };
}

/** profile-<p>, profile-<p>-canary for every profile, then fixture-<f> for every fixture. */
export function cases(): Case[] {
  const out: Case[] = [];
  for (const p of listProfiles()) {
    out.push({ name: `profile-${p}`, input: { profile: p } });
    out.push({ name: `profile-${p}-canary`, input: { profile: p, revision: 'canary' } });
  }
  for (const f of fixtureNames()) out.push({ name: `fixture-${f}`, input: { files: [fixtureFile(f)] } });
  return out;
}

/**
 * The golden text of test/golden/manifests/<file> to compare `actual` with; UPDATE_GOLDEN=1 (or a
 * missing file) first writes `actual` there.
 */
export function golden(file: string, actual: string): string {
  const path = join(GOLDEN_DIR, file);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

/**
 * The render plans of an input, by the steps render() takes before rendering (compose, validate,
 * translate); throws with the issues' messages when one of them fails.
 */
export function plansOf(input: RenderInput): readonly RenderPlan[] {
  const composed = composeIstioOperator({
    ...(input.profile !== undefined ? { profile: input.profile } : {}),
    ...(input.files !== undefined ? { files: input.files } : {}),
    ...(input.set !== undefined ? { set: input.set } : {}),
  });
  if (!composed.ok) throw new Error(composed.issues.map((i) => i.message).join('\n'));
  const validated = safeValidateIstioOperator(composed.value);
  if (!validated.success) throw new Error(validated.issues.map((i) => i.message).join('\n'));
  const translated = translate(validated.data, input.revision !== undefined ? { revision: input.revision } : {});
  if (!translated.ok) throw new Error(translated.issues.map((i) => i.message).join('\n'));
  return translated.plans;
}

/** `Pilot`, `IngressGateways/<name>`: a component or plan in messages and comparisons. */
export function componentLabel(c: { readonly component: string; readonly gatewayName?: string }): string {
  return c.gatewayName === undefined ? c.component : `${c.component}/${c.gatewayName}`;
}

/** Parsed YAML data (plain objects, arrays, scalars) as the Go values the YAML emitter prints. */
export function plainToGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(plainToGo);
  if (typeof v === 'object') {
    const m = new Map<string, GoValue>();
    for (const [k, x] of Object.entries(v)) m.set(k, plainToGo(x));
    return m;
  }
  throw new Error(`not YAML data: ${typeof v}`);
}
