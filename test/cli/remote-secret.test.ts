/**
 * `istio-installer remote-secret generate` run in-process (runMain with registerRemoteSecret):
 * referenced files read relative to the kubeconfig's directory, --token-file, warnings on
 * stderr, -o written with mode 0600 and nothing left behind on error, exit codes 0/1/2.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../../src/cli/program.js';
import { registerRemoteSecret } from '../../src/cli/remote-secret.js';
import { safeGenerateRemoteSecret } from '../../src/multicluster/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'remote-secret-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMain(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd }, [registerRemoteSecret]);
  return { code, stdout, stderr };
}

const CA = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIBkey\n-----END PRIVATE KEY-----\n';

/** kube/west.yaml referencing ca.crt, certs/client.{crt,key} relative to kube/. */
function writeKubeconfig(server = 'https://203.0.113.5:6443', user = ['client-certificate: certs/client.crt', 'client-key: certs/client.key']): string {
  mkdirSync(join(dir, 'kube', 'certs'), { recursive: true });
  writeFileSync(join(dir, 'kube', 'ca.crt'), CA);
  writeFileSync(join(dir, 'kube', 'certs', 'client.crt'), CERT);
  writeFileSync(join(dir, 'kube', 'certs', 'client.key'), KEY);
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: kind-west',
    '  cluster:',
    `    server: ${server}`,
    '    certificate-authority: ca.crt',
    'users:',
    '- name: admin',
    '  user:',
    ...user.map((l) => `    ${l}`),
    'contexts:',
    '- name: kind-west',
    '  context: {cluster: kind-west, user: admin}',
    'current-context: kind-west',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'kube', 'west.yaml'), text);
  return text;
}

const user = (stdout: string, key = 'west'): Record<string, unknown> => {
  const secret = parse(stdout) as { stringData: Record<string, string> };
  const kc = parse(secret.stringData[key] as string) as { users: { user: Record<string, unknown> }[] };
  return (kc.users[0] as { user: Record<string, unknown> }).user;
};

describe('remote-secret generate', () => {
  it('prints the Secret; referenced files are read relative to the kubeconfig, not the working directory', async () => {
    const text = writeKubeconfig();
    mkdirSync(join(dir, 'elsewhere'));
    const r = await run(['remote-secret', 'generate', '--kubeconfig', '../kube/west.yaml', '--name', 'west'], join(dir, 'elsewhere'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lib = safeGenerateRemoteSecret({
      kubeconfig: { text, file: '../kube/west.yaml' },
      clusterName: 'west',
      files: new Map([
        ['ca.crt', new TextEncoder().encode(CA)],
        ['certs/client.crt', new TextEncoder().encode(CERT)],
        ['certs/client.key', new TextEncoder().encode(KEY)],
      ]),
    });
    expect(lib.success && lib.data.yaml).toBe(r.stdout);
    expect(user(r.stdout)).toEqual({ 'client-certificate-data': btoa(CERT), 'client-key-data': btoa(KEY) });
  });

  it('--type config -n NS: istio-kubeconfig with key config', async () => {
    writeKubeconfig();
    const r = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'config', '--type', 'config', '-n', 'external-istiod']);
    expect(r.code).toBe(0);
    const secret = parse(r.stdout) as { metadata: { name: string; namespace: string; labels?: unknown }; stringData: Record<string, string> };
    expect(secret.metadata).toMatchObject({ name: 'istio-kubeconfig', namespace: 'external-istiod' });
    expect(secret.metadata.labels).toBeUndefined();
    expect(Object.keys(secret.stringData)).toEqual(['config']);
  });

  it('--token-file replaces an exec user; --server replaces a loopback address (no warning then)', async () => {
    writeKubeconfig('https://127.0.0.1:33445', ['exec: {command: gke-gcloud-auth-plugin, apiVersion: client.authentication.k8s.io/v1beta1}']);
    writeFileSync(join(dir, 'sa.token'), 'eyJhbGciOi.payload.sig\n');
    const refused = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('kube/west.yaml:11:5: error: users[0].user.exec: user "admin" gets its credentials from the exec plugin "gke-gcloud-auth-plugin"');
    expect(refused.stderr).toContain('--token-file');
    const r = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west', '--token-file', 'sa.token', '--server', 'https://172.18.0.3:6443']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(user(r.stdout)).toEqual({ token: 'eyJhbGciOi.payload.sig' });
    expect(r.stdout).toContain('server: https://172.18.0.3:6443');
  });

  it('warnings go to stderr with exit 0', async () => {
    writeKubeconfig('https://127.0.0.1:33445');
    const r = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kind: Secret');
    expect(r.stderr).toBe(
      'kube/west.yaml:6:5: warning: clusters[0].cluster.server: server "https://127.0.0.1:33445" is a loopback address: it works from this machine, but istiod runs in another cluster and cannot reach it there (pass --server with an address of this API server that the other cluster can reach; for kind clusters on one docker network: https://<cluster>-control-plane:6443)\n',
    );
  });

  it('a missing referenced file: exit 1, the path as written and where it was looked for', async () => {
    writeKubeconfig();
    rmSync(join(dir, 'kube', 'ca.crt'));
    const r = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`kube/west.yaml:7:5: error: clusters[0].cluster.certificate-authority: cannot read the certificate-authority file "ca.crt": no such file (${join(dir, 'kube', 'ca.crt')})`);
  });

  it('invalid input: exit 1 with every problem; usage errors: exit 2', async () => {
    writeKubeconfig();
    const bad = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'West_1', '--context', 'kind-wset']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error: cluster name "West_1" (--name) is not a DNS-1123 label: it has upper-case letters');
    expect(bad.stderr).toContain('error: --context "kind-wset": no such context in kube/west.yaml; available: "kind-west" (did you mean "kind-west"?)');
    expect((await run(['remote-secret', 'generate', '--kubeconfig', 'nope.yaml', '--name', 'west'])).stderr).toBe('error: cannot read the kubeconfig nope.yaml: no such file\n');
    expect((await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west', '--token-file', 'none'])).code).toBe(1);
    expect((await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west', '--type', 'primary'])).code).toBe(2);
    expect((await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml'])).code).toBe(2);
    expect((await run(['remote-secret', 'generate', '--kubeconfig', '-', '--name', 'west', '--token-file', '-'])).code).toBe(2);
    writeFileSync(join(dir, 'bin.yaml'), new Uint8Array([0x61, 0xff, 0x62]));
    const bin = await run(['remote-secret', 'generate', '--kubeconfig', 'bin.yaml', '--name', 'west']);
    expect(bin.code).toBe(1);
    expect(bin.stderr).toContain('bin.yaml:1:2: error: the file is not valid UTF-8 text');
  });

  it('-o FILE: written with mode 0600, replacing an existing file; nothing else left in the directory', async () => {
    writeKubeconfig();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'secret.yaml'), 'old');
    chmodSync(join(dir, 'out', 'secret.yaml'), 0o644);
    const r = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west', '-o', 'out/secret.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const direct = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west']);
    expect(readFileSync(join(dir, 'out', 'secret.yaml'), 'utf8')).toBe(direct.stdout);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'out', 'secret.yaml')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'out'))).toEqual(['secret.yaml']);
  });

  it('-o FILE on error: FILE untouched or never created, no temporary file left', async () => {
    writeKubeconfig();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'keep.yaml'), 'previous');
    const invalid = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'BAD', '-o', 'out/keep.yaml']);
    expect(invalid.code).toBe(1);
    expect(readFileSync(join(dir, 'out', 'keep.yaml'), 'utf8')).toBe('previous');
    const noDir = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west', '-o', 'missing/secret.yaml']);
    expect(noDir.code).toBe(1);
    expect(noDir.stderr).toBe('error: cannot write missing/secret.yaml: its directory does not exist\n');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    const isDir = await run(['remote-secret', 'generate', '--kubeconfig', 'kube/west.yaml', '--name', 'west', '-o', 'out']);
    expect(isDir.code).toBe(1);
    expect(isDir.stderr).toBe('error: cannot write out: it is a directory\n');
    expect(readdirSync(join(dir, 'out'))).toEqual(['keep.yaml']);
  });

  it('help shows both types and where to apply them', async () => {
    const r = await run(['remote-secret', 'generate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--type remote (default): Secret istio-remote-secret-CLUSTER');
    expect(r.stdout).toContain('Apply it in the PRIMARY cluster whose istiod must read CLUSTER');
    expect(r.stdout).toContain('--type config: Secret istio-kubeconfig');
    expect(r.stdout).toContain("in the external istiod's");
    expect(r.stdout).toContain('kubectl --context remote -n istio-system create token istio-reader-service-account');
  });
});
