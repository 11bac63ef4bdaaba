/**
 * `istio-installer kube-inject` (issue 9): istioctl kube-inject, offline.
 *
 *   kube-inject -f FILE|- [-o FILE] [-r REV] [--operatorFileName IOP]... [-s PATH=V]...
 *               [--meshConfigFile F] [--injectConfigFile F] [--valuesFile F] [-n NS]
 *
 * The injector configuration is the one istiod would have: from the installation render()
 * makes of the IstioOperator files (`--operatorFileName`, repeatable, layered left to right),
 * `--set` and `--revision` (default profile without them), or from istioctl's three files, each
 * the raw key or the ConfigMap holding it (src/inject/config.ts). A file given replaces that part
 * of the rendered installation; with all three no installation is rendered.
 *
 * Output: the workload documents, the injected ones re-emitted, the others as written, on stdout
 * or into `-o FILE`, written atomically (a hidden sibling renamed into place; nothing is left
 * behind on error). Warnings (workloads not injected, unknown fields) go to stderr.
 * Exit status: 0 ok, 1 invalid input (each problem as file:line:col: severity: path: message),
 * 2 usage, 3 internal fault.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { safeInjectionSourceFromFiles, safeInjectionSourceFromManifest, type ConfigText, type InjectionFiles } from '../inject/config.js';
import { safeInject } from '../inject/index.js';
import { parseWorkloadsBytes } from '../inject/parse-workloads.js';
import type { InjectionSource } from '../inject/types.js';
import { safeRender } from '../manifest/index.js';
import { formatIssue, type Issue } from '../operator/issues.js';
import { collect, failWithIssues, readComposeFiles } from './input-flags.js';
import type { CliContext } from './io.js';
import { readUserFile } from './read-file.js';

interface KubeInjectOptions {
  filename?: string;
  output?: string;
  revision?: string;
  operatorFileName?: string[];
  set?: string[];
  meshConfigFile?: string;
  injectConfigFile?: string;
  valuesFile?: string;
  namespace?: string;
}

const HELP = `
Configuration: by default the injector of the installation the IstioOperator files and --set
describe (the default profile without them), for --revision's istiod. --meshConfigFile,
--injectConfigFile and --valuesFile (istioctl's flags) replace parts of it; each takes the raw
configuration, the ConfigMap holding it, or a manifest containing that ConfigMap:
  --meshConfigFile    mesh config YAML, or ConfigMap istio[-<rev>] (key mesh)
  --injectConfigFile  injector config YAML (or a bare sidecar template), or ConfigMap
                      istio-sidecar-injector[-<rev>] (key config)
  --valuesFile        values JSON, or ConfigMap istio-sidecar-injector[-<rev>] (key values)
A file given wins over the installation (istioctl lets the IstioOperator's values and meshConfig
override the files instead). E.g. from a running cluster:
  kubectl -n istio-system get configmap istio-sidecar-injector -o yaml > injector.yaml
  kubectl -n istio-system get configmap istio -o yaml > mesh.yaml
  istio-installer kube-inject -f app.yaml --injectConfigFile injector.yaml --valuesFile injector.yaml --meshConfigFile mesh.yaml

Workloads injected: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
Job, CronJob and the items of a List; other documents are printed as written. Workloads that
opt out (sidecar.istio.io/inject: "false", hostNetwork) are printed unchanged, with a warning.

Examples:
  istio-installer kube-inject -f app.yaml | kubectl apply -f -
  istio-installer kube-inject -f app.yaml --revision canary -o app-injected.yaml
  istio-installer kube-inject -f app.yaml --operatorFileName my-iop.yaml --set values.global.proxy.logLevel=debug

Exit status: 0 ok, 1 invalid input (each problem on stderr as file:line:col: severity: path:
message), 2 usage, 3 internal fault.
`;

export function registerKubeInject(program: Command, ctx: CliContext): void {
  program
    .command('kube-inject')
    .description('inject the Istio sidecar into Kubernetes workload files, offline (istioctl kube-inject)')
    .requiredOption('-f, --filename <file>', 'workload YAML to inject (- reads stdin)')
    .option('-o, --output <file>', 'write the injected YAML into <file> instead of stdout (written atomically)')
    .option('-r, --revision <revision>', 'control plane revision whose injector to use')
    .option('--operatorFileName <file>', 'IstioOperator file of the installation (repeatable, applied left to right; - reads stdin)', collect)
    .option('-s, --set <path=value>', 'override one IstioOperator field, e.g. values.global.proxy.logLevel=debug (repeatable)', collect)
    .option('--meshConfigFile <file>', 'mesh config YAML, or the istio ConfigMap (see below)')
    .option('--injectConfigFile <file>', 'injector config YAML, or the istio-sidecar-injector ConfigMap (see below)')
    .option('--valuesFile <file>', 'injector values JSON, or the istio-sidecar-injector ConfigMap (see below)')
    .option('-n, --namespace <namespace>', 'namespace of workloads that name none (default: "default")')
    .addHelpText('after', HELP)
    .action((opts: KubeInjectOptions) => kubeInject(ctx, opts));
}

function kubeInject(ctx: CliContext, opts: KubeInjectOptions): void {
  const file = opts.filename as string;
  const stdinUsers = [
    ['-f', file],
    ['--meshConfigFile', opts.meshConfigFile],
    ['--injectConfigFile', opts.injectConfigFile],
    ['--valuesFile', opts.valuesFile],
    ...(opts.operatorFileName ?? []).map((f) => ['--operatorFileName', f]),
  ].filter(([, v]) => v === '-');
  if (stdinUsers.length > 1) return usage(ctx, `only one input can be read from stdin (-), got ${stdinUsers.map(([flag]) => flag).join(' and ')}`);
  if (opts.output !== undefined) {
    const why = outputProblem(ctx.cwd, opts.output);
    if (why !== undefined) return fail(ctx, why);
  }
  const allFiles = opts.meshConfigFile !== undefined && opts.injectConfigFile !== undefined && opts.valuesFile !== undefined;
  if (allFiles && ((opts.operatorFileName ?? []).length > 0 || (opts.set ?? []).length > 0)) {
    ctx.io.stderr('warning: --operatorFileName and --set are not used: --meshConfigFile, --injectConfigFile and --valuesFile give the whole configuration\n');
  }

  // The workload first: a bad workload file is reported without rendering anything.
  const workload = readUserFile(ctx.cwd, file);
  if (!workload.ok) return failWithIssues(ctx, [cannotRead(file, workload.why)]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(workload.bytes);
  } catch {
    const r = parseWorkloadsBytes(workload.bytes, workload.name);
    return failWithIssues(ctx, r.success ? [{ severity: 'error', code: 'workload-invalid-utf8', path: '', message: 'the file is not valid UTF-8 text' }] : r.issues);
  }

  const source = injectionSource(ctx, opts, allFiles);
  if (source === undefined) return;
  const r = safeInject({ source, text, file: workload.name, ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}) });
  if (!r.success) return failWithIssues(ctx, r.issues);
  // In file order: the reader's warnings (unknown fields) and injection's (workloads skipped) interleaved.
  printIssues(ctx, [...r.data.warnings].sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0)));
  if (opts.output === undefined) {
    ctx.io.stdout(r.data.yaml);
    return;
  }
  const w = writeFileAtomically(ctx.cwd, opts.output, r.data.yaml);
  if (w !== undefined) fail(ctx, w);
}

/** The injector configuration (printing issues and returning undefined on errors). */
function injectionSource(ctx: CliContext, opts: KubeInjectOptions, allFiles: boolean): InjectionSource | undefined {
  const files: { meshConfig?: ConfigText; injectConfig?: ConfigText; values?: ConfigText } = {};
  const issues: Issue[] = [];
  const read = (path: string | undefined, key: 'meshConfig' | 'injectConfig' | 'values'): void => {
    if (path === undefined) return;
    const r = readUserFile(ctx.cwd, path);
    if (!r.ok) return void issues.push(cannotRead(path, r.why));
    try {
      files[key] = { text: new TextDecoder('utf-8', { fatal: true }).decode(r.bytes), file: r.name };
    } catch {
      issues.push({ severity: 'error', code: 'inject-config-parse', path: '', message: `${path} is not valid UTF-8 text`, source: { file: r.name, line: 1, column: 1 } });
    }
  };
  read(opts.meshConfigFile, 'meshConfig');
  read(opts.injectConfigFile, 'injectConfig');
  read(opts.valuesFile, 'values');
  if (issues.length > 0) {
    failWithIssues(ctx, issues);
    return undefined;
  }

  let base: InjectionSource | undefined;
  if (!allFiles) {
    const iops = readComposeFiles(ctx, opts.operatorFileName ?? []);
    if (iops === undefined) return undefined;
    const rendered = safeRender({ files: iops, set: opts.set ?? [], ...(opts.revision !== undefined ? { revision: opts.revision } : {}) });
    if (!rendered.success) {
      failWithIssues(ctx, rendered.issues);
      return undefined;
    }
    printIssues(ctx, rendered.data.warnings);
    const s = safeInjectionSourceFromManifest(rendered.data);
    if (!s.success) {
      failWithIssues(ctx, s.issues);
      return undefined;
    }
    printIssues(ctx, s.warnings);
    base = s.source;
  }
  const input: InjectionFiles = { ...files, ...(base !== undefined ? { base } : {}), ...(opts.revision !== undefined ? { revision: opts.revision } : {}) };
  const s = safeInjectionSourceFromFiles(input);
  if (!s.success) {
    failWithIssues(ctx, s.issues);
    return undefined;
  }
  printIssues(ctx, s.warnings);
  return s.source;
}

function cannotRead(path: string, why: string): Issue {
  return { severity: 'error', code: 'cannot-read-file', path: '', message: `cannot read ${path}: ${why}` };
}

/** Why `-o FILE` cannot be written (checked before any work), or undefined. */
function outputProblem(cwd: string, out: string): string | undefined {
  if (out === '' || out.endsWith('/')) return `-o ${JSON.stringify(out)}: give a file name`;
  const target = resolve(cwd, out);
  try {
    const st = lstatSync(target);
    if (st.isDirectory()) return `-o ${out}: it is a directory; give a file name`;
    if (st.isSymbolicLink()) return `-o ${out}: it is a symbolic link; give the file itself`;
    if (!st.isFile()) return `-o ${out}: it is not a regular file`;
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') return `cannot use -o ${out}: ${reason(e)}`;
  }
  try {
    if (!lstatSync(dirname(target)).isDirectory()) return `cannot write ${out}: ${dirname(out)} is not a directory`;
  } catch {
    return `cannot write ${out}: the directory ${dirname(out)} does not exist`;
  }
  return undefined;
}

/** Writes `text` to a hidden sibling, then renames it over `out`: the file is complete or untouched. */
function writeFileAtomically(cwd: string, out: string, text: string): string | undefined {
  const target = resolve(cwd, out);
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
    renameSync(tmp, target);
    return undefined;
  } catch (e) {
    rmSync(tmp, { force: true });
    return `cannot write ${out}: ${reason(e)}`;
  }
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

function printIssues(ctx: CliContext, issues: readonly Issue[]): void {
  for (const i of issues) ctx.io.stderr(`${formatIssue(i)}\n`);
}

function fail(ctx: CliContext, message: string): void {
  ctx.io.stderr(`error: ${message}\n`);
  ctx.setExitCode(1);
}

function usage(ctx: CliContext, message: string): void {
  ctx.io.stderr(`error: ${message}\n`);
  ctx.setExitCode(2);
}
