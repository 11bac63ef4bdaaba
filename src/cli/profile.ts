/**
 * `istio-installer profile list|dump|diff` (issue 4), istioctl's semantics:
 * - `profile list`: the built-in profiles;
 * - `profile dump [NAME] [-f FILE]... [--set P=V]... [--config-path P] [-o yaml|json|flags]`: the
 *   composed IstioOperator (default profile, NAME, files, --set), validated, or its subtree at
 *   --config-path; `flags` prints one `--set path=value` line per leaf;
 * - `profile diff A B`: a unified diff of the two profiles' dumps.
 * A NAME (or A/B) containing `/` or ending in `.yaml` is a file, layered over the default profile.
 * `-d DIR` (or installPackagePath in a file or --set) reads the profiles from DIR/profiles/.
 *
 * Output is YAML with keys sorted (as istioctl prints Go maps), strings quoted where YAML 1.1
 * would read them as another type, so the output reads back identically with -f.
 * Diagnostics go to stderr as `file:line:col: severity: path: message`; exit 1 on errors.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { composeIstioOperator } from '../operator/compose/compose.js';
import { flattenToSetFlags } from '../operator/compose/flags.js';
import { selectConfigPath } from '../operator/compose/select.js';
import { formatIssue, type Issue, type SourceMap } from '../operator/issues.js';
import { listProfiles } from '../operator/profiles.js';
import { safeValidateIstioOperator } from '../operator/validate/index.js';
import type { CliContext } from './io.js';
import { unifiedDiff } from '../manifest/diff.js';
import { collect, failWithIssues, readComposeFiles } from './input-flags.js';

type OutputFormat = 'yaml' | 'json' | 'flags';

interface DumpOptions {
  filename?: string[];
  set?: string[];
  configPath?: string;
  output?: string;
  manifests?: string;
  force?: boolean;
}

export function registerProfile(program: Command, ctx: CliContext): void {
  const profile = program.command('profile').description('list, dump and compare IstioOperator configuration profiles');

  profile
    .command('list')
    .description('list the built-in profiles')
    .action(() => {
      ctx.io.stdout(`Istio configuration profiles:\n${listProfiles().map((n) => `    ${n}\n`).join('')}`);
    });

  profile
    .command('dump')
    .description('print the IstioOperator composed from a profile, -f files and --set flags')
    .argument('[profile]', 'built-in profile name, or a file layered over the default profile')
    .option('-f, --filename <file>', 'IstioOperator file to layer on top (repeatable, applied left to right; - reads stdin)', collect, [])
    .option('-s, --set <path=value>', 'override one field, e.g. values.global.proxy.logLevel=debug (repeatable)', collect, [])
    .option('-p, --config-path <path>', 'print only the subtree at this path, e.g. components.pilot')
    .option('-o, --output <format>', 'yaml, json or flags', 'yaml')
    .option('-d, --manifests <dir>', 'read profiles from <dir>/profiles/ (same as --set installPackagePath=<dir>)')
    .option('--force', 'report schema errors as warnings and print anyway')
    .action((name: string | undefined, opts: DumpOptions) => {
      const format = outputFormat(opts.output, ctx);
      if (!format) return;
      const dumped = dump(ctx, name, opts);
      if (dumped === undefined) return;
      const selected = opts.configPath ? selectConfigPath(dumped.doc, opts.configPath) : undefined;
      if (selected && !selected.ok) return fail(ctx, [selected.issue]);
      const value = selected ? selected.value : dumped.doc;
      if (format === 'json') ctx.io.stdout(`${JSON.stringify(sortKeys(value), null, 2)}\n`);
      else if (format === 'flags') {
        const tree = selected ? value : dumped.doc['spec'];
        ctx.io.stdout(flattenToSetFlags(tree, selected ? selected.path : []).map((l) => `--set ${l}\n`).join(''));
      } else ctx.io.stdout(toYaml(value));
    });

  profile
    .command('diff')
    .description('show how two profiles differ (unified diff of their dumps)')
    .argument('<profile-a>', 'first profile (name or file)')
    .argument('<profile-b>', 'second profile (name or file)')
    .action((a: string, b: string) => {
      const da = dump(ctx, a, {});
      if (da === undefined) return;
      const db = dump(ctx, b, {});
      if (db === undefined) return;
      const text = unifiedDiff(a, b, toYaml(da.doc), toYaml(db.doc));
      ctx.io.stdout(text === '' ? 'Profiles are identical\n' : text);
    });
}

function outputFormat(o: string | undefined, ctx: CliContext): OutputFormat | undefined {
  const f = o ?? 'yaml';
  if (f === 'yaml' || f === 'json' || f === 'flags') return f;
  ctx.io.stderr(`Error: unknown output format ${JSON.stringify(f)}; use yaml, json or flags\n`);
  ctx.setExitCode(2);
  return undefined;
}

/** A profile argument that names a file rather than a built-in profile. */
function isFileArgument(name: string): boolean {
  return /[/\\]/.test(name) || /\.ya?ml$/i.test(name);
}

/** Composes and validates; prints issues. Undefined (exit code set) when there are errors. */
function dump(ctx: CliContext, name: string | undefined, opts: DumpOptions): { doc: Record<string, unknown>; sourceMap: SourceMap } | undefined {
  const paths = [...(name !== undefined && isFileArgument(name) ? [name] : []), ...(opts.filename ?? [])];
  const files = readComposeFiles(ctx, paths);
  if (files === undefined) return undefined;
  const r = composeIstioOperator({
    ...(name !== undefined && !isFileArgument(name) ? { profile: name } : {}),
    files,
    set: [...(opts.set ?? []), ...(opts.manifests !== undefined ? [`installPackagePath=${opts.manifests}`] : [])],
    readProfile: (dir, profileName) => {
      const file = join(dir, 'profiles', `${profileName}.yaml`);
      try {
        return { file, text: readFileSync(resolve(ctx.cwd, file), 'utf8') };
      } catch {
        return undefined;
      }
    },
  });
  if (!r.ok) {
    fail(ctx, r.issues);
    return undefined;
  }
  const checked = validateComposed(r.value, r.sourceMap, opts.force === true);
  const issues = [...r.issues, ...checked.issues];
  if (!checked.ok) {
    fail(ctx, issues);
    return undefined;
  }
  for (const i of issues) ctx.io.stderr(`${formatIssue(i)}\n`);
  return { doc: r.value, sourceMap: r.sourceMap };
}

/** Schema and semantic validation of the composed document. */
function validateComposed(doc: Record<string, unknown>, sourceMap: SourceMap, force: boolean): { ok: boolean; issues: Issue[] } {
  const r = safeValidateIstioOperator(doc, { sourceMap, force });
  return r.success ? { ok: true, issues: r.warnings } : { ok: false, issues: r.issues };
}

const fail = failWithIssues;

/** A copy with map keys in sorted order (JSON output; YAML sorts when printing). */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false });
}

