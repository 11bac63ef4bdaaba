/**
 * `kube-inject` run in-process (runMain with registerKubeInject, until the lead registers it in
 * main.ts). Reading `-f -` from standard input needs the built command: test/cli/stdin.test.ts
 * covers readUserFile's stdin for every command.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerKubeInject } from '../../src/cli/kube-inject.js';
import { runMain } from '../../src/cli/program.js';
import { render } from '../../src/manifest/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube-inject-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMain(['kube-inject', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd: dir }, [registerKubeInject]);
  return { code, stdout, stderr };
}

function write(name: string, text: string | Uint8Array): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  ports: [{port: 80}]
`;

type Obj = Record<string, unknown>;
function docs(yaml: string): Obj[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as Obj);
}
function podSpec(o: Obj): { containers: Obj[]; initContainers?: Obj[] } {
  return ((o.spec as Obj).template as Obj).spec as { containers: Obj[]; initContainers?: Obj[] };
}
function env(c: Obj, name: string): unknown {
  return (c.env as { name: string; value?: string }[]).find((e) => e.name === name)?.value;
}
function proxy(o: Obj): Obj {
  const c = podSpec(o).containers.find((x) => x.name === 'istio-proxy');
  if (!c) throw new Error('no istio-proxy container');
  return c;
}

describe('kube-inject: configuration from a rendered installation', () => {
  it('default profile: the Deployment gets istio-proxy and istio-init, the Service is printed as written', async () => {
    const r = await run(['-f', write('app.yaml', APP)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [dep, svc] = docs(r.stdout);
    expect(podSpec(dep as Obj).containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(podSpec(dep as Obj).initContainers?.map((c) => c.name)).toEqual(['istio-init']);
    expect(env(proxy(dep as Obj), 'CA_ADDR')).toBe('istiod.istio-system.svc:15012');
    expect(r.stdout).toContain('---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  ports: [{port: 80}]\n');
    expect(svc).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } });
  });

  it('--revision: that revision\'s injector', async () => {
    const r = await run(['-f', write('app.yaml', APP), '--revision', 'canary']);
    expect(r.code).toBe(0);
    const dep = docs(r.stdout)[0] as Obj;
    expect(env(proxy(dep), 'CA_ADDR')).toBe('istiod-canary.istio-system.svc:15012');
    expect((((dep.spec as Obj).template as Obj).metadata as Obj).labels).toMatchObject({ 'istio.io/rev': 'canary' });
  });

  it('--operatorFileName and --set shape the installation (layered in order)', async () => {
    write('iop.yaml', 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  hub: example.com/istio\n  tag: 1.11.8\n');
    const r = await run(['-f', write('app.yaml', APP), '--operatorFileName', 'iop.yaml', '--set', 'values.global.proxy.logLevel=debug']);
    expect(r.code).toBe(0);
    const c = proxy(docs(r.stdout)[0] as Obj);
    expect(c.image).toBe('example.com/istio/proxyv2:1.11.8');
    expect(c.args).toContain('--proxyLogLevel=debug');
  });

  it('-n names the namespace of workloads without one', async () => {
    const r = await run(['-f', write('app.yaml', APP.replace('  namespace: shop\n', '')), '-n', 'other']);
    expect(r.code).toBe(0);
    expect(env(proxy(docs(r.stdout)[0] as Obj), 'ISTIO_META_OWNER')).toBe('kubernetes://apis/apps/v1/namespaces/other/deployments/web');
  });

  it('an installation without istiod has no injector: exit 1', async () => {
    const r = await run(['-f', write('app.yaml', APP), '--set', 'components.pilot.enabled=false']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: the installation renders no istio-sidecar-injector ConfigMap');
  });

  it('a bad IstioOperator: its issues with file:line, exit 1', async () => {
    write('iop.yaml', 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  compnents: {}\n');
    const r = await run(['-f', write('app.yaml', APP), '--operatorFileName', 'iop.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('iop.yaml:4:3: error: spec.compnents: unknown field');
  });
});

describe('kube-inject: configuration from istioctl\'s files', () => {
  const set = render({ revision: 'canary' });
  const cm = (name: string): string => {
    const o = set.objects.find((x) => x.kind === 'ConfigMap' && x.name === name);
    if (!o) throw new Error(name);
    return o.yaml;
  };

  it('the three ConfigMaps give the same output as the installation they come from', async () => {
    write('injector.yaml', cm('istio-sidecar-injector-canary'));
    write('mesh.yaml', cm('istio-canary'));
    const fromFiles = await run(['-f', write('app.yaml', APP), '--injectConfigFile', 'injector.yaml', '--valuesFile', 'injector.yaml', '--meshConfigFile', 'mesh.yaml']);
    const rendered = await run(['-f', 'app.yaml', '--revision', 'canary']);
    expect(fromFiles.stderr).toBe('');
    expect(fromFiles.code).toBe(0);
    expect(fromFiles.stdout).toBe(rendered.stdout);
  });

  it('the raw values JSON replaces the installation\'s values', async () => {
    const values = JSON.parse((set.objects.find((x) => x.kind === 'ConfigMap' && x.name === 'istio-sidecar-injector-canary')?.object.data as { values: string }).values) as {
      global: { proxy: { logLevel: string } };
    };
    values.global.proxy.logLevel = 'trace';
    const r = await run(['-f', write('app.yaml', APP), '--valuesFile', write('values.json', JSON.stringify(values))]);
    expect(r.code).toBe(0);
    expect(proxy(docs(r.stdout)[0] as Obj).args).toContain('--proxyLogLevel=trace');
  });

  it('all three files and --set: a warning that --set is not used', async () => {
    write('injector.yaml', cm('istio-sidecar-injector-canary'));
    write('mesh.yaml', cm('istio-canary'));
    const r = await run(['-f', write('app.yaml', APP), '--injectConfigFile', 'injector.yaml', '--valuesFile', 'injector.yaml', '--meshConfigFile', 'mesh.yaml', '--set', 'tag=x']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: --operatorFileName and --set are not used: --meshConfigFile, --injectConfigFile and --valuesFile give the whole configuration\n');
  });

  it('bad configuration files: every problem with file:line, exit 1, nothing on stdout', async () => {
    write('mesh.yaml', 'trustDomian: x\n');
    write('values.json', '{"global": {,}}');
    const r = await run(['-f', write('app.yaml', APP), '--meshConfigFile', 'mesh.yaml', '--valuesFile', 'values.json', '--injectConfigFile', write('inj.yaml', 'policy: sometimes\ntemplates: {}\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      'inj.yaml:1:1: error: policy: expected "enabled" or "disabled", got the string "sometimes" (istiod 1.11 injects nothing with any other value)',
      'values.json:1:13: error: the values are not valid JSON: expected a property name in double quotes, found ","',
      expect.stringMatching(/^mesh\.yaml:1:1: error: trustDomian: unknown field "trustDomian"/),
    ]);
  });
});

describe('kube-inject: workloads not injected', () => {
  it('opted out and host networking: printed as written, warnings on stderr in file order, exit 0', async () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {sidecar.istio.io/inject: "false"}
spec:
  containers: [{name: a, image: b}]
---
apiVersion: v1
kind: Pod
metadata: {name: h}
spec:
  hostNetwork: true
  containers: [{name: a, image: b, contaner: 1}]
`;
    const r = await run(['-f', write('pods.yaml', text)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(text);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines.map((l) => l.split(': ')[0])).toEqual(['pods.yaml:1:1', 'pods.yaml:9:1', 'pods.yaml:14:36']);
    expect(lines[2]).toBe('pods.yaml:14:36: warning: document 2 (Pod h): spec.containers[0].contaner: unknown field; Kubernetes ignores it');
  });
});

describe('kube-inject: bad workload files', () => {
  it('several documents with errors: all of them, naming document and field', async () => {
    const text = `${APP}---\nkind: Pod\n---\n${APP.split('---')[0]?.replace('- name: web', '- name: 7')}`;
    const r = await run(['-f', write('app.yaml', text)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      'app.yaml:24:1: error: document 3 (Pod): not a Kubernetes object: apiVersion is missing (a workload starts with e.g. "apiVersion: apps/v1" and "kind: Deployment")',
      'app.yaml:39:9: error: document 4 (Deployment web): spec.template.spec.containers[0].name: expected a string, got integer 7',
    ]);
  });

  it('invalid UTF-8 and binary files', async () => {
    const bad = await run(['-f', write('bad.yaml', new Uint8Array([0x6b, 0x3a, 0x20, 0xe2, 0x28, 0xa1, 0x0a]))]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('bad.yaml:1:4: error: the file is not valid UTF-8 text (bad byte 0xe2 at offset 3); a workload file must be UTF-8 YAML\n');
    const bin = await run(['-f', write('bin.yaml', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00]))]);
    expect(bin.code).toBe(1);
    expect(bin.stderr).toMatch(/^bin\.yaml:1:1: error: the file looks binary/);
  });

  it('a file that cannot be read', async () => {
    const r = await run(['-f', 'missing.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: cannot read missing.yaml: no such file\n');
  });
});

describe('kube-inject: -o FILE', () => {
  it('writes the file (nothing on stdout), replacing an existing one, leaving no temporary file', async () => {
    write('out.yaml', 'old\n');
    const r = await run(['-f', write('app.yaml', APP), '-o', 'out.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const printed = await run(['-f', 'app.yaml']);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe(printed.stdout);
    expect(readdirSync(dir).sort()).toEqual(['app.yaml', 'out.yaml']);
  });

  it('refuses a directory or a missing parent before any work; an error leaves the old file', async () => {
    mkdirSync(join(dir, 'sub'));
    const d = await run(['-f', write('app.yaml', APP), '-o', 'sub']);
    expect(d.code).toBe(1);
    expect(d.stderr).toBe('error: -o sub: it is a directory; give a file name\n');
    const p = await run(['-f', 'app.yaml', '-o', 'nowhere/out.yaml']);
    expect(p.code).toBe(1);
    expect(p.stderr).toBe('error: cannot write nowhere/out.yaml: the directory nowhere does not exist\n');
    write('out.yaml', 'old\n');
    const bad = await run(['-f', write('bad.yaml', 'kind: Pod\n'), '-o', 'out.yaml']);
    expect(bad.code).toBe(1);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('old\n');
  });
});

describe('kube-inject: usage', () => {
  it('-f is required: exit 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '-f, --filename <file>' not specified");
  });

  it('only one input from stdin: exit 2', async () => {
    const r = await run(['-f', '-', '--valuesFile', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: only one input can be read from stdin (-), got -f and --valuesFile\n');
  });

  it('an unknown flag: exit 2', async () => {
    const r = await run(['-f', 'x.yaml', '--injectConfigMapName', 'x']);
    expect(r.code).toBe(2);
  });

  it('--help lists istioctl\'s flag names', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--filename', '--output', '--revision', '--operatorFileName', '--set', '--meshConfigFile', '--injectConfigFile', '--valuesFile']) expect(r.stdout).toContain(flag);
  });
});
