/**
 * `istio-installer uninstall --dry-run (--revision REV | -f IOP... [--set P=V]... | --purge)
 *  --cluster-state FILE [-o yaml|json] [--istioNamespace NS]` (issue 7).
 *
 * Prints what would be deleted (src/revision/uninstall.ts: only objects this installer rendered,
 * never another revision's or another installation's), in deletion order, with warnings on
 * stderr. This tool never talks to a cluster: without --dry-run it is a usage error pointing at
 * `-o yaml | kubectl delete -f -`. `-o yaml` prints the objects (apiVersion, kind, name,
 * namespace) as `---` separated documents for `kubectl delete -f -`; `-o json` a kubectl List;
 * without -o a readable list.
 *
 * Flags as istioctl 1.11 `x uninstall`: -r/--revision, -f/--filename (repeatable here: layered as
 * in `manifest generate`), -s/--set (with -f; alone only `--set revision=REV`, istioctl's alias of
 * --revision), --purge, --istioNamespace (default istio-system; with -f the file's namespace is
 * used). Exit codes: 0 ok, 1 invalid input, 2 usage, 3 internal fault.
 */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { safeRender } from '../manifest/index.js';
import { formatIssue } from '../operator/issues.js';
import { deletionManifest, describeObject, safePlanUninstall, DEFAULT_ISTIO_NAMESPACE } from '../revision/uninstall.js';
import { collect, failWithIssues, readComposeFiles } from './input-flags.js';
import type { CliContext } from './io.js';
import { readClusterState, SNAPSHOT_HELP, usageError } from './revision.js';

interface UninstallOptions {
  dryRun?: boolean;
  revision?: string;
  filename?: string[];
  set?: string[];
  purge?: boolean;
  clusterState?: string;
  output?: string;
  istioNamespace?: string;
}

const NEVER_CHANGES =
  'istio-installer never changes a cluster: run uninstall with --dry-run and --cluster-state to see what would be deleted, then delete it yourself:\n' +
  '  istio-installer uninstall --dry-run --revision REV --cluster-state cluster-state.yaml -o yaml | kubectl delete -f -';

export function registerUninstall(program: Command, ctx: CliContext): void {
  program
    .command('uninstall')
    .description('list, from a cluster snapshot, the objects that removing a revision or an installation deletes (dry run only)')
    .option('--dry-run', 'required: print what would be deleted (this tool never changes a cluster)')
    .option('-r, --revision <revision>', 'remove this control plane revision ("default" is the revision-less one); never Base or CRDs')
    .option('-f, --filename <file>', 'remove the installation this IstioOperator file describes (repeatable, layered left to right; - reads stdin)', collect)
    .option('-s, --set <path=value>', 'override a field of the -f installation (repeatable); alone only revision=REV', collect)
    .option('--purge', 'remove whole installations: all revisions, gateways and Base of the istio namespace (only the one of -f or --revision when given); CRDs when nothing else remains')
    .option('--cluster-state <file>', 'snapshot of the cluster (kubectl get ... -A -o yaml; - reads stdin)')
    .option('-o, --output <format>', 'yaml (for kubectl delete -f -), json (a kubectl List) or a readable list (default)')
    .option('--istioNamespace <namespace>', 'namespace of the control plane for --revision and --purge', DEFAULT_ISTIO_NAMESPACE)
    .addHelpText(
      'after',
      `
Only objects this installer rendered are listed (labels operator.istio.io/component and
install.operator.istio.io/owning-resource), never another revision's or another installation's.
--revision never lists Base objects or CRDs. Warnings (stderr) name pods still injected by a
removed revision, namespaces still labelled for it or one of its tags, and gateways that go away.
Objects are listed in deletion order (the reverse of the install order).
${SNAPSHOT_HELP}

Examples:
  istio-installer uninstall --dry-run --revision canary --cluster-state cluster-state.yaml
  istio-installer uninstall --dry-run -f old-iop.yaml --cluster-state cluster-state.yaml -o yaml | kubectl delete -f -
  istio-installer uninstall --dry-run --purge --istioNamespace istio-system --cluster-state cluster-state.yaml

Exit status: 0 ok, 1 invalid input (snapshot, IstioOperator), 2 usage, 3 internal fault.
`,
    )
    .action((opts: UninstallOptions) => uninstall(ctx, opts));
}

function uninstall(ctx: CliContext, opts: UninstallOptions): void {
  if (opts.dryRun !== true) return usageError(ctx, NEVER_CHANGES);
  const format = opts.output ?? 'list';
  if (format !== 'list' && format !== 'yaml' && format !== 'json') return usageError(ctx, `unknown output format ${JSON.stringify(format)}; use yaml or json (or leave -o out for a readable list)`);
  if (opts.clusterState === undefined) return usageError(ctx, '--cluster-state FILE is required: the snapshot of the cluster to plan against (see --help for the kubectl command)');
  const files = opts.filename ?? [];
  let revision = opts.revision;
  const sets = opts.set ?? [];
  if (files.length === 0 && sets.length > 0) {
    const rev = sets.length === 1 ? /^(?:spec\.)?revision=(.*)$/.exec(sets[0] ?? '') : null;
    if (!rev) return usageError(ctx, '--set needs -f (the installation it changes); alone only --set revision=REV is accepted, as --revision REV');
    if (revision !== undefined && revision !== rev[1]) return usageError(ctx, `--revision ${revision} and --set revision=${rev[1] ?? ''} disagree`);
    revision = rev[1] ?? '';
  }
  if (revision === undefined && files.length === 0 && opts.purge !== true) return usageError(ctx, 'say what to uninstall: --revision REV, -f IOP (the installation it describes) or --purge');
  if (revision !== undefined && files.length > 0) return usageError(ctx, '--revision and -f both name what to uninstall; give one (with -f, set the revision in the file or with --set revision=REV)');
  if (revision !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(revision)) {
    return usageError(ctx, `--revision ${JSON.stringify(revision)} is not a revision name (lower case letters, digits and -, starting and ending with a letter or digit)`);
  }

  if (opts.clusterState === '-' && files.includes('-')) return usageError(ctx, 'standard input can be read once: give the cluster state or the IstioOperator as a file');
  const state = readClusterState(ctx, opts.clusterState);
  if (!state) return;
  let installation;
  if (files.length > 0) {
    const compose = readComposeFiles(ctx, files);
    if (compose === undefined) return;
    const r = safeRender({ files: compose, set: sets });
    if (!r.success) return failWithIssues(ctx, r.issues);
    installation = r.data;
  }
  const plan = safePlanUninstall({
    state,
    ...(revision !== undefined ? { revision } : {}),
    ...(installation ? { installation } : {}),
    purge: opts.purge === true,
    ...(opts.istioNamespace !== undefined ? { istioNamespace: opts.istioNamespace } : {}),
  });
  if (!plan.success) return failWithIssues(ctx, plan.issues);
  const { objects, warnings } = plan.data;
  if (format === 'yaml') {
    ctx.io.stdout(deletionManifest(objects).map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join(''));
  } else if (format === 'json') {
    ctx.io.stdout(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: deletionManifest(objects) }, null, 2)}\n`);
  } else if (objects.length > 0) {
    ctx.io.stdout(`Dry run: nothing is deleted. Removing this would delete ${objects.length} object${objects.length === 1 ? '' : 's'}, in this order:\n`);
    for (const o of objects) ctx.io.stdout(`  ${describeObject(o)}\n`);
    ctx.io.stdout(`To delete them: add -o yaml and pipe to kubectl delete -f -\n`);
  }
  for (const w of warnings) ctx.io.stderr(`${formatIssue(w)}\n`);
}
