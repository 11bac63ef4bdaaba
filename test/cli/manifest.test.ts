/**
 * `manifest generate|values|diff` run in-process through the program (src/cli/main.ts), against
 * the library's render() for the expected objects. The values test renders every values file
 * with our own `helm template` and compares the objects with generate's.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { render, type ManifestSet } from '../../src/manifest/index.js';
import { ROOT } from '../differential/harness.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'manifest-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd });
  return { code, stdout, stderr };
}

/** Every file below root, relative, sorted. */
function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(root, join(d, e.name)));
    }
  };
  walk(root);
  return out.sort();
}

/** The objects of a multi-document YAML text, keyed `Kind:Namespace:Name`. */
function objectsOf(text: string): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const d of parseAllDocuments(text)) {
    const o = d.toJS() as { kind: string; metadata: { name: string; namespace?: string } } | null;
    if (o === null) continue;
    m.set(`${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name}`, o);
  }
  return m;
}

/** Runs each printed `helm template` command with our helm and expects exactly the component's objects, byte for byte. */
async function expectHelmRendersGenerate(stdout: string, rendered: ManifestSet): Promise<void> {
  const commands = stdout.split('\n').filter((l) => l.startsWith('helm template '));
  expect(commands).toHaveLength(rendered.components.length);
  for (const [i, c] of rendered.components.entries()) {
    const cmd = commands[i] ?? '';
    const args = cmd.split(' ').slice(1); // template istio charts/x -n ns --kube-version v -f file
    expect(args.slice(0, 3)).toEqual(['template', 'istio', `charts/${c.chart}`]);
    const valuesFile = args[args.length - 1] ?? '';
    expect(readFileSync(join(dir, valuesFile), 'utf8')).toBe(c.valuesYaml);
    const helm = await run(['helm', ...args.slice(0, -2), '-f', join(dir, valuesFile)], ROOT);
    expect(helm.code, `${cmd}\n${helm.stderr}`).toBe(0);
    const ours = new Map(c.objects.map((o) => [`${o.kind}:${o.namespace ?? ''}:${o.name}`, o.yaml]));
    const helmDocs = helm.stdout
      .split(/^---\n/m)
      .map((d) => d.replace(/^# Source: .*\n/m, ''))
      .filter((d) => d.trim() !== '');
    const theirs = new Map(helmDocs.map((d) => [[...objectsOf(d).keys()][0] ?? '', d]));
    expect([...theirs.keys()].sort(), cmd).toEqual([...ours.keys()].sort());
    for (const [k, text] of ours) expect(theirs.get(k), `${cmd}: ${k}`).toBe(text);
  }
}

const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('manifest generate', () => {
  it('the default profile: stdout is only the YAML render() gives, CRDs first', async () => {
    const r = await run(['manifest', 'generate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(render().toYaml());
    expect(r.stdout.startsWith('---\n')).toBe(true);
    expect(r.stdout).not.toContain('# Source');
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string });
    expect(docs.length).toBeGreaterThan(20);
    expect(docs[0]?.kind).toBe('CustomResourceDefinition');
    expect(r.stderr).not.toMatch(/error/);
  });

  it('-f files and --set flags as profile dump takes them', async () => {
    const f = write('iop.yaml', 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    egressGateways:\n      - name: istio-egressgateway\n        enabled: true\n');
    const r = await run(['manifest', 'generate', '-f', f, '--set', 'hub=registry.example/istio', '-s', 'values.global.logAsJson=true']);
    expect(r.code).toBe(0);
    const expected = render({ files: [{ name: f, text: readFileSync(join(dir, f), 'utf8') }], set: ['hub=registry.example/istio', 'values.global.logAsJson=true'] }).toYaml();
    expect(r.stdout).toBe(expected);
    expect(objectsOf(r.stdout).has('Deployment:istio-system:istio-egressgateway')).toBe(true);
    expect(r.stdout).toContain('registry.example/istio/');
  });

  it('--revision renders the revisioned control plane', async () => {
    const r = await run(['manifest', 'generate', '--revision', 'canary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(render({ revision: 'canary' }).toYaml());
    expect(objectsOf(r.stdout).has('Deployment:istio-system:istiod-canary')).toBe(true);
  });

  it('a bad file is exit 1 with file:line:col on stderr and nothing on stdout', async () => {
    const f = write('bad.yaml', 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  compnents: {}\n');
    const r = await run(['manifest', 'generate', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.yaml:4:3: error: spec.compnents');
  });

  it('a missing file is exit 1; a bad --set is exit 1', async () => {
    const missing = await run(['manifest', 'generate', '-f', 'nope.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read nope.yaml: no such file');
    const badSet = await run(['manifest', 'generate', '--set', 'values.pilot.nosuchfield=1']);
    expect(badSet.code).toBe(1);
    expect(badSet.stdout).toBe('');
    expect(badSet.stderr).toContain('--set');
  });

  it('--component filters (repeatable and comma-separated)', async () => {
    const r = await run(['manifest', 'generate', '--component', 'Pilot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(render({ components: ['Pilot'] }).toYaml());
    const set = render();
    const pilotKeys = set.objects.filter((o) => o.component === 'Pilot').map((o) => `${o.kind}:${o.namespace ?? ''}:${o.name}`);
    expect([...objectsOf(r.stdout).keys()].sort()).toEqual(pilotKeys.sort());
    const two = await run(['manifest', 'generate', '--component', 'Base,Pilot']);
    const twoAgain = await run(['manifest', 'generate', '--component', 'Base', '--component', 'Pilot']);
    expect(two.stdout).toBe(twoAgain.stdout);
    expect(objectsOf(two.stdout).size).toBe(set.objects.filter((o) => o.component === 'Base' || o.component === 'Pilot').length);
  });

  it('an unknown --component or --kube-version is exit 1 with the choices; nothing enabled is exit 0 with a note', async () => {
    const comp = await run(['manifest', 'generate', '--component', 'Nope']);
    expect(comp.code).toBe(1);
    expect(comp.stdout).toBe('');
    expect(comp.stderr).toContain('"Nope"');
    const kube = await run(['manifest', 'generate', '--kube-version', '1.10']);
    expect(kube.code).toBe(1);
    expect(kube.stderr).toContain('1.10');
    const old = await run(['manifest', 'generate', '--kube-version', '1.25', '--component', 'Base']);
    expect(old.code).toBe(0);
    expect(old.stdout).toBe(render({ kubeVersion: '1.25', components: ['Base'] }).toYaml());
    const empty = await run(['manifest', 'generate', '--set', 'profile=empty']);
    expect(empty).toEqual({ code: 0, stdout: '', stderr: expect.stringContaining('no component rendered any object') });
  });

  it('help documents the tree, --output-format and the exit status', async () => {
    const r = await run(['manifest', 'generate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DIR/Base/IstiodRemote/IstiodRemote.yaml');
    expect(r.stdout).toContain('--output-format <format>');
    expect(r.stdout).toContain('Exit status: 0 ok, 1 invalid input');
    expect(r.stdout).not.toContain('(default: [])');
  });

  it('--output-format json prints one kubectl List with the same objects', async () => {
    const r = await run(['manifest', 'generate', '--output-format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { apiVersion: string; kind: string; items: unknown[] };
    expect(list.kind).toBe('List');
    expect(list.items).toEqual(render().objects.map((o) => o.object));
    expect((await run(['manifest', 'generate', '--output-format', 'xml'])).code).toBe(2);
  });

  it('-o json and -o yaml are refused as a usage error pointing at --output-format', async () => {
    const r = await run(['manifest', 'generate', '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output-format json');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('manifest generate -o DIR', () => {
  it("writes istioctl's component tree, the same objects as stdout, nothing on stdout", async () => {
    const r = await run(['manifest', 'generate', '-o', 'out', '--set', 'components.egressGateways[0].enabled=true']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(listTree(join(dir, 'out'))).toEqual([
      'Base/Base.yaml',
      'Base/Pilot/EgressGateways/EgressGateways.yaml',
      'Base/Pilot/IngressGateways/IngressGateways.yaml',
      'Base/Pilot/Pilot.yaml',
    ]);
    const set = render({ set: ['components.egressGateways[0].enabled=true'] });
    const pilot = readFileSync(join(dir, 'out/Base/Pilot/Pilot.yaml'), 'utf8');
    expect(pilot).toBe(set.objects.filter((o) => o.component === 'Pilot').map((o) => `---\n${o.yaml}`).join(''));
    const all = listTree(join(dir, 'out')).map((f) => readFileSync(join(dir, 'out', f), 'utf8')).join('');
    expect([...objectsOf(all).keys()].sort()).toEqual([...objectsOf(set.toYaml()).keys()].sort());
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('all ingress gateways of the component go into one file', async () => {
    const f = write('gw.yaml', 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    ingressGateways:\n      - name: istio-ingressgateway\n        enabled: true\n      - name: internal-gateway\n        enabled: true\n');
    const r = await run(['manifest', 'generate', '-f', f, '-o', 'out', '--component', 'IngressGateways']);
    expect(r.code).toBe(0);
    expect(listTree(join(dir, 'out'))).toEqual(['Base/Pilot/IngressGateways/IngressGateways.yaml']);
    const keys = [...objectsOf(readFileSync(join(dir, 'out/Base/Pilot/IngressGateways/IngressGateways.yaml'), 'utf8')).keys()];
    expect(keys).toContain('Deployment:istio-system:istio-ingressgateway');
    expect(keys).toContain('Deployment:istio-system:internal-gateway');
  });

  it('IstiodRemote is written too (istioctl skipped it), under Base', async () => {
    const r = await run(['manifest', 'generate', '--set', 'profile=remote', '-o', 'out']);
    expect(r.code, r.stderr).toBe(0);
    expect(listTree(join(dir, 'out'))).toContain('Base/IstiodRemote/IstiodRemote.yaml');
  });

  it('--output-format json writes a List per component', async () => {
    const r = await run(['manifest', 'generate', '-o', 'out', '--output-format', 'json', '--component', 'Base']);
    expect(r.code).toBe(0);
    expect(listTree(join(dir, 'out'))).toEqual(['Base/Base.json']);
    expect((JSON.parse(readFileSync(join(dir, 'out/Base/Base.json'), 'utf8')) as { kind: string }).kind).toBe('List');
  });

  it('a failing render leaves no DIR and no temporary directory', async () => {
    const r = await run(['manifest', 'generate', '-o', 'out', '--set', 'values.pilot.nosuchfield=1']);
    expect(r.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a non-empty DIR is refused without --force (untouched), replaced with it', async () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/mine.txt'), 'keep');
    const refused = await run(['manifest', 'generate', '-o', 'out']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('out exists and is not empty; use --force to replace it');
    expect(listTree(join(dir, 'out'))).toEqual(['mine.txt']);
    const forced = await run(['manifest', 'generate', '-o', 'out', '--force']);
    expect(forced.code).toBe(0);
    expect(listTree(join(dir, 'out'))).not.toContain('mine.txt');
    expect(listTree(join(dir, 'out'))).toContain('Base/Base.yaml');
    expect(readdirSync(dir)).toEqual(['out']);
  });
});

describe('manifest generate -o DIR safety', () => {
  it('-o . --force is refused (it would replace the working directory)', async () => {
    writeFileSync(join(dir, 'precious.txt'), 'x');
    const r = await run(['manifest', 'generate', '-o', '.', '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to write .: it is the working directory');
    expect(readdirSync(dir)).toEqual(['precious.txt']);
  });
});

describe('manifest values', () => {
  it('one values file per component; helm template of each gives generate’s objects for that component', async () => {
    const set = ['components.egressGateways[0].enabled=true', 'components.cni.enabled=true', 'values.global.proxy.logLevel=debug'];
    const r = await run(['manifest', 'values', '-o', 'vals', ...set.flatMap((s) => ['--set', s])]);
    expect(r.code, r.stderr).toBe(0);
    const rendered = render({ set });
    expect(listTree(join(dir, 'vals'))).toEqual(
      [
        'Base/Base.values.yaml',
        'Base/Pilot/Pilot.values.yaml',
        'Base/Pilot/Cni/Cni.values.yaml',
        'Base/Pilot/IngressGateways/istio-ingressgateway.values.yaml',
        'Base/Pilot/EgressGateways/istio-egressgateway.values.yaml',
      ].sort(),
    );
    await expectHelmRendersGenerate(r.stdout, rendered);
  });

  it('a revision and several gateways from a file: the helm commands still give generate’s objects', async () => {
    const fixture = join(ROOT, 'test/fixtures/iop/ingress-multiple.yaml');
    const r = await run(['manifest', 'values', '-f', fixture, '--revision', 'canary', '-o', 'vals']);
    expect(r.code, r.stderr).toBe(0);
    const rendered = render({ files: [{ name: fixture, text: readFileSync(fixture, 'utf8') }], revision: 'canary' });
    expect(rendered.components.filter((c) => c.component === 'IngressGateways').length).toBeGreaterThan(1);
    await expectHelmRendersGenerate(r.stdout, rendered);
  });

  it('-o is required (usage error); a failing render writes nothing', async () => {
    expect((await run(['manifest', 'values'])).code).toBe(2);
    const r = await run(['manifest', 'values', '-o', 'vals', '--set', 'values.pilot.nosuchfield=1']);
    expect(r.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

const CM = (name: string, v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: istio-system\ndata:\n  k: "${v}"\n`;
const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: istiod\n  namespace: istio-system\n';

describe('manifest diff', () => {
  it('the same objects in another order: exit 0', async () => {
    const a = write('a.yaml', `${CM('one', '1')}---\n${SA}`);
    const b = write('b.yaml', `# reordered\n${SA}---\n${CM('one', '1')}`);
    const r = await run(['manifest', 'diff', a, b]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('The manifests are identical (2 objects compared).\n');
  });

  it('changed, added and removed objects: exit 1, a unified diff per changed object', async () => {
    const a = write('a.yaml', `${CM('one', '1')}---\n${SA}`);
    const b = write('b.yaml', `${CM('one', '2')}---\n${CM('two', '1')}`);
    const r = await run(['manifest', 'diff', a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Only in a.yaml (1):\n  ServiceAccount:istio-system:istiod\n');
    expect(r.stdout).toContain('Only in b.yaml (1):\n  ConfigMap:istio-system:two\n');
    expect(r.stdout).toContain('--- a.yaml ConfigMap:istio-system:one\n+++ b.yaml ConfigMap:istio-system:one\n');
    expect(r.stdout).toContain('-  k: "1"\n+  k: "2"\n');
  });

  it('--select and --ignore', async () => {
    const a = write('a.yaml', `${CM('one', '1')}---\n${SA}`);
    const b = write('b.yaml', `${CM('one', '2')}---\n${SA}`);
    expect((await run(['manifest', 'diff', a, b, '--select', 'ServiceAccount'])).code).toBe(0);
    expect((await run(['manifest', 'diff', a, b, '--ignore', 'ConfigMap:*:one'])).code).toBe(0);
    expect((await run(['manifest', 'diff', a, b, '--select', 'ConfigMap:istio-system'])).code).toBe(1);
    const bad = await run(['manifest', 'diff', a, b, '--select', 'a:b:c:d']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('at most three parts');
  });

  it('bad YAML: exit 2 with the file and line', async () => {
    const a = write('a.yaml', SA);
    const b = write('b.yaml', `${SA}---\nkind: ConfigMap\nmetadata:\n  name: [x\n`);
    const r = await run(['manifest', 'diff', a, b]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^b\.yaml:7:\d+: error: invalid YAML/m);
  });

  it('two generate -o trees with --directory; a directory without it is refused', async () => {
    expect((await run(['manifest', 'generate', '-o', 'x'])).code).toBe(0);
    expect((await run(['manifest', 'generate', '-o', 'y', '--set', 'values.pilot.traceSampling=5'])).code).toBe(0);
    const same = await run(['manifest', 'diff', '--directory', 'x', 'x']);
    expect(same.code).toBe(0);
    const r = await run(['manifest', 'diff', '-r', 'x', 'y']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Changed (');
    const noFlag = await run(['manifest', 'diff', 'x', 'y']);
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toContain('use --directory');
  });

  it('generate output compared with itself through stdout and a file is identical', async () => {
    const g = await run(['manifest', 'generate']);
    write('g.yaml', g.stdout);
    const j = await run(['manifest', 'generate', '--output-format', 'json']);
    write('g.json', j.stdout);
    const r = await run(['manifest', 'diff', 'g.yaml', 'g.json']);
    expect(r.code, r.stdout).toBe(0);
  });
});
