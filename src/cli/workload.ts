/**
 * `istio-installer workload entry configure` (issue 8): the files a VM needs to join the mesh,
 * written offline into -o DIR (all or nothing, src/cli/write-tree.ts).
 *
 *   workload entry configure -f WORKLOADGROUP -o DIR [--iop FILE]... [-s P=V]... [--profile P]
 *     [-r REV] [-n NS] [--clusterID ID] [--workloadIP IP] [--ingressIP IP] [--ingressService S]
 *     [--autoregister] [--capture-dns=false] [--root-cert F] [--token F] [--tokenDuration S] [--force]
 *
 * The installation (--iop, --set, --profile, --revision) is the one holding the mesh config
 * (istiod's cluster); it is rendered as `manifest generate` renders it. Exit codes: 0 ok
 * (warnings on stderr), 1 invalid input, 2 usage, 3 internal fault.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { formatIssue, type Issue } from '../operator/issues.js';
import { safeConfigureWorkload, type NamedText } from '../workload/index.js';
import { DEFAULT_INGRESS_SERVICE, DEFAULT_TOKEN_DURATION } from '../workload/configure.js';
import { collect, failWithIssues, readComposeFiles } from './input-flags.js';
import type { CliContext } from './io.js';
import { readUserFile } from './read-file.js';
import { checkOutputDir, writeTreeAtomically } from './write-tree.js';

interface ConfigureOptions {
  file: string;
  output: string;
  iop?: string[];
  set?: string[];
  profile?: string;
  revision?: string;
  namespace?: string;
  clusterID?: string;
  workloadIP?: string;
  ingressIP?: string;
  ingressService?: string;
  autoregister?: boolean;
  captureDns?: boolean;
  rootCert?: string;
  token?: string;
  tokenDuration?: number;
  force?: boolean;
}

const CONFIGURE_HELP = `
Writes into DIR (the files istio-agent reads on the VM; install them as Istio's VM guide says):
  cluster.env    KEY=value settings of the agent: service, namespace, service account, inbound
                 ports (the group's spec.template.ports, else all), cluster/mesh/network IDs, labels
  mesh.yaml      the mesh's defaultConfig (discovery address, proxyMetadata) with the group's
                 proxy.istio.io/config annotation and spec.probe applied
  hosts          "<ingressIP> <istiod host>" when istiod's discovery address is a cluster-local
                 name (then --ingressIP is required), else only a comment
  sidecar.env    ISTIO_SVC_IP=<ip>, only with --workloadIP
  root-cert.pem  copied from --root-cert; istio-token copied from --token. Both need the live
                 cluster: without them a warning prints the kubectl command that fetches each,
                 and the file is not written.
The installation (--iop, --set, --profile, --revision) is the one that holds the mesh config
(the primary cluster, or the config cluster of an external control plane).

Examples:
  istio-installer workload entry configure -f ratings-group.yaml --iop primary.yaml \\
    --ingressIP 203.0.113.20 --root-cert root-cert.pem --token istio-token -o vm-files
  istio-installer workload entry configure -f ratings-group.yaml --revision canary \\
    --ingressIP 203.0.113.20 --autoregister --workloadIP 198.51.100.7 -o vm-files --force

Exit status: 0 ok (warnings on stderr), 1 invalid input (each problem on stderr), 2 usage, 3 internal fault.
`;

function parseBool(v: string | undefined): boolean {
  if (v === undefined || v === 'true') return true;
  if (v === 'false') return false;
  throw new InvalidArgumentError('expected true or false.');
}

function parseSeconds(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a number of seconds.');
  return Number(v);
}

export function registerWorkload(program: Command, ctx: CliContext): void {
  const workload = program.command('workload').description('configure workloads that run outside Kubernetes (VMs) for the mesh');
  const entry = workload.command('entry').description('WorkloadEntry helpers');
  entry
    .command('configure')
    .description('write the files a VM needs to join the mesh, from a WorkloadGroup and the installation (offline)')
    .requiredOption('-f, --file <file>', 'the WorkloadGroup file (- reads stdin)')
    .requiredOption('-o, --output <dir>', 'directory to write the files into (replaced as a whole; a non-empty one needs --force)')
    .option('--iop <file>', 'IstioOperator file of the installation holding the mesh config (repeatable, applied left to right)', collect)
    .option('-s, --set <path=value>', 'override one field of the installation (repeatable)', collect)
    .option('--profile <name>', 'profile of the installation (default: the one the files name, else default)')
    .option('-r, --revision <revision>', 'control plane revision the VM connects to (mesh ConfigMap istio-<revision>)')
    .option('-n, --namespace <namespace>', "the WorkloadGroup's namespace when the file has no metadata.namespace")
    .option('--clusterID <id>', "ISTIO_META_CLUSTER_ID (default: the installation's multiCluster.clusterName, else Kubernetes)")
    .option('--workloadIP <ip>', "the VM's IP address: writes sidecar.env with ISTIO_SVC_IP (auto-registration from another network)")
    .option('--ingressIP <ip>', "address of the gateway exposing istiod: the hosts entry for istiod's cluster-local name")
    .option('--ingressService <service>', `<service>[.<namespace>] of that gateway, for the command that prints its address`, DEFAULT_INGRESS_SERVICE)
    .option('--autoregister', 'istiod creates a WorkloadEntry when the VM connects (ISTIO_META_AUTO_REGISTER_GROUP)')
    .option('--capture-dns [bool]', 'capture DNS on port 53 and answer it in istio-agent (ISTIO_META_DNS_CAPTURE)', parseBool, true)
    .option('--root-cert <file>', "the mesh's root certificate (ConfigMap istio-ca-root-cert), copied to root-cert.pem")
    .option('--token <file>', "a token of the group's service account (audience istio-ca), copied to istio-token")
    .option('--tokenDuration <seconds>', 'token lifetime for the printed kubectl create token command', parseSeconds, DEFAULT_TOKEN_DURATION)
    .option('--force', 'replace a non-empty output directory')
    .addHelpText('after', CONFIGURE_HELP)
    .action((opts: ConfigureOptions) => configure(ctx, opts));
}

function printIssues(ctx: CliContext, issues: readonly Issue[]): void {
  for (const i of issues) ctx.io.stderr(`${formatIssue(i)}\n`);
}

/** The text of a named file, or an issue. */
function readText(ctx: CliContext, flag: string, path: string): NamedText | Issue {
  const r = readUserFile(ctx.cwd, path);
  if (!r.ok) return { severity: 'error', code: 'cannot-read-file', path: flag, message: `cannot read ${path}: ${r.why}` };
  return { text: new TextDecoder().decode(r.bytes), file: r.name };
}

function isIssue(v: NamedText | Issue): v is Issue {
  return 'severity' in v;
}

function configure(ctx: CliContext, opts: ConfigureOptions): void {
  const pre = checkOutputDir(ctx.cwd, opts.output, opts.force === true);
  if (!pre.ok) {
    ctx.io.stderr(`error: ${pre.why}\n`);
    return ctx.setExitCode(1);
  }
  const files = readComposeFiles(ctx, opts.iop ?? []);
  if (files === undefined) return;
  const inputs: [string, string | undefined][] = [
    ['--file', opts.file],
    ['--root-cert', opts.rootCert],
    ['--token', opts.token],
  ];
  const read = new Map<string, NamedText>();
  const problems: Issue[] = [];
  for (const [flag, path] of inputs) {
    if (path === undefined) continue;
    const t = readText(ctx, flag, path);
    if (isIssue(t)) problems.push(t);
    else read.set(flag, t);
  }
  if (problems.length > 0) return failWithIssues(ctx, problems);

  const rootCert = read.get('--root-cert');
  const token = read.get('--token');
  const r = safeConfigureWorkload({
    workloadGroup: read.get('--file') as NamedText,
    mesh: {
      files,
      set: opts.set ?? [],
      ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
      ...(opts.revision !== undefined ? { revision: opts.revision } : {}),
    },
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    ...(opts.clusterID !== undefined ? { clusterID: opts.clusterID } : {}),
    ...(opts.workloadIP !== undefined ? { workloadIP: opts.workloadIP } : {}),
    ...(opts.ingressIP !== undefined ? { ingressIP: opts.ingressIP } : {}),
    ...(opts.ingressService !== undefined ? { ingressService: opts.ingressService } : {}),
    autoregister: opts.autoregister === true,
    captureDns: opts.captureDns !== false,
    ...(rootCert !== undefined ? { rootCert } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(opts.tokenDuration !== undefined ? { tokenDuration: opts.tokenDuration } : {}),
  });
  if (!r.success) return failWithIssues(ctx, r.issues);
  printIssues(ctx, r.data.warnings);
  const w = writeTreeAtomically(ctx.cwd, opts.output, r.data.files, { force: opts.force === true });
  if (!w.ok) {
    ctx.io.stderr(`error: ${w.why}\n`);
    return ctx.setExitCode(1);
  }
  if (w.warning !== undefined) ctx.io.stderr(`warning: ${w.warning}\n`);
  ctx.io.stdout(`wrote ${opts.output}: ${r.data.files.map((f) => f.path).join(', ')}\n`);
}
