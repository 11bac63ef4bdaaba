/**
 * `istio-installer tag generate|list` (issue 7): revision tags, offline.
 *
 * - `tag generate TAG --revision REV [-f IOP]... [--set P=V]... [--profile P] [--webhook-name N]
 *   [--overwrite] [--cluster-state FILE] [--kube-version V]`: prints the objects that point TAG at
 *   REV (src/revision/tag.ts), for `kubectl apply -f -`. Warnings go to stderr.
 * - `tag list --cluster-state FILE [-o table|yaml|json]`: the tags of a cluster snapshot with the
 *   revision each points at and the namespaces it injects (src/revision/tag-list.ts).
 *
 * This tool never talks to a cluster: the snapshot is the YAML `kubectl get ... -o yaml` prints
 * (docs/cluster-state.md). Exit codes: 0 ok, 1 invalid input, 2 usage, 3 internal fault.
 */
import type { Command } from 'commander';
import { toGoValue } from '../manifest/generate/plain.js';
import { formatIssue, type Issue } from '../operator/issues.js';
import { parseClusterState, type ClusterState } from '../revision/cluster-state.js';
import { formatTagTable, listTags } from '../revision/tag-list.js';
import { safeGenerateTag } from '../revision/tag.js';
import { marshalYaml } from '../yaml/index.js';
import { collect, failWithIssues, readComposeFiles } from './input-flags.js';
import type { CliContext } from './io.js';
import { readUserFile } from './read-file.js';

interface GenerateOptions {
  revision: string;
  filename?: string[];
  set?: string[];
  profile?: string;
  webhookName?: string;
  overwrite?: boolean;
  clusterState?: string;
  kubeVersion?: string;
}

interface ListOptions {
  clusterState: string;
  output?: string;
}

const GENERATE_HELP = `
Prints, for kubectl apply -f -:
  MutatingWebhookConfiguration istio-revision-tag-TAG (or --webhook-name): namespaces labelled
    istio.io/rev=TAG and pods labelled istio.io/rev=TAG are injected by revision REV.
  For TAG "default" also: ValidatingWebhookConfiguration istiod-default-validator (resources
    without istio.io/rev are validated by REV), and the previous default injector (istio-sidecar-injector)
    with every webhook deactivated (selectors istio.io/deactivated=never-match), so that it and
    the default tag never both inject a pod.
The installation (-f, --set, --profile) gives the chart settings (namespace, injection URL, ...).
With --cluster-state (a snapshot, see docs/cluster-state.md): the tag must not exist already
(unless --overwrite) nor be named like an installed revision, REV must be installed, the
caBundle and URL are copied from REV's webhook, the previous default injector is the snapshot's,
and a warning names every namespace or pod that would then match two webhooks.

Examples:
  istio-installer tag generate prod --revision 1-11-8 > prod.yaml && kubectl apply -f prod.yaml
  kubectl label namespace shop istio.io/rev=prod
  istio-installer tag generate default --revision 1-11-8 --cluster-state cluster.yaml | kubectl apply -f -

Exit status: 0 ok, 1 invalid input (each problem on stderr), 2 usage, 3 internal fault.
`;

const LIST_HELP = `
Columns: TAG, the revision it points at, and the namespaces it injects (namespaces where a pod
without labels would be injected by the tag: labelled istio.io/rev=TAG; for "default" also
istio-injection=enabled).
Snapshot: kubectl get mutatingwebhookconfigurations,validatingwebhookconfigurations,namespaces -A -o yaml > cluster.yaml
(docs/cluster-state.md has the full command).
Exit status: 0 ok, 1 invalid input, 2 usage, 3 internal fault.
`;

export function registerTag(program: Command, ctx: CliContext): void {
  const tag = program.command('tag').description('revision tags: stable names (prod, canary, default) for control plane revisions');

  tag
    .command('generate')
    .description('print the webhook configurations that point a revision tag at a revision (for kubectl apply)')
    .argument('<tag>', 'the revision tag, e.g. prod, canary or default')
    .requiredOption('-r, --revision <revision>', 'control plane revision the tag points at ("default" is the revision-less istiod)')
    .option('-f, --filename <file>', 'IstioOperator file of the installation (repeatable, applied left to right; - reads stdin)', collect)
    .option('-s, --set <path=value>', 'override one field of the installation (repeatable)', collect)
    .option('--profile <name>', 'profile of the installation (default: the one the files name, else default)')
    .option('--webhook-name <name>', 'name of the MutatingWebhookConfiguration instead of istio-revision-tag-<tag>')
    .option('--overwrite', 'replace an existing tag (with --cluster-state)')
    .option('--cluster-state <file>', 'snapshot of the cluster (kubectl get ... -o yaml) for the checks and the CA bundle')
    .option('--kube-version <version>', 'Kubernetes version to render for (default: the newest supported)')
    .addHelpText('after', GENERATE_HELP)
    .action((name: string, opts: GenerateOptions) => generate(ctx, name, opts));

  tag
    .command('list')
    .alias('show')
    .description('list the revision tags of a cluster snapshot')
    .requiredOption('--cluster-state <file>', 'snapshot of the cluster (kubectl get ... -o yaml)')
    .option('-o, --output <format>', 'table (default), yaml or json', 'table')
    .addHelpText('after', LIST_HELP)
    .action((opts: ListOptions) => list(ctx, opts));
}

function printWarnings(ctx: CliContext, issues: readonly Issue[]): void {
  for (const i of issues) ctx.io.stderr(`${formatIssue(i)}\n`);
}

/** The parsed snapshot; undefined (problems printed, exit code 1) when it cannot be read or parsed. */
function readClusterState(ctx: CliContext, file: string): ClusterState | undefined {
  const r = readUserFile(ctx.cwd, file);
  if (!r.ok) {
    failWithIssues(ctx, [{ severity: 'error', code: 'cannot-read-file', path: '', message: `cannot read ${file}: ${r.why}` }]);
    return undefined;
  }
  const p = parseClusterState(new TextDecoder().decode(r.bytes), r.name);
  if (!p.success) {
    failWithIssues(ctx, p.issues);
    return undefined;
  }
  printWarnings(ctx, p.warnings);
  return p.state;
}

function generate(ctx: CliContext, name: string, opts: GenerateOptions): void {
  const files = readComposeFiles(ctx, opts.filename ?? []);
  if (files === undefined) return;
  let clusterState: ClusterState | undefined;
  if (opts.clusterState !== undefined) {
    clusterState = readClusterState(ctx, opts.clusterState);
    if (clusterState === undefined) return;
  }
  const r = safeGenerateTag({
    tag: name,
    revision: opts.revision,
    render: {
      files,
      set: opts.set ?? [],
      ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
      ...(opts.kubeVersion !== undefined ? { kubeVersion: opts.kubeVersion } : {}),
    },
    ...(opts.webhookName !== undefined ? { webhookName: opts.webhookName } : {}),
    ...(opts.overwrite === true ? { overwrite: true } : {}),
    ...(clusterState !== undefined ? { clusterState } : {}),
  });
  if (!r.success) return failWithIssues(ctx, r.issues);
  printWarnings(ctx, r.data.warnings);
  ctx.io.stdout(r.data.yaml);
}

function list(ctx: CliContext, opts: ListOptions): void {
  const format = opts.output ?? 'table';
  if (format !== 'table' && format !== 'yaml' && format !== 'json') {
    ctx.io.stderr(`error: unknown output format ${JSON.stringify(format)}; use table, yaml or json\n`);
    return ctx.setExitCode(2);
  }
  const state = readClusterState(ctx, opts.clusterState);
  if (state === undefined) return;
  const rows = listTags(state);
  if (format === 'table') return ctx.io.stdout(formatTagTable(rows));
  // istioctl's JSON shape: tag, revision, namespaces.
  const plain = rows.map((r) => ({ tag: r.tag, revision: r.revision, namespaces: [...r.namespaces] }));
  ctx.io.stdout(format === 'json' ? `${JSON.stringify(plain, null, 2)}\n` : marshalYaml(toGoValue(plain)));
}
