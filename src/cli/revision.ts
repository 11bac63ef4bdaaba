/**
 * `istio-installer revision list --cluster-state FILE [-o table|yaml|json]` (issue 7): the control
 * plane revisions of a cluster snapshot (src/revision/revision-list.ts) with their tags, istiod
 * Deployments, the namespaces they inject and the number of pods running their proxy.
 *
 * Also home of `readClusterState`, which every command taking `--cluster-state` uses: it reads the
 * file (`-` is stdin), parses it (src/revision/cluster-state.ts) and prints problems as
 * `file:line:col: error: ...` with exit code 1. Exit codes: 0 ok, 1 invalid input, 2 usage,
 * 3 internal fault.
 */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { formatIssue } from '../operator/issues.js';
import { parseClusterState, type ClusterState } from '../revision/cluster-state.js';
import { listRevisions, type RevisionRow } from '../revision/revision-list.js';
import { failWithIssues } from './input-flags.js';
import type { CliContext } from './io.js';
import { readUserFile } from './read-file.js';

/** The kubectl command that writes a snapshot (docs/cluster-state.md explains it). */
export const SNAPSHOT_COMMAND =
  'kubectl get namespaces,pods,deployments.apps,daemonsets.apps,services,serviceaccounts,configmaps,' +
  'roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io,clusterroles.rbac.authorization.k8s.io,' +
  'clusterrolebindings.rbac.authorization.k8s.io,mutatingwebhookconfigurations.admissionregistration.k8s.io,' +
  'validatingwebhookconfigurations.admissionregistration.k8s.io,customresourcedefinitions.apiextensions.k8s.io,' +
  'horizontalpodautoscalers.autoscaling,poddisruptionbudgets.policy,envoyfilters.networking.istio.io -A -o yaml > cluster-state.yaml';

export const SNAPSHOT_HELP = `
The snapshot (--cluster-state FILE) is what kubectl prints for the cluster; make it with
  ${SNAPSHOT_COMMAND}
(docs/cluster-state.md). Several kubectl outputs joined with --- are accepted too.`;

/** The parsed snapshot, or undefined after printing why not (exit code 1). Warnings go to stderr. */
export function readClusterState(ctx: CliContext, file: string): ClusterState | undefined {
  const r = readUserFile(ctx.cwd, file);
  if (!r.ok) {
    failWithIssues(ctx, [{ severity: 'error', code: 'cannot-read-file', path: '', message: `cannot read the cluster state ${file}: ${r.why}` }]);
    return undefined;
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(r.bytes);
  const parsed = parseClusterState(text, r.name);
  if (!parsed.success) {
    failWithIssues(ctx, parsed.issues);
    return undefined;
  }
  for (const w of parsed.warnings) ctx.io.stderr(`${formatIssue(w)}\n`);
  return parsed.state;
}

/** A usage error: message on stderr, exit code 2. */
export function usageError(ctx: CliContext, message: string): void {
  ctx.io.stderr(`error: ${message}\n`);
  ctx.setExitCode(2);
}

/** Left-aligned columns separated by three spaces, as istioctl's tables. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

interface ListOptions {
  clusterState: string;
  output?: string;
}

export function registerRevision(program: Command, ctx: CliContext): void {
  const revision = program.command('revision').description('control plane revisions of a cluster snapshot');
  revision
    .command('list')
    .alias('ls')
    .description('list the revisions of a cluster snapshot: tags, istiod Deployments, injected namespaces, proxy pods')
    .requiredOption('--cluster-state <file>', 'snapshot of the cluster (kubectl get ... -A -o yaml; - reads stdin)')
    .option('-o, --output <format>', 'table (default), yaml or json', 'table')
    .addHelpText(
      'after',
      `
Columns: REVISION, TAGS (revision tags pointing at it), ISTIOD (namespace/name of its istiod
Deployments; <none> when it is referenced but not running), NAMESPACES (where a new pod without
labels is injected by it, as the API server evaluates the snapshot's webhooks), PODS (pods running
its proxy). The revision-less control plane is "default".
${SNAPSHOT_HELP}

Exit status: 0 ok, 1 invalid snapshot, 2 usage, 3 internal fault.
`,
    )
    .action((opts: ListOptions) => list(ctx, opts));
}

function list(ctx: CliContext, opts: ListOptions): void {
  const format = opts.output ?? 'table';
  if (format !== 'table' && format !== 'yaml' && format !== 'json') return usageError(ctx, `unknown output format ${JSON.stringify(format)}; use table, yaml or json`);
  const state = readClusterState(ctx, opts.clusterState);
  if (!state) return;
  const rows = listRevisions(state);
  if (format === 'json') return ctx.io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  if (format === 'yaml') return ctx.io.stdout(rows.length === 0 ? '[]\n' : stringify(rows, { lineWidth: 0 }));
  if (rows.length === 0) {
    ctx.io.stderr(`No Istio control plane found in ${state.file}.\n`);
    return;
  }
  ctx.io.stdout(formatTable(['REVISION', 'TAGS', 'ISTIOD', 'NAMESPACES', 'PODS'], rows.map(cells)));
}

function cells(r: RevisionRow): string[] {
  const join = (v: readonly string[]): string => (v.length === 0 ? '<none>' : v.join(','));
  return [r.revision, join(r.tags), join(r.istiod), join(r.namespaces), String(r.pods)];
}
