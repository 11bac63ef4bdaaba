/**
 * `istio-installer workload entry configure` run in-process (runMain with registerWorkload) in a
 * temporary directory: the files written equal the library's, the directory is written all or
 * nothing, and the exit codes (0 ok, 1 invalid input, 2 usage).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../../src/cli/program.js';
import { registerWorkload } from '../../src/cli/workload.js';
import { configureWorkload } from '../../src/workload/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'workload-cli-'));
  writeFileSync(join(dir, 'group.yaml'), GROUP);
  writeFileSync(join(dir, 'primary.yaml'), PRIMARY);
  writeFileSync(join(dir, 'root-cert.pem'), CERT);
  writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const GROUP = `apiVersion: networking.istio.io/v1alpha3
kind: WorkloadGroup
metadata:
  name: reviews-vm
  namespace: bookinfo
spec:
  metadata:
    labels:
      app: reviews
  template:
    serviceAccount: bookinfo-reviews
    network: vm-net
    ports:
      http: 9080
`;
const PRIMARY = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  values:
    global:
      meshID: mesh1
      network: network1
      multiCluster:
        clusterName: primary
`;
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const TOKEN = 'aaa.bbb.ccc';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMain(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd: dir }, [registerWorkload]);
  return { code, stdout, stderr };
}

function tree(sub: string): Record<string, string> {
  const d = join(dir, sub);
  return Object.fromEntries(readdirSync(d).map((f) => [f, readFileSync(join(d, f), 'utf8')]));
}

const CONFIGURE = ['workload', 'entry', 'configure'];

describe('workload entry configure', () => {
  it('writes what the library makes, and says where', async () => {
    const r = await run([...CONFIGURE, '-f', 'group.yaml', '--iop', 'primary.yaml', '--ingressIP', '203.0.113.20', '--workloadIP', '10.1.2.3', '--autoregister', '--root-cert', 'root-cert.pem', '--token', 'token', '-o', 'vm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('wrote vm: cluster.env, hosts, istio-token, mesh.yaml, root-cert.pem, sidecar.env\n');
    const lib = configureWorkload({
      workloadGroup: { text: GROUP, file: 'group.yaml' },
      mesh: { files: [{ name: 'primary.yaml', text: PRIMARY }] },
      ingressIP: '203.0.113.20',
      workloadIP: '10.1.2.3',
      autoregister: true,
      rootCert: { text: CERT, file: 'root-cert.pem' },
      token: { text: TOKEN, file: 'token' },
    });
    expect(tree('vm')).toEqual(Object.fromEntries(lib.files.map((f) => [f.path, f.text])));
    // the token is a credential: only its owner may read it (whatever the umask)
    if (process.platform !== 'win32') expect(statSync(join(dir, 'vm', 'istio-token')).mode & 0o077).toBe(0);
    expect(r.stderr).toBe(lib.warnings.map((w) => `warning: ${w.path}: ${w.message}${w.suggestion ? ` (${w.suggestion})` : ''}\n`).join(''));
    expect(tree('vm')['sidecar.env']).toBe('ISTIO_SVC_IP=10.1.2.3\n');
    expect(tree('vm')['cluster.env']).toContain('ISTIO_META_CLUSTER_ID=primary\n');
  });

  it('without credentials: warnings with the kubectl commands, the other files written', async () => {
    const r = await run([...CONFIGURE, '-f', 'group.yaml', '--ingressIP', '203.0.113.20', '-o', 'vm']);
    expect(r.code).toBe(0);
    expect(Object.keys(tree('vm'))).toEqual(['cluster.env', 'hosts', 'mesh.yaml']);
    expect(r.stderr).toContain("kubectl -n bookinfo get configmap istio-ca-root-cert -o jsonpath='{.data.root-cert\\.pem}' > root-cert.pem");
    expect(r.stderr).toContain('kubectl -n bookinfo create token bookinfo-reviews --audience istio-ca --duration 3600s > istio-token');
  });

  it('--capture-dns=false, --clusterID, --revision, --set, -n', async () => {
    writeFileSync(join(dir, 'nons.yaml'), GROUP.replace('  namespace: bookinfo\n', ''));
    const r = await run([...CONFIGURE, '-f', 'nons.yaml', '-n', 'shop', '--capture-dns=false', '--clusterID', 'c9', '-r', 'canary', '--set', 'values.global.meshID=m2', '--ingressIP', '203.0.113.20', '--tokenDuration', '600', '-o', 'vm']);
    expect(r.code).toBe(0);
    const t = tree('vm');
    expect(t['cluster.env']).not.toContain('DNS_CAPTURE');
    expect(t['cluster.env']).toContain('ISTIO_META_CLUSTER_ID=c9\nISTIO_META_MESH_ID=m2\n');
    expect(t['cluster.env']).toContain('ISTIO_SERVICE=reviews-vm.shop\n');
    expect(t.hosts).toBe('203.0.113.20 istiod-canary.istio-system.svc\n');
    expect(r.stderr).toContain('--duration 600s');
  });

  it('a non-empty output directory needs --force; then it is replaced as a whole', async () => {
    mkdirSync(join(dir, 'vm'));
    writeFileSync(join(dir, 'vm', 'old.txt'), 'x');
    const args = [...CONFIGURE, '-f', 'group.yaml', '--ingressIP', '203.0.113.20', '-o', 'vm'];
    const refused = await run(args);
    expect(refused).toEqual({ code: 1, stdout: '', stderr: 'error: vm exists and is not empty; use --force to replace it\n' });
    const forced = await run([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(Object.keys(tree('vm'))).toEqual(['cluster.env', 'hosts', 'mesh.yaml']);
  });

  it('invalid input: exit 1, every problem on stderr, nothing written', async () => {
    const r = await run([...CONFIGURE, '-f', 'group.yaml', '--workloadIP', '10.0.0.999', '-o', 'vm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: --workloadIP: "10.0.0.999" is not an IP address (give an IPv4 address such as 10.0.0.5 or an IPv6 address such as fd00::5)\n');
    expect(existsSync(join(dir, 'vm'))).toBe(false);

    const noIngress = await run([...CONFIGURE, '-f', 'group.yaml', '-o', 'vm']);
    expect(noIngress.code).toBe(1);
    expect(noIngress.stderr).toContain("kubectl -n istio-system get service istio-eastwestgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}' prints it");
    expect(existsSync(join(dir, 'vm'))).toBe(false);

    writeFileSync(join(dir, 'bad.yaml'), GROUP.replace('serviceAccount', 'serviceAcount'));
    const bad = await run([...CONFIGURE, '-f', 'bad.yaml', '--ingressIP', '203.0.113.20', '-o', 'vm']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:11:5: error: spec.template.serviceAcount: unknown field "serviceAcount"');

    const ext = await run([...CONFIGURE, '-f', 'group.yaml', '--profile', 'external', '-o', 'vm']);
    expect(ext.code).toBe(1);
    expect(ext.stderr).toContain('renders no mesh ConfigMap istio-system/istio');
  });

  it('unreadable files are reported together', async () => {
    const r = await run([...CONFIGURE, '-f', 'missing.yaml', '--root-cert', 'nope.pem', '-o', 'vm']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error: --file: cannot read missing.yaml: no such file\nerror: --root-cert: cannot read nope.pem: no such file\n' });
  });

  it('usage errors exit 2', async () => {
    expect((await run([...CONFIGURE, '-f', 'group.yaml'])).code).toBe(2);
    expect((await run([...CONFIGURE, '-f', 'group.yaml', '-o', 'vm', '--capture-dns=maybe'])).code).toBe(2);
    expect((await run([...CONFIGURE, '-f', 'group.yaml', '-o', 'vm', '--tokenDuration', '1h'])).code).toBe(2);
  });

  it('--help lists the files it writes', async () => {
    const r = await run([...CONFIGURE, '--help']);
    expect(r.code).toBe(0);
    for (const f of ['cluster.env', 'mesh.yaml', 'hosts', 'sidecar.env', 'root-cert.pem', 'istio-token']) expect(r.stdout).toContain(f);
  });
});
