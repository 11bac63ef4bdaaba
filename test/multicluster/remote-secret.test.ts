/**
 * src/multicluster/remote-secret.ts: the Secret an istiod uses to read another cluster, from a
 * kubeconfig. Every credential kind, both Secret types, every error and warning (code, message,
 * position), strict Kubernetes validation of the output, and keys like __proto__ staying data.
 */
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, validateObjects } from '../../src/manifest/index.js';
import { generateRemoteSecret, referencedFiles, REMOTE_SECRET_CODES, safeGenerateRemoteSecret, type RemoteSecretInput } from '../../src/multicluster/index.js';
import { formatIssue, IstioOperatorError, type Issue } from '../../src/operator/issues.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const b64 = (s: string): string => btoa(s);

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBdummyca\n-----END CERTIFICATE-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIBdummycert\n-----END CERTIFICATE-----\n';
const KEY_PEM = '-----BEGIN EC PRIVATE KEY-----\nMHcdummykey\n-----END EC PRIVATE KEY-----\n';

/** A kubeconfig with one context `ctx` -> cluster `c1`, user `u1`; `cluster` and `user` are the bodies' YAML lines. */
function kubeconfig(cluster: string[], user: string[], extra = ''): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c1',
    '  cluster:',
    ...cluster.map((l) => `    ${l}`),
    'users:',
    '- name: u1',
    '  user:',
    ...user.map((l) => `    ${l}`),
    'contexts:',
    '- name: ctx',
    '  context:',
    '    cluster: c1',
    '    user: u1',
    'current-context: ctx',
    extra,
  ].join('\n');
}

const SERVER = 'server: https://203.0.113.5:6443';
const CA_DATA = `certificate-authority-data: ${b64(CA_PEM)}`;

function input(text: string, more: Partial<RemoteSecretInput> = {}): RemoteSecretInput {
  return { kubeconfig: { text, file: 'kc.yaml' }, clusterName: 'west', ...more };
}

function ok(i: RemoteSecretInput): ReturnType<typeof generateRemoteSecret> {
  const r = safeGenerateRemoteSecret(i);
  if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.data;
}

function issuesOf(i: RemoteSecretInput): readonly Issue[] {
  const r = safeGenerateRemoteSecret(i);
  if (r.success) throw new Error(`expected issues, got\n${r.data.yaml}`);
  return r.issues;
}

/** The kubeconfig stored in the Secret, parsed. */
function stored(out: ReturnType<typeof generateRemoteSecret>, key = 'west'): Record<string, unknown> {
  const data = (out.secret.stringData as Record<string, string>)[key];
  expect(typeof data).toBe('string');
  return parse(data as string) as Record<string, unknown>;
}

function storedUser(out: ReturnType<typeof generateRemoteSecret>, key = 'west'): Record<string, unknown> {
  return ((stored(out, key).users as { user: Record<string, unknown> }[])[0] as { user: Record<string, unknown> }).user;
}

function storedCluster(out: ReturnType<typeof generateRemoteSecret>, key = 'west'): Record<string, unknown> {
  return ((stored(out, key).clusters as { cluster: Record<string, unknown> }[])[0] as { cluster: Record<string, unknown> }).cluster;
}

describe('the Secret', () => {
  it('type remote: istio-remote-secret-<name>, multicluster label, cluster annotation, key <name>, exact YAML', () => {
    const out = ok(input(kubeconfig([SERVER, CA_DATA], ['token: abc.def.ghi'])));
    expect(out.warnings).toEqual([]);
    expect(out.yaml).toBe(
      [
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  annotations:',
        '    networking.istio.io/cluster: west',
        '  labels:',
        '    istio/multiCluster: "true"',
        '  name: istio-remote-secret-west',
        '  namespace: istio-system',
        'stringData:',
        '  west: |',
        '    apiVersion: v1',
        '    clusters:',
        '    - cluster:',
        `        certificate-authority-data: ${b64(CA_PEM)}`,
        '        server: https://203.0.113.5:6443',
        '      name: west',
        '    contexts:',
        '    - context:',
        '        cluster: west',
        '        user: west',
        '      name: west',
        '    current-context: west',
        '    kind: Config',
        '    preferences: {}',
        '    users:',
        '    - name: west',
        '      user:',
        '        token: abc.def.ghi',
        'type: Opaque',
        '',
      ].join('\n'),
    );
    // The YAML is the object.
    expect(parse(out.yaml)).toEqual(out.secret);
    expect(stored(out)).toEqual(parse(out.kubeconfig));
  });

  it('type config: istio-kubeconfig, key config, no multicluster label; namespace from the input', () => {
    const out = ok(input(kubeconfig([SERVER, CA_DATA], ['token: t']), { type: 'config', clusterName: 'config', namespace: 'external-istiod' }));
    const md = out.secret.metadata as Record<string, unknown>;
    expect(md.name).toBe('istio-kubeconfig');
    expect(md.namespace).toBe('external-istiod');
    expect(md.labels).toBeUndefined();
    expect(md.annotations).toEqual({ 'networking.istio.io/cluster': 'config' });
    expect(Object.keys(out.secret.stringData as object)).toEqual(['config']);
    const kc = stored(out, 'config');
    expect(kc['current-context']).toBe('config');
    expect(kc.contexts).toEqual([{ name: 'config', context: { cluster: 'config', user: 'config' } }]);
  });

  it('the minimal kubeconfig keeps only the selected context, its cluster and its user', () => {
    const text = [
      'clusters:',
      '- {name: a, cluster: {server: "https://a.example:6443", certificate-authority-data: QUJD}}',
      '- {name: b, cluster: {server: "https://b.example:6443"}}',
      'users:',
      '- {name: ua, user: {token: ta}}',
      '- {name: ub, user: {token: tb}}',
      'contexts:',
      '- {name: ca, context: {cluster: a, user: ua, namespace: shop}}',
      '- {name: cb, context: {cluster: b, user: ub}}',
      'current-context: ca',
    ].join('\n');
    const cur = ok(input(text));
    expect(storedCluster(cur)).toEqual({ 'certificate-authority-data': 'QUJD', server: 'https://a.example:6443' });
    expect(storedUser(cur)).toEqual({ token: 'ta' });
    const other = stored(ok(input(text, { context: 'cb' })));
    expect(other.clusters).toEqual([{ name: 'west', cluster: { server: 'https://b.example:6443' } }]);
    expect(other.users).toEqual([{ name: 'west', user: { token: 'tb' } }]);
    expect(other.contexts).toEqual([{ name: 'west', context: { cluster: 'west', user: 'west' } }]);
  });

  it('keeps tls-server-name, proxy-url, impersonation and basic auth', () => {
    const out = ok(input(kubeconfig([SERVER, 'tls-server-name: api.internal', 'proxy-url: http://proxy:3128'], ['username: admin', 'password: s3cret', 'as: reader', 'as-groups: [g1, g2]'])));
    expect(storedCluster(out)).toEqual({ 'proxy-url': 'http://proxy:3128', server: 'https://203.0.113.5:6443', 'tls-server-name': 'api.internal' });
    expect(storedUser(out)).toEqual({ as: 'reader', 'as-groups': ['g1', 'g2'], password: 's3cret', username: 'admin' });
  });

  it.each(KUBE_VERSIONS)('passes strict Kubernetes %s validation (both types)', (version) => {
    for (const type of ['remote', 'config'] as const) {
      const out = ok(input(kubeconfig([SERVER, CA_DATA], ['token: t']), { type }));
      const objects = parseAllDocuments(out.yaml).map((d) => d.toJS() as unknown);
      expect(objects).toHaveLength(1);
      expect(validateObjects(objects, { version })).toEqual([]);
    }
  });

  it('generateRemoteSecret throws IstioOperatorError with the issues', () => {
    expect(() => generateRemoteSecret(input(kubeconfig([SERVER], ['token: t']), { clusterName: 'Bad' }))).toThrow(IstioOperatorError);
    try {
      generateRemoteSecret(input('', { clusterName: 'x' }));
    } catch (e) {
      expect((e as IstioOperatorError).issues[0]?.code).toBe('kubeconfig-parse');
    }
  });
});

describe('credentials are inlined', () => {
  it('certificate-authority, client-certificate and client-key files become *-data (base64 of the file)', () => {
    const text = kubeconfig([SERVER, 'certificate-authority: /etc/k/ca.crt'], ['client-certificate: certs/client.crt', 'client-key: certs/client.key']);
    expect(referencedFiles(text)).toEqual(['/etc/k/ca.crt', 'certs/client.crt', 'certs/client.key']);
    const files = new Map([
      ['/etc/k/ca.crt', enc(CA_PEM)],
      ['certs/client.crt', enc(CERT_PEM)],
      ['certs/client.key', enc(KEY_PEM)],
    ]);
    const out = ok(input(text, { files }));
    expect(storedCluster(out)).toEqual({ 'certificate-authority-data': b64(CA_PEM), server: 'https://203.0.113.5:6443' });
    expect(storedUser(out)).toEqual({ 'client-certificate-data': b64(CERT_PEM), 'client-key-data': b64(KEY_PEM) });
    expect(out.kubeconfig).not.toMatch(/certificate-authority:|client-certificate:|client-key:/);
  });

  it('*-data fields are kept (line breaks in them removed, as Go decodes them)', () => {
    const wrapped = `${b64(CERT_PEM).slice(0, 20)}\n      ${b64(CERT_PEM).slice(20)}`;
    const text = kubeconfig([SERVER, CA_DATA], [`client-certificate-data: "${b64(CERT_PEM).slice(0, 20)}\\n${b64(CERT_PEM).slice(20)}"`, `client-key-data: ${b64(KEY_PEM)}`]);
    expect(wrapped).toContain('\n');
    expect(referencedFiles(text)).toEqual([]);
    const user = storedUser(ok(input(text)));
    expect(user).toEqual({ 'client-certificate-data': b64(CERT_PEM), 'client-key-data': b64(KEY_PEM) });
  });

  it('tokenFile becomes token (whitespace trimmed); token wins over tokenFile, which is then not read', () => {
    const text = kubeconfig([SERVER], ['tokenFile: ../tok']);
    expect(referencedFiles(text)).toEqual(['../tok']);
    expect(storedUser(ok(input(text, { files: new Map([['../tok', enc('  eyJ.token.sig\n')]]) })))).toEqual({ token: 'eyJ.token.sig' });
    const both = kubeconfig([SERVER], ['token: direct', 'tokenFile: ../tok']);
    expect(referencedFiles(both)).toEqual([]);
    expect(storedUser(ok(input(both)))).toEqual({ token: 'direct' });
  });

  it('a token from the caller replaces the user (exec plugins included); user files are then not needed', () => {
    const text = kubeconfig([SERVER, 'certificate-authority: ca.crt'], ['exec:', '  apiVersion: client.authentication.k8s.io/v1beta1', '  command: aws', 'client-key: nowhere.key']);
    expect(referencedFiles(text, undefined, { token: true })).toEqual(['ca.crt']);
    expect(referencedFiles(text)).toEqual(['ca.crt']); // an exec user has nothing to read either
    const out = ok(input(text, { token: 'sa-token\n', files: new Map([['ca.crt', enc(CA_PEM)]]) }));
    expect(storedUser(out)).toEqual({ token: 'sa-token' });
    expect(out.kubeconfig).not.toContain('exec');
  });

  it('a context without a user is fine with a token', () => {
    const text = ['clusters: [{name: c, cluster: {server: "https://h:6443"}}]', 'contexts: [{name: x, context: {cluster: c}}]', 'current-context: x'].join('\n');
    expect(storedUser(ok(input(text, { token: 't' })))).toEqual({ token: 't' });
  });

  it('--server replaces the server, and a missing server is then fine', () => {
    const text = kubeconfig([CA_DATA], ['token: t']);
    expect(storedCluster(ok(input(text, { server: 'https://west.example.com:443' }))).server).toBe('https://west.example.com:443');
  });

  it('JSON kubeconfigs (kubectl config view -o json) work too', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: { server: 'https://h:6443' } }], users: [{ name: 'u', user: { token: 't' } }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' });
    expect(storedUser(ok(input(json)))).toEqual({ token: 't' });
  });
});

/** The one issue with `code`; checks the formatted text contains every fragment. */
function one(issues: readonly Issue[], code: string, ...fragments: string[]): Issue {
  const found = issues.filter((i) => i.code === code);
  expect(found, issues.map(formatIssue).join('\n')).toHaveLength(1);
  const issue = found[0] as Issue;
  for (const f of fragments) expect(formatIssue(issue)).toContain(f);
  return issue;
}

describe('errors', () => {
  it.each([
    ['', 'it is empty'],
    ['West', 'upper-case letters', 'try --name west'],
    ['us_east', 'contains "_"', 'try --name us-east'],
    ['east.1', 'contains "."', 'try --name east-1'],
    ['-east', 'must start with'],
    ['east-', 'must end with'],
    ['a'.repeat(64), 'has 64 characters; at most 63'],
  ])('cluster name %j: says which DNS-1123 rule it breaks', (name, rule, suggestion?: string) => {
    const i = one(issuesOf(input(kubeconfig([SERVER], ['token: t']), { clusterName: name })), REMOTE_SECRET_CODES.invalidName, 'is not a DNS-1123 label', rule);
    if (suggestion !== undefined) expect(i.suggestion).toBe(suggestion);
  });

  it('namespace and type are checked', () => {
    one(issuesOf(input(kubeconfig([SERVER], ['token: t']), { namespace: 'Istio_System' })), REMOTE_SECRET_CODES.invalidNamespace, 'not a valid Kubernetes namespace name');
    one(issuesOf(input(kubeconfig([SERVER], ['token: t']), { type: 'primary' as never })), REMOTE_SECRET_CODES.invalidType, 'expected remote or config');
  });

  it('missing server: at the cluster entry, suggests --server', () => {
    const i = one(issuesOf(input(kubeconfig([CA_DATA], ['token: t']))), REMOTE_SECRET_CODES.missingServer, 'kc.yaml:4:3: error: clusters[0].cluster.server: cluster "c1" has no server');
    expect(i.suggestion).toContain('--server');
  });

  it.each([
    ['ftp://h:21', 'uses the scheme ftp'],
    ['https://', 'is not a URL istiod can dial'],
    ['https://h :6443', 'is not a URL istiod can dial'],
  ])('invalid server %j', (server, msg) => {
    one(issuesOf(input(kubeconfig([`server: "${server}"`], ['token: t']))), REMOTE_SECRET_CODES.invalidServer, 'kc.yaml:6:5', msg);
    one(issuesOf(input(kubeconfig([SERVER], ['token: t']), { server })), REMOTE_SECRET_CODES.invalidServer, `--server ${JSON.stringify(server)}`);
  });

  it('exec users: istiod cannot run plugins; suggests a service-account token with --token-file', () => {
    const i = one(issuesOf(input(kubeconfig([SERVER], ['exec:', '  command: gke-gcloud-auth-plugin']))), REMOTE_SECRET_CODES.execUser, 'kc.yaml:10:5: error: users[0].user.exec:', 'exec plugin "gke-gcloud-auth-plugin"', 'cannot run plugins');
    expect(i.suggestion).toContain('--token-file');
    expect(i.suggestion).toContain('kubectl -n istio-system create token istio-reader-service-account');
  });

  it('auth-provider users likewise', () => {
    const i = one(issuesOf(input(kubeconfig([SERVER], ['auth-provider:', '  name: gcp', '  config: {access-token: ya29}']))), REMOTE_SECRET_CODES.authProviderUser, 'users[0].user.auth-provider', 'auth-provider "gcp"');
    expect(i.suggestion).toContain('--token-file');
  });

  it('a referenced file that was not read: names the file, the reason and the field', () => {
    const text = kubeconfig([SERVER, 'certificate-authority: ca.crt'], ['tokenFile: tok']);
    const issues = issuesOf(input(text, { unreadable: new Map([['ca.crt', 'no such file (/k/ca.crt)']]) }));
    expect(issues.map(formatIssue)).toEqual([
      'kc.yaml:7:5: error: clusters[0].cluster.certificate-authority: cannot read the certificate-authority file "ca.crt": no such file (/k/ca.crt) (relative paths are read from the kubeconfig\'s directory; fix the path or replace it with certificate-authority-data)',
      'kc.yaml:11:5: error: users[0].user.tokenFile: cannot read the tokenFile "tok": its contents were not given (relative paths are read from the kubeconfig\'s directory; fix the path or replace it with token)',
    ]);
  });

  it('a certificate file that is not PEM', () => {
    one(issuesOf(input(kubeconfig([SERVER, 'certificate-authority: ca.der'], ['token: t']), { files: new Map([['ca.der', new Uint8Array([0x30, 0x82, 1, 2])]]) })), REMOTE_SECRET_CODES.notPem, 'is not PEM');
  });

  it('*-data that is not base64', () => {
    one(issuesOf(input(kubeconfig([SERVER, 'certificate-authority-data: not base64!'], ['token: t']))), REMOTE_SECRET_CODES.invalidBase64, 'clusters[0].cluster.certificate-authority-data: certificate-authority-data must be base64, but it contains a space');
    one(issuesOf(input(kubeconfig([SERVER, 'certificate-authority-data: QUJ'], ['token: t']))), REMOTE_SECRET_CODES.invalidBase64, 'not a multiple of 4');
  });

  it('a Secret over the 1 MiB Kubernetes limit', () => {
    const huge = enc(`${CA_PEM}${'x'.repeat(800 * 1024)}\n`);
    one(issuesOf(input(kubeconfig([SERVER, 'certificate-authority: ca.crt'], ['token: t']), { files: new Map([['ca.crt', huge]]) })), REMOTE_SECRET_CODES.tooLarge, 'Kubernetes stores at most 1048576 bytes');
  });

  it('an empty token file, or a token with spaces', () => {
    one(issuesOf(input(kubeconfig([SERVER], ['tokenFile: tok']), { files: new Map([['tok', enc('\n')]]) })), REMOTE_SECRET_CODES.emptyToken, 'is empty');
    one(issuesOf(input(kubeconfig([SERVER], ['token: t']), { token: ' ' })), REMOTE_SECRET_CODES.invalidToken, 'is empty');
    one(issuesOf(input(kubeconfig([SERVER], ['token: t']), { token: 'two words' })), REMOTE_SECRET_CODES.invalidToken, 'more than one word');
  });

  it('insecure-skip-tls-verify together with a certificate authority (client-go refuses it)', () => {
    one(issuesOf(input(kubeconfig([SERVER, CA_DATA, 'insecure-skip-tls-verify: true'], ['token: t']))), REMOTE_SECRET_CODES.insecureWithCa, 'kc.yaml:8:5: error: clusters[0].cluster.insecure-skip-tls-verify:', 'refuse that combination');
  });

  it('a client certificate without its key (and the reverse)', () => {
    one(issuesOf(input(kubeconfig([SERVER], [`client-certificate-data: ${b64(CERT_PEM)}`]))), REMOTE_SECRET_CODES.incompleteClientCert, 'certificate but no client key');
    one(issuesOf(input(kubeconfig([SERVER], [`client-key-data: ${b64(KEY_PEM)}`]))), REMOTE_SECRET_CODES.incompleteClientCert, 'key but no client certificate');
  });

  it('a user without credentials, or a context without a user', () => {
    one(issuesOf(input(kubeconfig([SERVER], ['{}']))), REMOTE_SECRET_CODES.noCredentials, 'has no token, client certificate or password');
    const noUser = ['clusters: [{name: c, cluster: {server: "https://h:6443"}}]', 'contexts: [{name: x, context: {cluster: c}}]', 'current-context: x'].join('\n');
    one(issuesOf(input(noUser)), REMOTE_SECRET_CODES.noCredentials, 'names no user');
  });

  it('no current-context and no --context: lists the contexts', () => {
    const text = kubeconfig([SERVER], ['token: t']).replace('current-context: ctx', '');
    const i = one(issuesOf(input(text)), REMOTE_SECRET_CODES.noContext, 'no current-context', 'available: "ctx"');
    expect(i.suggestion).toBe('add --context ctx');
  });

  it('unknown context: lists the available ones and suggests the closest', () => {
    const i = one(issuesOf(input(kubeconfig([SERVER], ['token: t']), { context: 'ctz' })), REMOTE_SECRET_CODES.unknownContext, '--context "ctz": no such context in kc.yaml; available: "ctx"');
    expect(i.suggestion).toBe('did you mean "ctx"?');
    const cur = one(issuesOf(input(kubeconfig([SERVER], ['token: t']).replace('current-context: ctx', 'current-context: gone'))), REMOTE_SECRET_CODES.unknownContext, 'kc.yaml:16:1: error: current-context: current-context "gone": no such context');
    expect(cur.suggestion).toBe('use --context with one of the available contexts');
  });

  it('a context naming an undefined cluster or user', () => {
    one(issuesOf(input(kubeconfig([SERVER], ['token: t']).replace('cluster: c1', 'cluster: c2'))), REMOTE_SECRET_CODES.unknownCluster, 'kc.yaml:14:5: error: contexts[0].context.cluster: context "ctx" names cluster "c2"', 'did you mean "c1"?');
    one(issuesOf(input(kubeconfig([SERVER], ['token: t']).replace('user: u1', 'user: u9'))), REMOTE_SECRET_CODES.unknownUser, 'contexts[0].context.user', 'user "u9"');
  });
});

describe('kubeconfig syntax and shape', () => {
  it('YAML syntax errors point at file:line:column', () => {
    const issues = issuesOf(input('clusters:\n- name: "c1\n  cluster: {}\n'));
    expect(issues[0]?.code).toBe('kubeconfig-parse');
    expect(formatIssue(issues[0] as Issue)).toMatch(/^kc\.yaml:2:9: error: invalid YAML: .*opened here and never closed/);
  });

  it('empty file, several documents, not a mapping, wrong kind, binary', () => {
    expect(formatIssue(issuesOf(input(''))[0] as Issue)).toContain('the file is empty');
    expect(formatIssue(issuesOf(input('a: 1\n---\nb: 2\n'))[0] as Issue)).toMatch(/^kc\.yaml:2:1: .*2 YAML documents/);
    expect(formatIssue(issuesOf(input('- a\n- b\n'))[0] as Issue)).toContain('the document is a list; expected a kubeconfig');
    one(issuesOf(input('kind: Pod\n')), 'kubeconfig-invalid', 'expected kind Config');
    expect(issuesOf(input('a\u0000b'))[0]?.message).toContain('binary');
  });

  it('wrong types: what was expected, where, and a suggestion', () => {
    const i = one(issuesOf(input(kubeconfig(['server: 6443'], ['token: t']))), 'kubeconfig-invalid', 'kc.yaml:6:5: error: clusters[0].cluster.server: expected a string, found number 6443');
    expect(i.suggestion).toBe('quote it: "6443"');
    one(issuesOf(input(kubeconfig([SERVER, 'insecure-skip-tls-verify: maybe'], ['token: t']))), 'kubeconfig-invalid', 'expected true or false');
    one(issuesOf(input('clusters: {c1: {}}\n')), 'kubeconfig-invalid', 'clusters: expected a list of {name, cluster} entries, found a mapping');
    one(issuesOf(input('users:\n- user: {token: t}\n')), 'kubeconfig-invalid', 'every entry of users needs a name');
  });

  it('a name twice in one list is refused, as kubectl refuses it', () => {
    one(issuesOf(input('clusters:\n- {name: a}\n- {name: a}\n')), 'kubeconfig-duplicate-name', 'kc.yaml:3:4: error: clusters[1].name: clusters has two entries named "a" (clusters[0] and clusters[1])');
  });

  it('merge keys (<<) as go-yaml applies them: written keys win, then the first merged mapping', () => {
    const text = [
      'base: &base {server: "https://base:6443", certificate-authority-data: QUJD}',
      'other: &other {server: "https://other:6443", tls-server-name: other}',
      'clusters:',
      '- name: c1',
      '  cluster:',
      '    <<: [*base, *other]',
      '    certificate-authority-data: REVG',
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: x, context: {cluster: c1, user: u}}]',
      'current-context: x',
    ].join('\n');
    expect(storedCluster(ok(input(text)))).toEqual({ 'certificate-authority-data': 'REVG', server: 'https://base:6443', 'tls-server-name': 'other' });
    one(issuesOf(input('clusters:\n- name: c\n  cluster:\n    <<: 3\n')), 'kubeconfig-parse', 'kc.yaml:4:5: error: a merge key (<<) needs a mapping');
  });

  it('plain scalars the yaml package would take for NaN stay strings, as in go-yaml (e5, .)', () => {
    const text = ['clusters: [{name: e5, cluster: {server: "https://h:6443", certificate-authority-data: QUJD}}]', 'users: [{name: ., user: {token: e0}}]', 'contexts: [{name: x, context: {cluster: e5, user: .}}]', 'current-context: x'].join('\n');
    expect(storedUser(ok(input(text)))).toEqual({ token: 'e0' });
    one(issuesOf(input(text.replace('token: e0', 'token: .nan'))), 'kubeconfig-invalid', 'expected a string, found number NaN');
  });

  it('YAML 1.1 booleans as kubectl reads them: insecure-skip-tls-verify: yes', () => {
    const out = ok(input(kubeconfig([SERVER, 'insecure-skip-tls-verify: yes'], ['token: t'])));
    expect(storedCluster(out)['insecure-skip-tls-verify']).toBe(true);
  });
});

describe('warnings', () => {
  it.each(['https://127.0.0.1:6443', 'https://localhost:6443', 'https://[::1]:6443', 'https://127.1.2.3', 'https://kubernetes.localhost'])('loopback server %s: istiod in another cluster cannot reach it', (server) => {
    const out = ok(input(kubeconfig([`server: "${server}"`, CA_DATA], ['token: t'])));
    expect(out.warnings).toHaveLength(1);
    const w = one(out.warnings, REMOTE_SECRET_CODES.loopbackServer, 'kc.yaml:6:5: warning: clusters[0].cluster.server:', 'loopback address', 'cannot reach it');
    expect(w.suggestion).toContain('--server');
    // --server fixes it.
    expect(ok(input(kubeconfig([`server: "${server}"`, CA_DATA], ['token: t']), { server: 'https://172.18.0.2:6443' })).warnings).toEqual([]);
  });

  it('a loopback --server is warned about too', () => {
    one(ok(input(kubeconfig([SERVER], ['token: t']), { server: 'https://localhost:1' })).warnings, REMOTE_SECRET_CODES.loopbackServer, '--server "https://localhost:1"');
  });

  it('insecure-skip-tls-verify, kept in the output', () => {
    const out = ok(input(kubeconfig([SERVER, 'insecure-skip-tls-verify: true'], ['token: t'])));
    one(out.warnings, REMOTE_SECRET_CODES.insecureTls, 'clusters[0].cluster.insecure-skip-tls-verify', 'will not verify');
    expect(storedCluster(out)['insecure-skip-tls-verify']).toBe(true);
  });

  it('https server without a certificate authority', () => {
    const out = ok(input(kubeconfig([SERVER], ['token: t'])));
    one(out.warnings, REMOTE_SECRET_CODES.noCa, 'kc.yaml:4:3: warning: clusters[0].cluster: cluster "c1" has no certificate-authority');
    expect(out.warnings).toHaveLength(1);
  });

  it('basic authentication (removed from Kubernetes in 1.19)', () => {
    one(ok(input(kubeconfig([SERVER, CA_DATA], ['username: admin', 'password: pw']))).warnings, REMOTE_SECRET_CODES.basicAuth, 'users[0].user.username', 'dropped basic authentication in 1.19');
  });

  it('http:// server', () => {
    one(ok(input(kubeconfig(['server: http://api.example:8080'], ['token: t']))).warnings, REMOTE_SECRET_CODES.plainHttp, 'plain http');
  });

  it('a file and its -data both set: -data wins, the file is not read', () => {
    const text = kubeconfig([SERVER, 'certificate-authority: ca.crt', CA_DATA], ['token: t']);
    expect(referencedFiles(text)).toEqual([]);
    const out = ok(input(text));
    one(out.warnings, REMOTE_SECRET_CODES.bothFileAndData, 'certificate-authority-data wins');
    expect(storedCluster(out)['certificate-authority-data']).toBe(b64(CA_PEM));
  });
});

describe('values are data', () => {
  it('__proto__ and constructor keys and names never reach prototypes', () => {
    const text = [
      '__proto__: {polluted: yes}',
      'constructor: {prototype: {polluted: yes}}',
      'clusters:',
      '- name: __proto__',
      '  cluster: {server: "https://h:6443", __proto__: {server: "https://evil"}}',
      'users:',
      '- name: constructor',
      '  user: {token: t, __proto__: {exec: {command: x}}}',
      'contexts:',
      '- name: toString',
      '  context: {cluster: __proto__, user: constructor, __proto__: {cluster: other}}',
      'current-context: toString',
    ].join('\n');
    const out = ok(input(text));
    expect(storedCluster(out)).toEqual({ server: 'https://h:6443' });
    expect(storedUser(out)).toEqual({ token: 't' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // A context named like an Object.prototype member that does not exist is not "found" there.
    one(issuesOf(input(text, { context: 'hasOwnProperty' })), REMOTE_SECRET_CODES.unknownContext, 'no such context');
  });
});
