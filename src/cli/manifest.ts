/**
 * `istio-installer manifest generate|values|diff` (issue 6).
 *
 * - `manifest generate [-f FILE]... [-s P=V]... [-r REV] [--component NAME]... [--kube-version V]
 *   [--force] [--output-format yaml|json] [-o DIR]`: the installation an IstioOperator describes,
 *   rendered by `render()` (src/manifest) in install order. stdout carries only the manifests;
 *   warnings go to stderr. `-o DIR` writes istioctl's component tree instead (see TREE below),
 *   all at once: into a hidden sibling first, renamed into place at the end.
 * - `manifest values [input flags] -o DIR`: the values file each component's chart is rendered
 *   with, in the same tree, and on stdout the `helm template` command that renders each.
 * - `manifest diff A B [--select P] [--ignore P] [-r|--directory]`: object-by-object comparison
 *   (src/manifest/diff.ts); exit 0 when the same, 1 when they differ, 2 when they cannot be
 *   compared (unreadable file, bad YAML, bad pattern), as diff(1) and cmp(1) do.
 *
 * The input flags (-f, --set) are `profile dump`'s (src/cli/input-flags.ts): files layered left to
 * right over the profile they name (`-` reads stdin), then --set flags in order.
 * Exit codes as the rest of the CLI: 0 ok, 1 invalid input, 2 usage, 3 internal fault.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { diffManifests, formatManifestDiff, type ManifestSource } from '../manifest/diff.js';
import type { ComponentManifest, ComponentName, ManifestObject, ManifestSet } from '../manifest/generate/types.js';
import { safeRender } from '../manifest/index.js';
import { formatIssue, type Issue } from '../operator/issues.js';
import { collect, failWithIssues, readComposeFiles } from './input-flags.js';
import type { CliContext } from './io.js';
import { readUserFile } from './read-file.js';
import { checkOutputDir, writeTreeAtomically, type TreeFile } from './write-tree.js';

interface InputOptions {
  filename?: string[];
  set?: string[];
  revision?: string;
  component?: string[];
  kubeVersion?: string;
  force?: boolean;
}

interface GenerateOptions extends InputOptions {
  output?: string;
  outputFormat?: string;
}

interface ValuesOptions extends InputOptions {
  output: string;
}

interface DiffOptions {
  select?: string[];
  ignore?: string[];
  directory?: boolean;
}

/**
 * istioctl's `-o DIR` tree (facts §3.1): each component in a directory under the one it depends
 * on, Base -> Pilot -> {Cni, IngressGateways, EgressGateways}. istioctl leaves IstiodRemote out
 * (it is applied without waiting); we write it under Base, next to Pilot, whose place it takes
 * on a remote cluster.
 */
const TREE: Readonly<Record<ComponentName, string>> = {
  Base: 'Base',
  Pilot: 'Base/Pilot',
  IstiodRemote: 'Base/IstiodRemote',
  Cni: 'Base/Pilot/Cni',
  IngressGateways: 'Base/Pilot/IngressGateways',
  EgressGateways: 'Base/Pilot/EgressGateways',
};

const TREE_HELP = `
Output directory (-o DIR), one file per component, each under the component it depends on
(apply them top down):
  DIR/Base/Base.yaml
  DIR/Base/Pilot/Pilot.yaml
  DIR/Base/IstiodRemote/IstiodRemote.yaml        (istioctl did not write this one)
  DIR/Base/Pilot/Cni/Cni.yaml
  DIR/Base/Pilot/IngressGateways/IngressGateways.yaml   (every ingress gateway, one after another)
  DIR/Base/Pilot/EgressGateways/EgressGateways.yaml
Only components that render objects get a file. DIR is written completely or not at all (a
hidden sibling is written first and renamed); an existing non-empty DIR is replaced only with
--force. With --output-format json each file is a kubectl List named <Component>.json.

Examples:
  istio-installer manifest generate > istio.yaml
  istio-installer manifest generate -f my-iop.yaml --set values.global.proxy.logLevel=debug
  istio-installer manifest generate --revision canary --component Pilot
  istio-installer manifest generate -f my-iop.yaml -o out/ && kubectl apply -f out/Base/Base.yaml

Exit status: 0 ok, 1 invalid input (each problem on stderr as file:line:col: severity: path:
message), 2 usage, 3 internal fault.
`;

export function registerManifest(program: Command, ctx: CliContext): void {
  const manifest = program.command('manifest').description('generate Istio manifests from an IstioOperator, write chart values, compare manifests');

  inputOptions(
    manifest
      .command('generate')
      .description('print the Kubernetes manifests of the installation an IstioOperator describes, in install order (only YAML on stdout)'),
  )
    .option('-o, --output <dir>', "write istioctl's component tree into <dir> instead of printing (see below)")
    .option('--output-format <format>', 'yaml (default: documents separated by ---) or json (one kubectl List)', 'yaml')
    .option('--force', 'turn validation errors into warnings and render anyway; with -o, replace a non-empty <dir>')
    .addHelpText('after', TREE_HELP)
    .action((opts: GenerateOptions) => generate(ctx, opts));

  inputOptions(
    manifest
      .command('values')
      .description('write, per component, the values file its chart is rendered with, and print the helm command for each'),
  )
    .requiredOption('-o, --output <dir>', 'directory to write the values files into (same tree as generate -o)')
    .option('--force', 'turn validation errors into warnings; replace a non-empty <dir>')
    .addHelpText(
      'after',
      `
Files: DIR/Base/Base.values.yaml, DIR/Base/Pilot/Pilot.values.yaml,
DIR/Base/IstiodRemote/IstiodRemote.values.yaml, DIR/Base/Pilot/Cni/Cni.values.yaml and, per gateway,
DIR/Base/Pilot/IngressGateways/<gateway name>.values.yaml (EgressGateways alike).
stdout: one command per component, run from the istio-installer package directory (it holds
charts/), e.g.
  helm template istio charts/istiod -n istio-system --kube-version 1.34 -f DIR/Base/Pilot/Pilot.values.yaml
Helm renders the same objects as 'manifest generate', except components.*.k8s.overlays, which are
applied after rendering and are not chart values.
Exit status: 0 ok, 1 invalid input, 2 usage (-o missing), 3 internal fault.
`,
    )
    .action((opts: ValuesOptions) => values(ctx, opts));

  manifest
    .command('diff')
    .description('compare two manifests object by object (matched by kind, namespace and name)')
    .argument('<a>', 'first manifest file (- reads stdin), or directory with --directory')
    .argument('<b>', 'second manifest file, or directory with --directory')
    .option('--select <patterns>', 'compare only objects matching Kind:Namespace:Name patterns, comma-separated, * wildcards (repeatable)', collect)
    .option('--ignore <patterns>', 'leave out objects matching these patterns (same format; repeatable)', collect)
    .option('-r, --directory', 'A and B are directories: every .yaml, .yml and .json file below them')
    .addHelpText(
      'after',
      `
Patterns: Kind:Namespace:Name; a missing or empty part matches anything, * matches any run of
characters within a part, a part matches whole (Service does not select ServiceAccount).
Cluster-scoped objects have an empty namespace. Examples:
  --select Deployment,Service:istio-system   --ignore 'ConfigMap:*:istio-ca-root-cert'
Objects are compared as data: formatting, comments and key order do not count. A kind: List
stands for its items.
Exit status: 0 the same, 1 they differ, 2 they cannot be compared (unreadable file, bad YAML or pattern).
`,
    )
    .action((a: string, b: string, opts: DiffOptions) => diff(ctx, a, b, opts));
}

/** The input flags of generate and values (those of `profile dump`, plus revision, component, kube version). */
function inputOptions(cmd: Command): Command {
  return cmd
    .option('-f, --filename <file>', 'IstioOperator file to layer on top (repeatable, applied left to right; - reads stdin)', collect)
    .option('-s, --set <path=value>', 'override one field, e.g. values.global.proxy.logLevel=debug (repeatable)', collect)
    .option('-r, --revision <revision>', 'control plane revision (same as --set revision=<revision>)')
    .option('--component <name>', 'only this component: Base, Pilot, Cni, IstiodRemote, IngressGateways, EgressGateways or a gateway name (repeatable, or comma-separated)', collect)
    .option('--kube-version <version>', 'Kubernetes version to render for and validate against (default: the newest supported)');
}

// ---------------------------------------------------------------------------------------------
// generate

function generate(ctx: CliContext, opts: GenerateOptions): void {
  const format = opts.outputFormat ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') return usage(ctx, `unknown --output-format ${JSON.stringify(format)}; use yaml or json`);
  if (opts.output !== undefined) {
    if (/^(json|yaml)$/i.test(opts.output)) {
      return usage(
        ctx,
        `-o is the output directory (as in istioctl); for ${opts.output.toUpperCase()} on stdout use --output-format ${opts.output.toLowerCase()}, for a directory named ${opts.output} use -o ./${opts.output}`,
      );
    }
    if (!precheckDir(ctx, opts.output, opts.force === true)) return;
  }
  const set = renderSet(ctx, opts);
  if (set === undefined) return;
  if (opts.output === undefined) {
    if (set.objects.length === 0) ctx.io.stderr('note: no component rendered any object (all disabled or filtered out by --component)\n');
    else ctx.io.stdout(format === 'json' ? jsonList(set.objects) : set.toYaml());
    return;
  }
  const files: TreeFile[] = [];
  for (const component of Object.keys(TREE) as ComponentName[]) {
    const objects = set.objects.filter((o) => o.component === component);
    if (objects.length === 0) continue;
    files.push({
      path: `${TREE[component]}/${component}.${format}`,
      text: format === 'json' ? jsonList(objects) : objects.map((o) => `---\n${o.yaml}`).join(''),
    });
  }
  if (files.length === 0) ctx.io.stderr(`note: no component rendered any object; ${opts.output} is written empty\n`);
  writeTree(ctx, opts.output, files, opts.force === true);
}

/** A kubectl `List` of the objects (kubectl apply -f takes it), two-space indented. */
function jsonList(objects: readonly ManifestObject[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects.map((o) => o.object) }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// values

function values(ctx: CliContext, opts: ValuesOptions): void {
  if (!precheckDir(ctx, opts.output, opts.force === true)) return;
  const set = renderSet(ctx, opts);
  if (set === undefined) return;
  const files: TreeFile[] = [];
  const commands: string[] = [];
  const used = new Set<string>();
  for (const c of set.components) {
    const path = uniquePath(valuesPath(c), used);
    files.push({ path, text: c.valuesYaml });
    commands.push(
      `helm template istio charts/${c.chart} -n ${shellWord(c.namespace)} --kube-version ${shellWord(set.kubeVersion)} -f ${shellWord(joinOut(opts.output, path))}`,
    );
  }
  if (files.length === 0) {
    ctx.io.stderr('note: no component is enabled (or --component filtered them all out); nothing written\n');
    return;
  }
  if (!writeTree(ctx, opts.output, files, opts.force === true)) return;
  ctx.io.stdout(`# Render each component with Helm, from the istio-installer package directory:\n${commands.map((l) => `${l}\n`).join('')}`);
}

/** Where a component's values file goes: gateways are named after their entry. */
function valuesPath(c: ComponentManifest): string {
  const dir = TREE[c.component];
  const gateway = c.component === 'IngressGateways' || c.component === 'EgressGateways';
  return `${dir}/${gateway && c.gatewayName !== undefined ? c.gatewayName : c.component}.values.yaml`;
}

/** `a/x.values.yaml`, or `a/x-2.values.yaml` when two gateway entries share a name. */
function uniquePath(path: string, used: Set<string>): string {
  let p = path;
  for (let i = 2; used.has(p); i++) p = path.replace(/\.values\.yaml$/, `-${i}.values.yaml`);
  used.add(p);
  return p;
}

function joinOut(dir: string, path: string): string {
  return `${dir.replace(/[/\\]+$/, '')}/${path}`;
}

/** The word as a POSIX shell reads it back (single-quoted when it has special characters). */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// diff

function diff(ctx: CliContext, a: string, b: string, opts: DiffOptions): void {
  const sa = readSide(ctx, a, opts.directory === true);
  const sb = readSide(ctx, b, opts.directory === true);
  if (sa === undefined || sb === undefined) return ctx.setExitCode(2);
  const r = diffManifests(sa, sb, { select: opts.select ?? [], ignore: opts.ignore ?? [], labelA: a, labelB: b });
  if (!r.ok) {
    printIssues(ctx, r.issues);
    return ctx.setExitCode(2);
  }
  printIssues(ctx, r.warnings);
  ctx.io.stdout(formatManifestDiff(r.diff, a, b));
  if (!r.diff.same) ctx.setExitCode(1);
}

/** One side's files; undefined (after printing why) when they cannot be read. */
function readSide(ctx: CliContext, arg: string, directory: boolean): ManifestSource[] | undefined {
  if (!directory) {
    const r = readUserFile(ctx.cwd, arg);
    if (!r.ok) {
      ctx.io.stderr(`error: cannot read ${arg}: ${r.why}${r.why === 'it is a directory' ? ' (use --directory to compare directories)' : ''}\n`);
      return undefined;
    }
    return [{ name: r.name, text: new TextDecoder().decode(r.bytes) }];
  }
  const root = resolve(ctx.cwd, arg);
  let paths: string[];
  try {
    if (!statSync(root).isDirectory()) {
      ctx.io.stderr(`error: ${arg} is not a directory\n`);
      return undefined;
    }
    paths = manifestFiles(root);
  } catch {
    ctx.io.stderr(`error: cannot read the directory ${arg}\n`);
    return undefined;
  }
  const out: ManifestSource[] = [];
  for (const p of paths) {
    const shown = joinOut(arg, relative(root, p).split(/[/\\]/).join('/'));
    const r = readUserFile(ctx.cwd, p);
    if (!r.ok) {
      ctx.io.stderr(`error: cannot read ${shown}: ${r.why}\n`);
      return undefined;
    }
    out.push({ name: shown, text: new TextDecoder().decode(r.bytes) });
  }
  return out;
}

/** Every .yaml, .yml and .json file below dir, sorted by path. */
function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...manifestFiles(p));
    else if (e.isFile() && /\.(ya?ml|json)$/i.test(e.name)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// shared

/** Reads the -f files and renders; prints issues and warnings. Undefined (exit code set) on errors. */
function renderSet(ctx: CliContext, opts: InputOptions): ManifestSet | undefined {
  const files = readComposeFiles(ctx, opts.filename ?? []);
  if (files === undefined) return undefined;
  const components = (opts.component ?? []).flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== '');
  const r = safeRender({
    files,
    set: opts.set ?? [],
    ...(opts.revision !== undefined ? { revision: opts.revision } : {}),
    ...(opts.kubeVersion !== undefined ? { kubeVersion: opts.kubeVersion } : {}),
    ...(components.length > 0 ? { components } : {}),
    force: opts.force === true,
  });
  if (!r.success) {
    failWithIssues(ctx, r.issues);
    return undefined;
  }
  printIssues(ctx, r.data.warnings);
  return r.data;
}

/** Refuses an unusable -o DIR before any rendering. */
function precheckDir(ctx: CliContext, dir: string, force: boolean): boolean {
  const c = checkOutputDir(ctx.cwd, dir, force);
  if (c.ok) return true;
  ctx.io.stderr(`error: ${c.why}\n`);
  ctx.setExitCode(1);
  return false;
}

function writeTree(ctx: CliContext, dir: string, files: readonly TreeFile[], force: boolean): boolean {
  const w = writeTreeAtomically(ctx.cwd, dir, files, { force });
  if (!w.ok) {
    ctx.io.stderr(`error: ${w.why}\n`);
    ctx.setExitCode(1);
    return false;
  }
  if (w.warning !== undefined) ctx.io.stderr(`warning: ${w.warning}\n`);
  return true;
}

function printIssues(ctx: CliContext, issues: readonly Issue[]): void {
  for (const i of issues) ctx.io.stderr(`${formatIssue(i)}\n`);
}

function usage(ctx: CliContext, message: string): void {
  ctx.io.stderr(`error: ${message}\n`);
  ctx.setExitCode(2);
}
