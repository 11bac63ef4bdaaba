/**
 * The Secret that lets an istiod read another cluster, built offline from a kubeconfig
 * (`istio-installer remote-secret generate`).
 *
 * istioctl 1.11's `x create-remote-secret` read a service-account token from the live cluster;
 * here the credentials come from the kubeconfig file itself (or a token the caller passes, e.g.
 * from `kubectl -n istio-system create token istio-reader-service-account`):
 * - the context is `context`, else the kubeconfig's current-context;
 * - every credential is inlined: `certificate-authority`, `client-certificate`, `client-key`
 *   become the `*-data` fields (base64 of the file the caller read, see `referencedFiles`),
 *   `tokenFile` becomes `token`; `*-data` and `token` are kept as written;
 * - the result is a minimal kubeconfig: one cluster, one user and one context, all named after
 *   the cluster name, with current-context set, and nothing that runs a program (istiod cannot
 *   run `exec` or `auth-provider` plugins, so such users are refused unless a token is given);
 * - type `remote` (default): Secret `istio-remote-secret-<name>` labelled
 *   `istio/multiCluster: "true"` (istiod's secret controller watches that label), annotation
 *   `networking.istio.io/cluster: <name>`, key `<name>` (istiod uses the key as the cluster ID);
 *   type `config`: Secret `istio-kubeconfig`, key `config`, the kubeconfig of the config cluster
 *   an external istiod mounts at /var/run/secrets/remote (no multicluster label: it is not a
 *   remote cluster of that istiod).
 *
 * Problems are Issue data: errors stop the generation, warnings (an API server address another
 * cluster cannot reach, TLS verification off, plain http) come with the result. Never throws.
 */
import { toGoValue } from '../manifest/generate/plain.js';
import { IstioOperatorError, type Issue, type SourcePosition } from '../operator/issues.js';
import { closestKey } from '../operator/suggest.js';
import { marshalYaml } from '../yaml/index.js';
import { parseKubeconfig, type KubeCluster, type Kubeconfig, type KubeContext, type KubeUser, type Located } from './kubeconfig.js';
import { base64Encode, dns1123LabelLike, dns1123LabelProblem, loopbackHost, normalizeBase64 } from './names.js';
import type { KubeObject } from '../revision/types.js';

export type RemoteSecretType = 'remote' | 'config';

export interface RemoteSecretInput {
  /** The kubeconfig's text and its name as the user gave it (for messages). */
  readonly kubeconfig: { readonly text: string; readonly file: string };
  /** Name of the cluster the kubeconfig reaches: the Secret's key and the cluster ID istiod uses. */
  readonly clusterName: string;
  /** Context of the kubeconfig to use (default: its current-context). */
  readonly context?: string;
  /** Namespace of the Secret: istiod's namespace in the cluster it is applied to (default istio-system). */
  readonly namespace?: string;
  /** `remote` (default): a remote cluster of a primary istiod; `config`: the config cluster of an external istiod. */
  readonly type?: RemoteSecretType;
  /** API server URL istiod should use instead of the kubeconfig's (e.g. an address reachable from the other cluster). */
  readonly server?: string;
  /** Bearer token to use instead of the kubeconfig user's credentials (a service-account token). */
  readonly token?: string;
  /**
   * Contents of the files the kubeconfig references (certificate-authority, client-certificate,
   * client-key, tokenFile), keyed by the path as written in the kubeconfig.
   */
  readonly files?: ReadonlyMap<string, Uint8Array>;
  /** Referenced files the caller could not read, with the reason ("no such file"), keyed like `files`. */
  readonly unreadable?: ReadonlyMap<string, string>;
}

export type { KubeObject };

export interface RemoteSecretOutput {
  readonly secret: KubeObject;
  /** The Secret as one YAML document (`---` first), for kubectl apply -f. */
  readonly yaml: string;
  /** The minimal kubeconfig stored in the Secret. */
  readonly kubeconfig: string;
  readonly warnings: readonly Issue[];
}

export type RemoteSecretResult = { readonly success: true; readonly data: RemoteSecretOutput } | { readonly success: false; readonly issues: readonly Issue[] };

export const REMOTE_SECRET_CODES = {
  invalidName: 'remote-secret-invalid-name',
  invalidNamespace: 'remote-secret-invalid-namespace',
  invalidType: 'remote-secret-invalid-type',
  invalidToken: 'remote-secret-invalid-token',
  noContext: 'kubeconfig-no-context',
  unknownContext: 'kubeconfig-unknown-context',
  unknownCluster: 'kubeconfig-unknown-cluster',
  unknownUser: 'kubeconfig-unknown-user',
  missingServer: 'remote-secret-missing-server',
  invalidServer: 'remote-secret-invalid-server',
  loopbackServer: 'remote-secret-loopback-server',
  plainHttp: 'remote-secret-plain-http',
  insecureTls: 'remote-secret-insecure-tls',
  bothFileAndData: 'remote-secret-file-and-data',
  insecureWithCa: 'remote-secret-insecure-with-ca',
  noCa: 'remote-secret-no-ca',
  basicAuth: 'remote-secret-basic-auth',
  execUser: 'remote-secret-exec-user',
  authProviderUser: 'remote-secret-auth-provider-user',
  noCredentials: 'remote-secret-no-credentials',
  incompleteClientCert: 'remote-secret-incomplete-client-certificate',
  missingFile: 'remote-secret-missing-file',
  notPem: 'remote-secret-not-pem',
  invalidBase64: 'remote-secret-invalid-base64',
  emptyToken: 'remote-secret-empty-token',
  tooLarge: 'remote-secret-too-large',
} as const;

export const DEFAULT_NAMESPACE = 'istio-system';
export const REMOTE_SECRET_PREFIX = 'istio-remote-secret-';
export const CONFIG_SECRET_NAME = 'istio-kubeconfig';
export const CONFIG_SECRET_KEY = 'config';
export const MULTICLUSTER_LABEL = 'istio/multiCluster';
export const CLUSTER_ANNOTATION = 'networking.istio.io/cluster';

/** Kubernetes' limit on the data of one Secret (1 MiB). */
const MAX_SECRET_BYTES = 1024 * 1024;

const TOKEN_HINT = 'give a service-account token with --token-file, e.g. kubectl -n istio-system create token istio-reader-service-account --duration 8760h > token (on Kubernetes before 1.24, the token of the istio-reader-service-account Secret)';

/** The Secret's name for `clusterName` and `type`. */
export function remoteSecretName(clusterName: string, type: RemoteSecretType = 'remote'): string {
  return type === 'config' ? CONFIG_SECRET_NAME : `${REMOTE_SECRET_PREFIX}${clusterName}`;
}

interface Selected {
  readonly context: KubeContext;
  readonly cluster: KubeCluster;
  /** Undefined when the context names no user (only acceptable with a token). */
  readonly user: KubeUser | undefined;
}

type Selection = { ok: true; selected: Selected } | { ok: false; issues: Issue[] };

function select(config: Kubeconfig, context: string | undefined, needUser: boolean): Selection {
  const file = config.file;
  const names = config.contexts.map((c) => c.name);
  const available = names.length === 0 ? 'the file defines no contexts' : `available: ${names.map((n) => JSON.stringify(n)).join(', ')}`;
  const wanted = context ?? config.currentContext?.value;
  if (wanted === undefined) {
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          code: REMOTE_SECRET_CODES.noContext,
          path: 'current-context',
          message: `the kubeconfig sets no current-context and no --context was given; ${available}`,
          source: { file, line: 1, column: 1 },
          ...(names.length > 0 ? { suggestion: `add --context ${names[0] ?? ''}` } : {}),
        },
      ],
    };
  }
  const ctx = config.contexts.find((c) => c.name === wanted);
  if (!ctx) {
    const near = closestKey(wanted, names);
    const fromFlag = context !== undefined;
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          code: REMOTE_SECRET_CODES.unknownContext,
          path: fromFlag ? '' : 'current-context',
          message: `${fromFlag ? `--context ${JSON.stringify(wanted)}` : `current-context ${JSON.stringify(wanted)}`}: no such context in ${file}; ${available}`,
          ...(!fromFlag && config.currentContext ? { source: config.currentContext.at } : {}),
          ...(near !== undefined ? { suggestion: `did you mean ${JSON.stringify(near)}?` } : names.length > 0 ? { suggestion: 'use --context with one of the available contexts' } : {}),
        },
      ],
    };
  }
  const issues: Issue[] = [];
  const clusterRef = ctx.cluster;
  let cluster: KubeCluster | undefined;
  if (!clusterRef || clusterRef.value === '') {
    issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.unknownCluster, path: `${ctx.path}.context.cluster`, message: `context ${JSON.stringify(ctx.name)} names no cluster`, source: ctx.at, suggestion: 'set context.cluster to one of the clusters entries' });
  } else {
    cluster = config.clusters.find((c) => c.name === clusterRef.value);
    if (!cluster) {
      const near = closestKey(clusterRef.value, config.clusters.map((c) => c.name));
      issues.push({
        severity: 'error',
        code: REMOTE_SECRET_CODES.unknownCluster,
        path: clusterRef.path,
        message: `context ${JSON.stringify(ctx.name)} names cluster ${JSON.stringify(clusterRef.value)}, which the clusters list does not define`,
        source: clusterRef.at,
        ...(near !== undefined ? { suggestion: `did you mean ${JSON.stringify(near)}?` } : {}),
      });
    }
  }
  let user: KubeUser | undefined;
  const userRef = ctx.user;
  if (needUser) {
    if (!userRef || userRef.value === '') {
      issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.noCredentials, path: `${ctx.path}.context.user`, message: `context ${JSON.stringify(ctx.name)} names no user, so the Secret would hold no credentials`, source: ctx.at, suggestion: TOKEN_HINT });
    } else {
      user = config.users.find((u) => u.name === userRef.value);
      if (!user) {
        const near = closestKey(userRef.value, config.users.map((u) => u.name));
        issues.push({
          severity: 'error',
          code: REMOTE_SECRET_CODES.unknownUser,
          path: userRef.path,
          message: `context ${JSON.stringify(ctx.name)} names user ${JSON.stringify(userRef.value)}, which the users list does not define`,
          source: userRef.at,
          ...(near !== undefined ? { suggestion: `did you mean ${JSON.stringify(near)}?` } : {}),
        });
      }
    }
  }
  if (issues.length > 0 || !cluster) return { ok: false, issues };
  return { ok: true, selected: { context: ctx, cluster, user } };
}

/** The files the selected context needs, as written in the kubeconfig (none when it cannot be parsed). */
function neededFiles(selected: Selected, withUser: boolean): { kind: string; ref: Located<string> }[] {
  const out: { kind: string; ref: Located<string> }[] = [];
  const { cluster, user } = selected;
  if (cluster.certificateAuthority && cluster.certificateAuthority.value !== '' && !cluster.certificateAuthorityData) out.push({ kind: 'certificate-authority', ref: cluster.certificateAuthority });
  if (withUser && user && !user.exec && !user.authProvider) {
    if (user.clientCertificate && user.clientCertificate.value !== '' && !user.clientCertificateData) out.push({ kind: 'client-certificate', ref: user.clientCertificate });
    if (user.clientKey && user.clientKey.value !== '' && !user.clientKeyData) out.push({ kind: 'client-key', ref: user.clientKey });
    if (user.tokenFile && user.tokenFile.value !== '' && !(user.token && user.token.value !== '')) out.push({ kind: 'tokenFile', ref: user.tokenFile });
  }
  return out;
}

/**
 * The paths (as written in the kubeconfig) of the files a remote secret for `context` (default:
 * the current context) reads: certificate-authority unless the -data field is set, and, unless
 * `token` is true (a token replaces the user's credentials), client-certificate, client-key and
 * tokenFile. Empty when the kubeconfig or the context is unusable (generation reports why).
 */
export function referencedFiles(text: string, context?: string, options: { readonly token?: boolean } = {}): string[] {
  const parsed = parseKubeconfig(text, '<kubeconfig>');
  if (!parsed.success) return [];
  const withUser = options.token !== true;
  const sel = select(parsed.config, context, withUser);
  if (!sel.ok) return [];
  return [...new Set(neededFiles(sel.selected, withUser).map((f) => f.ref.value))];
}

/** The URL istiod will dial, checked: errors stop, warnings are kept. Returns the scheme (`https:`) when usable. */
function checkServer(server: Located<string> | { value: string; path: string; at?: SourcePosition; flag: true }, issues: Issue[], warnings: Issue[]): string | undefined {
  const fromFlag = 'flag' in server;
  const where = { path: fromFlag ? '' : server.path, ...(server.at ? { source: server.at } : {}) };
  const label = fromFlag ? `--server ${JSON.stringify(server.value)}` : `server ${JSON.stringify(server.value)}`;
  const raw = server.value.trim();
  // client-go takes host[:port] without a scheme as https.
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(raw) ? raw : `https://${raw}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  if (!url || url.hostname === '' || raw !== server.value || /\s/.test(raw)) {
    issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.invalidServer, ...where, message: `${label} is not a URL istiod can dial; expected https://HOST[:PORT]`, suggestion: 'write the API server address as https://HOST:PORT' });
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.invalidServer, ...where, message: `${label} uses the scheme ${url.protocol.slice(0, -1)}; a Kubernetes API server is reached over https (or http)`, suggestion: 'write the API server address as https://HOST:PORT' });
    return undefined;
  }
  if (url.protocol === 'http:') {
    warnings.push({ severity: 'warning', code: REMOTE_SECRET_CODES.plainHttp, ...where, message: `${label} uses plain http: istiod's credentials and the cluster's data cross the network unencrypted`, suggestion: 'use the https address of the API server' });
  }
  if (loopbackHost(url.hostname)) {
    warnings.push({
      severity: 'warning',
      code: REMOTE_SECRET_CODES.loopbackServer,
      ...where,
      message: `${label} is a loopback address: it works from this machine, but istiod runs in another cluster and cannot reach it there`,
      suggestion: `${fromFlag ? 'give --server' : 'pass --server with'} an address of this API server that the other cluster can reach; for kind clusters on one docker network: https://<cluster>-control-plane:6443`,
    });
  }
  return url.protocol;
}

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function looksPem(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 65536));
  return text.includes('-----BEGIN ');
}

class Builder {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  constructor(private readonly input: RemoteSecretInput) {}

  private fileBytes(kind: string, ref: Located<string>): Uint8Array | undefined {
    const bytes = this.input.files?.get(ref.value);
    if (bytes !== undefined) return bytes;
    const why = this.input.unreadable?.get(ref.value) ?? 'its contents were not given';
    this.issues.push({
      severity: 'error',
      code: REMOTE_SECRET_CODES.missingFile,
      path: ref.path,
      message: `cannot read ${kind === 'tokenFile' ? 'the tokenFile' : `the ${kind} file`} ${JSON.stringify(ref.value)}: ${why}`,
      source: ref.at,
      suggestion: `relative paths are read from the kubeconfig's directory; fix the path or replace it with ${kind === 'tokenFile' ? 'token' : `${kind}-data`}`,
    });
    return undefined;
  }

  /** base64 of a PEM file (certificate-authority, client-certificate, client-key). */
  private pemData(kind: string, ref: Located<string>): string | undefined {
    const bytes = this.fileBytes(kind, ref);
    if (bytes === undefined) return undefined;
    if (!looksPem(bytes)) {
      this.issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.notPem, path: ref.path, message: `the ${kind} file ${JSON.stringify(ref.value)} is not PEM (no -----BEGIN line); Kubernetes clients read PEM only`, source: ref.at, suggestion: 'convert it, e.g. openssl x509 -inform der -in FILE -out FILE.pem' });
      return undefined;
    }
    return base64Encode(bytes);
  }

  private data(ref: Located<string>): string | undefined {
    const n = normalizeBase64(ref.value);
    if (n.ok) return n.value;
    this.issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.invalidBase64, path: ref.path, message: `${ref.path.slice(ref.path.lastIndexOf('.') + 1)} must be base64, but ${n.why}`, source: ref.at, suggestion: 'base64 -w0 < FILE gives the value' });
    return undefined;
  }

  /** data field if set (warning when the file is set too), else the file's contents as base64. */
  private inlined(kind: string, file: Located<string> | undefined, data: Located<string> | undefined): string | undefined {
    if (data && data.value !== '') {
      if (file && file.value !== '') {
        this.warnings.push({ severity: 'warning', code: REMOTE_SECRET_CODES.bothFileAndData, path: file.path, message: `both ${kind} and ${kind}-data are set; ${kind}-data wins, as in kubectl, and ${JSON.stringify(file.value)} is not read`, source: file.at, suggestion: `remove one of them` });
      }
      return this.data(data);
    }
    if (file && file.value !== '') return this.pemData(kind, file);
    return undefined;
  }

  cluster(cluster: KubeCluster): Record<string, unknown> | undefined {
    const server = this.input.server !== undefined ? { value: this.input.server, path: '', flag: true as const } : cluster.server && cluster.server.value !== '' ? cluster.server : undefined;
    if (!server) {
      this.issues.push({
        severity: 'error',
        code: REMOTE_SECRET_CODES.missingServer,
        path: `${cluster.path}.cluster.server`,
        message: `cluster ${JSON.stringify(cluster.name)} has no server: istiod would not know where the API server is`,
        source: cluster.at,
        suggestion: 'set cluster.server in the kubeconfig, or pass --server https://HOST:PORT',
      });
    }
    const scheme = server ? checkServer(server, this.issues, this.warnings) : undefined;
    const ca = this.inlined('certificate-authority', cluster.certificateAuthority, cluster.certificateAuthorityData);
    const insecure = cluster.insecureSkipTlsVerify?.value === true;
    const hasCa = nonEmpty(cluster.certificateAuthority) || nonEmpty(cluster.certificateAuthorityData);
    if (insecure && hasCa && cluster.insecureSkipTlsVerify) {
      this.issues.push({
        severity: 'error',
        code: REMOTE_SECRET_CODES.insecureWithCa,
        path: cluster.insecureSkipTlsVerify.path,
        message: `cluster ${JSON.stringify(cluster.name)} sets both insecure-skip-tls-verify and a certificate authority; Kubernetes clients (istiod's too) refuse that combination`,
        source: cluster.insecureSkipTlsVerify.at,
        suggestion: 'remove insecure-skip-tls-verify',
      });
    } else if (insecure && cluster.insecureSkipTlsVerify) {
      this.warnings.push({
        severity: 'warning',
        code: REMOTE_SECRET_CODES.insecureTls,
        path: cluster.insecureSkipTlsVerify.path,
        message: `cluster ${JSON.stringify(cluster.name)} sets insecure-skip-tls-verify: istiod will not verify the API server's certificate, so anyone on the path can pose as it`,
        source: cluster.insecureSkipTlsVerify.at,
        suggestion: "set certificate-authority-data to the API server's CA instead",
      });
    }
    if (scheme === 'https:' && !insecure && !hasCa) {
      this.warnings.push({
        severity: 'warning',
        code: REMOTE_SECRET_CODES.noCa,
        path: `${cluster.path}.cluster`,
        message: `cluster ${JSON.stringify(cluster.name)} has no certificate-authority: istiod will trust only the public roots of its image, and most clusters' API servers use their own CA`,
        source: cluster.at,
        suggestion: "set certificate-authority-data to the API server's CA (kubectl config view --raw --minify shows it)",
      });
    }
    if (!server) return undefined;
    return {
      ...(ca !== undefined ? { 'certificate-authority-data': ca } : {}),
      ...(insecure ? { 'insecure-skip-tls-verify': true } : {}),
      ...(cluster.proxyUrl && cluster.proxyUrl.value !== '' ? { 'proxy-url': cluster.proxyUrl.value } : {}),
      server: server.value,
      ...(cluster.tlsServerName && cluster.tlsServerName.value !== '' ? { 'tls-server-name': cluster.tlsServerName.value } : {}),
    };
  }

  user(user: KubeUser, context: KubeContext): Record<string, unknown> | undefined {
    if (user.exec) {
      this.issues.push({
        severity: 'error',
        code: REMOTE_SECRET_CODES.execUser,
        path: user.exec.path,
        message: `user ${JSON.stringify(user.name)} gets its credentials from the exec plugin${user.exec.value !== '' ? ` ${JSON.stringify(user.exec.value)}` : ''}; istiod cannot run plugins, so this user cannot go into the Secret`,
        source: user.exec.at,
        suggestion: TOKEN_HINT,
      });
      return undefined;
    }
    if (user.authProvider) {
      this.issues.push({
        severity: 'error',
        code: REMOTE_SECRET_CODES.authProviderUser,
        path: user.authProvider.path,
        message: `user ${JSON.stringify(user.name)} gets its credentials from the auth-provider${user.authProvider.value !== '' ? ` ${JSON.stringify(user.authProvider.value)}` : ''}; istiod cannot run auth-provider plugins and their tokens expire, so this user cannot go into the Secret`,
        source: user.authProvider.at,
        suggestion: TOKEN_HINT,
      });
      return undefined;
    }
    let token: string | undefined;
    if (user.token && user.token.value !== '') token = user.token.value;
    else if (user.tokenFile && user.tokenFile.value !== '') {
      const bytes = this.fileBytes('tokenFile', user.tokenFile);
      if (bytes !== undefined) {
        const text = decodeText(bytes)?.trim();
        if (text === undefined || text === '' || /\s/.test(text)) {
          this.issues.push({
            severity: 'error',
            code: REMOTE_SECRET_CODES.emptyToken,
            path: user.tokenFile.path,
            message: `the tokenFile ${JSON.stringify(user.tokenFile.value)} ${text === undefined ? 'is not UTF-8 text' : text === '' ? 'is empty' : 'holds more than one word'}; expected one bearer token`,
            source: user.tokenFile.at,
            suggestion: TOKEN_HINT,
          });
        } else token = text;
      }
    }
    const cert = this.inlined('client-certificate', user.clientCertificate, user.clientCertificateData);
    const key = this.inlined('client-key', user.clientKey, user.clientKeyData);
    const hasCert = nonEmpty(user.clientCertificate) || nonEmpty(user.clientCertificateData);
    const hasKey = nonEmpty(user.clientKey) || nonEmpty(user.clientKeyData);
    if (hasCert !== hasKey) {
      this.issues.push({
        severity: 'error',
        code: REMOTE_SECRET_CODES.incompleteClientCert,
        path: `${user.path}.user`,
        message: `user ${JSON.stringify(user.name)} has a client ${hasCert ? 'certificate but no client key' : 'key but no client certificate'}; TLS client authentication needs both`,
        source: user.at,
        suggestion: `add ${hasCert ? 'client-key or client-key-data' : 'client-certificate or client-certificate-data'}`,
      });
    }
    const username = nonEmpty(user.username) ? user.username?.value : undefined;
    const password = nonEmpty(user.password) ? user.password?.value : undefined;
    if (username !== undefined && token === undefined && !hasCert && user.username) {
      this.warnings.push({
        severity: 'warning',
        code: REMOTE_SECRET_CODES.basicAuth,
        path: user.username.path,
        message: `user ${JSON.stringify(user.name)} authenticates with a user name and password; Kubernetes API servers dropped basic authentication in 1.19, so istiod will most likely be refused`,
        source: user.username.at,
        suggestion: TOKEN_HINT,
      });
    }
    if (!hasCert && !hasKey && token === undefined && username === undefined && !(user.tokenFile && user.tokenFile.value !== '')) {
      this.issues.push({
        severity: 'error',
        code: REMOTE_SECRET_CODES.noCredentials,
        path: `${user.path}.user`,
        message: `user ${JSON.stringify(user.name)} (context ${JSON.stringify(context.name)}) has no token, client certificate or password; istiod would reach the API server anonymously`,
        source: user.at,
        suggestion: TOKEN_HINT,
      });
    }
    return {
      ...(user.as && user.as.value !== '' ? { as: user.as.value } : {}),
      ...(user.asGroups && user.asGroups.value.length > 0 ? { 'as-groups': [...user.asGroups.value] } : {}),
      ...(cert !== undefined ? { 'client-certificate-data': cert } : {}),
      ...(key !== undefined ? { 'client-key-data': key } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(username !== undefined ? { username } : {}),
    };
  }
}

function nonEmpty(v: Located<string> | undefined): boolean {
  return v !== undefined && v.value !== '';
}

/** Checks of the caller's own settings (cluster name, namespace, type, token). */
function checkInput(input: RemoteSecretInput): { issues: Issue[]; token?: string } {
  const issues: Issue[] = [];
  const nameProblem = dns1123LabelProblem(input.clusterName);
  if (nameProblem !== undefined) {
    const like = dns1123LabelLike(input.clusterName);
    issues.push({
      severity: 'error',
      code: REMOTE_SECRET_CODES.invalidName,
      path: '',
      message: `cluster name ${JSON.stringify(input.clusterName)} (--name) is not a DNS-1123 label: ${nameProblem}; it becomes part of the Secret's name and key and the cluster ID istiod uses`,
      ...(like !== undefined ? { suggestion: `try --name ${like}` } : {}),
    });
  }
  const namespace = input.namespace ?? DEFAULT_NAMESPACE;
  const nsProblem = dns1123LabelProblem(namespace);
  if (nsProblem !== undefined) {
    issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.invalidNamespace, path: '', message: `namespace ${JSON.stringify(namespace)} (-n) is not a valid Kubernetes namespace name (a DNS-1123 label): ${nsProblem}`, suggestion: "use istiod's namespace, e.g. istio-system" });
  }
  const type: unknown = input.type ?? 'remote';
  if (type !== 'remote' && type !== 'config') {
    issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.invalidType, path: '', message: `secret type ${JSON.stringify(type)} (--type) is not known; expected remote or config`, suggestion: 'remote: a remote cluster of a primary istiod; config: the config cluster of an external istiod' });
  }
  if (input.token === undefined) return { issues };
  const token = input.token.trim();
  if (token === '' || /\s/.test(token)) {
    issues.push({ severity: 'error', code: REMOTE_SECRET_CODES.invalidToken, path: '', message: `the token (--token-file) ${token === '' ? 'is empty' : 'holds more than one word'}; expected one bearer token`, suggestion: TOKEN_HINT });
    return { issues };
  }
  return { issues, token };
}

/** The Secret for `input`, or every problem found. Never throws. */
export function safeGenerateRemoteSecret(input: RemoteSecretInput): RemoteSecretResult {
  const checked = checkInput(input);
  const parsed = parseKubeconfig(input.kubeconfig.text, input.kubeconfig.file);
  const issues: Issue[] = [...checked.issues];
  if (!parsed.success) return { success: false, issues: [...issues, ...parsed.issues] };
  const token = checked.token;
  const sel = select(parsed.config, input.context, input.token === undefined);
  if (!sel.ok) return { success: false, issues: [...issues, ...sel.issues] };
  const { cluster, user, context } = sel.selected;

  const b = new Builder(input);
  const clusterOut = b.cluster(cluster);
  const userOut = input.token !== undefined ? (token !== undefined ? { token } : undefined) : user ? b.user(user, context) : undefined;
  issues.push(...b.issues);
  if (issues.length > 0 || clusterOut === undefined || userOut === undefined) return { success: false, issues: issues.length > 0 ? issues : [{ severity: 'error', code: REMOTE_SECRET_CODES.noCredentials, path: '', message: 'no credentials for the Secret' }] };

  const name = input.clusterName;
  const type: RemoteSecretType = input.type ?? 'remote';
  const kubeconfig = {
    apiVersion: 'v1',
    clusters: [{ cluster: clusterOut, name }],
    contexts: [{ context: { cluster: name, user: name }, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{ name, user: userOut }],
  };
  const kubeconfigYaml = marshalYaml(toGoValue(kubeconfig));
  const size = new TextEncoder().encode(kubeconfigYaml).length;
  if (size > MAX_SECRET_BYTES) {
    return {
      success: false,
      issues: [{ severity: 'error', code: REMOTE_SECRET_CODES.tooLarge, path: '', message: `the kubeconfig for the Secret has ${size} bytes; Kubernetes stores at most ${MAX_SECRET_BYTES} bytes in a Secret`, suggestion: 'check the certificate files: a CA bundle of that size is unusual' }],
    };
  }
  const stringData: Record<string, string> = {};
  Object.defineProperty(stringData, type === 'config' ? CONFIG_SECRET_KEY : name, { value: kubeconfigYaml, enumerable: true, writable: true, configurable: true });
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      annotations: { [CLUSTER_ANNOTATION]: name },
      ...(type === 'remote' ? { labels: { [MULTICLUSTER_LABEL]: 'true' } } : {}),
      name: remoteSecretName(name, type),
      namespace: input.namespace ?? DEFAULT_NAMESPACE,
    },
    stringData,
    type: 'Opaque',
  };
  const yaml = `---\n${marshalYaml(toGoValue(secret))}`;
  return { success: true, data: { secret, yaml, kubeconfig: kubeconfigYaml, warnings: b.warnings } };
}

/** Like safeGenerateRemoteSecret; throws IstioOperatorError with the issues when generation fails. */
export function generateRemoteSecret(input: RemoteSecretInput): RemoteSecretOutput {
  const r = safeGenerateRemoteSecret(input);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.data;
}
