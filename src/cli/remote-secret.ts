/**
 * `istio-installer remote-secret generate` (issue 8): the Secret that lets an istiod read another
 * cluster, built offline from a kubeconfig (src/multicluster/remote-secret.ts).
 *
 * `remote-secret generate --kubeconfig FILE --name CLUSTER [--context C] [-n NS]
 * [--type remote|config] [--server URL] [--token-file F] [-o FILE]`
 *
 * Files the kubeconfig references (certificate-authority, client-certificate, client-key,
 * tokenFile) are read here, relative paths against the kubeconfig's directory as kubectl does
 * (against the working directory when the kubeconfig is standard input). The Secret goes to
 * standard output, or with -o to FILE: written to a temporary sibling with mode 0600 (it holds
 * credentials) and renamed into place, so FILE is complete or untouched, and nothing is left
 * behind on error. Warnings go to standard error. Exit codes: 0 ok, 1 invalid input, 2 usage,
 * 3 internal fault.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { referencedFiles, safeGenerateRemoteSecret, type RemoteSecretType } from '../multicluster/index.js';
import { formatIssue, type Issue } from '../operator/issues.js';
import { decodeUtf8 } from '../operator/yaml-text.js';
import { failWithIssues } from './input-flags.js';
import type { CliContext } from './io.js';
import { readUserFile, STDIN_NAME } from './read-file.js';

interface GenerateOptions {
  kubeconfig: string;
  name: string;
  context?: string;
  namespace: string;
  type: RemoteSecretType;
  server?: string;
  tokenFile?: string;
  output?: string;
}

const GENERATE_HELP = `
Reads the kubeconfig of cluster CLUSTER (its --context, else its current-context) and prints a
Secret holding a minimal kubeconfig for it: one cluster, one user and one context named CLUSTER,
every credential inlined (certificate-authority, client-certificate, client-key and tokenFile
are read, relative to the kubeconfig's directory, and stored as *-data / token). Nothing talks
to a cluster. Users with exec or auth-provider plugins cannot be stored (istiod cannot run
plugins): give a service-account token with --token-file instead.

--type remote (default): Secret istio-remote-secret-CLUSTER, label istio/multiCluster: "true",
  key CLUSTER. Apply it in the PRIMARY cluster whose istiod must read CLUSTER (multi-primary:
  in every other primary; primary-remote: in the primary, for the remote).
--type config: Secret istio-kubeconfig, key config: the config cluster's kubeconfig that an
  external istiod mounts. Apply it in the control-plane cluster, in the external istiod's
  namespace (-n, e.g. external-istiod), before installing that istiod.

The Secret holds credentials: -o writes FILE with mode 0600 (complete or not at all).

Examples:
  # east's istiod reads west (multi-primary): run against west's kubeconfig, apply in east
  istio-installer remote-secret generate --kubeconfig west.kubeconfig --name west \\
    | kubectl --context east apply -f -

  # a kubeconfig with an exec plugin (EKS, GKE): use the istio-reader service account's token
  kubectl --context remote -n istio-system create token istio-reader-service-account --duration 8760h > remote.token
  istio-installer remote-secret generate --kubeconfig ~/.kube/config --context remote --name remote \\
    --token-file remote.token --server https://203.0.113.30:6443 -o remote-secret.yaml
  kubectl --context primary apply -f remote-secret.yaml

  # external control plane: the config cluster's kubeconfig for the external istiod
  istio-installer remote-secret generate --kubeconfig config.kubeconfig --name config \\
    --type config -n external-istiod | kubectl --context control apply -f -

Exit status: 0 ok, 1 invalid input (each problem on stderr), 2 usage, 3 internal fault.
`;

export function registerRemoteSecret(program: Command, ctx: CliContext): void {
  const group = program.command('remote-secret').description('secrets that let an istiod read another cluster (multicluster, external control plane)');
  group
    .command('generate')
    .description('print the Secret that lets an istiod read the cluster of a kubeconfig (for kubectl apply in the other cluster)')
    .requiredOption('--kubeconfig <file>', 'kubeconfig of the cluster istiod must read (- reads stdin)')
    .requiredOption('--name <cluster>', 'name of that cluster: its cluster ID in the mesh (values.global.multiCluster.clusterName), a DNS-1123 label')
    .option('--context <context>', 'context of the kubeconfig to use (default: its current-context)')
    .option('-n, --namespace <namespace>', "namespace of the Secret: istiod's namespace where it is applied", 'istio-system')
    .addOption(new Option('--type <type>', 'remote: a remote cluster of a primary istiod; config: the config cluster of an external istiod').choices(['remote', 'config']).default('remote'))
    .option('--server <url>', 'API server URL istiod should use instead of the kubeconfig\'s (one the other cluster can reach)')
    .option('--token-file <file>', "file with a bearer token (a service account's) to use instead of the user's credentials")
    .option('-o, --output <file>', 'write the Secret to FILE (mode 0600) instead of stdout')
    .addHelpText('after', GENERATE_HELP)
    .action((opts: GenerateOptions) => generate(ctx, opts));
}

function cannotRead(file: string, why: string, what: string): Issue {
  return { severity: 'error', code: 'cannot-read-file', path: '', message: `cannot read ${what} ${file}: ${why}` };
}

function generate(ctx: CliContext, opts: GenerateOptions): void {
  if (opts.kubeconfig === '-' && opts.tokenFile === '-') {
    ctx.io.stderr('error: --kubeconfig and --token-file cannot both read standard input\n');
    return ctx.setExitCode(2);
  }
  const read = readUserFile(ctx.cwd, opts.kubeconfig);
  if (!read.ok) return failWithIssues(ctx, [cannotRead(opts.kubeconfig, read.why, 'the kubeconfig')]);
  const decoded = decodeUtf8(read.bytes, read.name, 'kubeconfig-parse', 'a kubeconfig must be a YAML or JSON text file');
  if ('issue' in decoded) return failWithIssues(ctx, [decoded.issue]);
  const text = decoded.text;

  let token: string | undefined;
  if (opts.tokenFile !== undefined) {
    const t = readUserFile(ctx.cwd, opts.tokenFile);
    if (!t.ok) return failWithIssues(ctx, [cannotRead(opts.tokenFile, t.why, 'the token file')]);
    const d = decodeUtf8(t.bytes, t.name, 'remote-secret-invalid-token', 'a token file holds one bearer token as text');
    if ('issue' in d) return failWithIssues(ctx, [d.issue]);
    token = d.text;
  }

  // Referenced files resolve against the kubeconfig's directory, as kubectl resolves them.
  const base = read.name === STDIN_NAME ? resolve(ctx.cwd) : dirname(resolve(ctx.cwd, opts.kubeconfig));
  const files = new Map<string, Uint8Array>();
  const unreadable = new Map<string, string>();
  for (const p of referencedFiles(text, opts.context, { token: token !== undefined })) {
    // A path written as "-" is a file named "-", never standard input.
    const r = readUserFile(base, p === '-' ? './-' : p);
    if (r.ok) files.set(p, r.bytes);
    else unreadable.set(p, `${r.why} (${resolve(base, p)})`);
  }

  const result = safeGenerateRemoteSecret({
    kubeconfig: { text, file: read.name },
    clusterName: opts.name,
    namespace: opts.namespace,
    type: opts.type,
    files,
    unreadable,
    ...(opts.context !== undefined ? { context: opts.context } : {}),
    ...(opts.server !== undefined ? { server: opts.server } : {}),
    ...(token !== undefined ? { token } : {}),
  });
  if (!result.success) return failWithIssues(ctx, result.issues);
  for (const w of result.data.warnings) ctx.io.stderr(`${formatIssue(w)}\n`);
  if (opts.output === undefined) return ctx.io.stdout(result.data.yaml);
  const written = writeSecretFile(ctx.cwd, opts.output, result.data.yaml);
  if (!written.ok) return failWithIssues(ctx, [{ severity: 'error', code: 'cannot-write-file', path: '', message: `cannot write ${opts.output}: ${written.why}` }]);
}

function errorReason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'its directory does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

/**
 * Writes `text` to `file` (relative to `cwd`) with mode 0600: into a fresh temporary sibling,
 * then renamed over FILE, so FILE is either the complete new Secret or unchanged; the temporary
 * file is removed on any error.
 */
export function writeSecretFile(cwd: string, file: string, text: string): { ok: true } | { ok: false; why: string } {
  const target = resolve(cwd, file);
  try {
    const st = lstatSync(target);
    if (st.isDirectory()) return { ok: false, why: 'it is a directory' };
    if (st.isSymbolicLink()) return { ok: false, why: 'it is a symbolic link; give the file itself' };
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') return { ok: false, why: errorReason(e) };
  }
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, target);
    return { ok: true };
  } catch (e) {
    rmSync(tmp, { force: true });
    return { ok: false, why: errorReason(e) };
  }
}
