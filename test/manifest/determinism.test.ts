/**
 * Determinism of `manifest generate` (issue 6 acceptance): renders in separate processes, with the
 * flags in another order where order must not matter, print byte-identical stdout; the same
 * output as render().toYaml() in this process; and rendering twice in one process gives equal
 * sets. Runs the built command (npm test builds it first, as for test/cli).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { render, type RenderInput } from '../../src/manifest/index.js';
import { cases, fixtureFile, ROOT } from './helpers.js';

const BIN = new URL('../../bin/istio-installer.cjs', import.meta.url).pathname;
const STALE = 'the CLI prints what render() returns in this process (after a source change, run npm run build first)';

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HELM_')) env[k] = v;
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => err.push(d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code }));
  });
}

const K8S = 'test/fixtures/iop/pilot-k8s-settings.yaml';
const GATEWAYS = 'test/fixtures/iop/ingress-multiple.yaml';
const MESH = 'test/fixtures/iop/meshconfig-default-config.yaml';

/** Pairs of argument lists that must print the same manifests, and the equivalent library input. */
/** Two user files setting disjoint fields (and the same metadata.name): their order must not matter. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'manifest-determinism-'));
const PILOT_FILE = join(SCRATCH, 'pilot.yaml');
const MESH_FILE = join(SCRATCH, 'mesh.yaml');
const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata:\n  name: team-a\nspec:\n';
writeFileSync(PILOT_FILE, `${HEAD}  components:\n    pilot:\n      k8s:\n        resources:\n          requests:\n            cpu: 300m\n  values:\n    pilot:\n      env:\n        PILOT_ENABLE_STATUS: "true"\n`);
writeFileSync(MESH_FILE, `${HEAD}  meshConfig:\n    accessLogFile: /dev/stdout\n    defaultConfig:\n      holdApplicationUntilProxyStarts: true\n  values:\n    global:\n      logAsJson: true\n`);
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

const PAIRS: readonly { readonly what: string; readonly a: string[]; readonly b: string[]; readonly input: RenderInput }[] = [
  {
    what: '-f, --set and --revision in another order',
    a: ['manifest', 'generate', '--set', 'values.global.logAsJson=true', '--revision', 'canary', '-f', K8S],
    b: ['manifest', 'generate', '-f', K8S, '--revision', 'canary', '--set', 'values.global.logAsJson=true'],
    input: { files: [fixtureFile('pilot-k8s-settings')], set: ['values.global.logAsJson=true'], revision: 'canary' },
  },
  {
    what: 'two --set flags on different paths swapped',
    a: ['manifest', 'generate', '-f', GATEWAYS, '--set', 'values.pilot.traceSampling=0.3', '--set', 'meshConfig.accessLogFile=/dev/stdout'],
    b: ['manifest', 'generate', '--set', 'meshConfig.accessLogFile=/dev/stdout', '-f', GATEWAYS, '--set', 'values.pilot.traceSampling=0.3'],
    input: { files: [fixtureFile('ingress-multiple')], set: ['values.pilot.traceSampling=0.3', 'meshConfig.accessLogFile=/dev/stdout'] },
  },
  {
    what: '--set profile=demo, --kube-version and --set tag in another order',
    a: ['manifest', 'generate', '--set', 'profile=demo', '--kube-version', '1.25', '-f', MESH, '--set', 'tag=1.11.9'],
    b: ['manifest', 'generate', '--set', 'tag=1.11.9', '-f', MESH, '--kube-version', '1.25', '--set', 'profile=demo'],
    input: { files: [fixtureFile('meshconfig-default-config')], set: ['profile=demo', 'tag=1.11.9'], kubeVersion: '1.25' },
  },
  {
    what: 'two -f files with disjoint settings in another order',
    a: ['manifest', 'generate', '-f', PILOT_FILE, '-f', MESH_FILE],
    b: ['manifest', 'generate', '-f', MESH_FILE, '-f', PILOT_FILE],
    input: {
      files: [
        { name: PILOT_FILE, text: readFileSync(PILOT_FILE, 'utf8') },
        { name: MESH_FILE, text: readFileSync(MESH_FILE, 'utf8') },
      ],
    },
  },
  {
    what: '--component flags in another order',
    a: ['manifest', 'generate', '-f', GATEWAYS, '--component', 'IngressGateways', '--component', 'Pilot'],
    b: ['manifest', 'generate', '--component', 'Pilot', '-f', GATEWAYS, '--component', 'IngressGateways'],
    input: { files: [fixtureFile('ingress-multiple')], components: ['Pilot', 'IngressGateways'] },
  },
];

describe('manifest generate is deterministic', () => {
  it.each(PAIRS.map((p) => [p.what, p] as const))('separate processes, %s: byte-identical stdout, equal to render()', async (_what, p) => {
    const [a, b] = await Promise.all([cli(p.a), cli(p.b)]);
    expect(a.stderr).toBe(b.stderr);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout, STALE).toBe(render(p.input).toYaml());
  });

  it('the same command in two processes prints the same bytes (default profile, no flags)', async () => {
    const [a, b] = await Promise.all([cli(['manifest', 'generate']), cli(['manifest', 'generate'])]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout, STALE).toBe(render().toYaml());
  });

  it('rendering twice in one process gives equal sets (profiles, overlays, several gateways, CNI)', () => {
    const picked = new Set(['profile-default', 'profile-openshift-canary', 'profile-external', 'fixture-overlays-pilot', 'fixture-overlays-revision', 'fixture-overlays-multiple-same-object', 'fixture-ingress-multiple', 'fixture-multicluster-primary', 'fixture-cni-multus']);
    const chosen = cases().filter((c) => picked.has(c.name));
    expect(chosen.length).toBe(picked.size);
    for (const c of chosen) {
      const first = render(c.input);
      const second = render(c.input);
      expect(second.toYaml(), c.name).toBe(first.toYaml());
      expect(second.components.map((x) => x.valuesYaml), c.name).toEqual(first.components.map((x) => x.valuesYaml));
      expect(JSON.stringify(second.objects.map((o) => o.object)), c.name).toBe(JSON.stringify(first.objects.map((o) => o.object)));
    }
  });

  it('a render does not change its input (a second render of the same input objects is equal)', () => {
    const input: RenderInput = { files: [fixtureFile('overlays-pilot')], set: ['values.global.logAsJson=true'] };
    const before = JSON.stringify(input);
    const first = render(input).toYaml();
    expect(JSON.stringify(input)).toBe(before);
    expect(render(input).toYaml()).toBe(first);
  });
});
