/**
 * docs/canary-upgrade.md works offline as written: every `istio-installer ...` line of its shell
 * blocks runs in-process from the repository root and exits 0; an output block right after a
 * shell block is exactly what its last command prints (stdout, then stderr); what a command pipes to
 * `kubectl apply -f -` is in the snapshot of the cluster after that step, and what it pipes to
 * `kubectl delete -f -` is exactly what disappears between the snapshots. The snapshots themselves
 * are what docs/examples/canary-upgrade/build-snapshots.ts builds from our own render() output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SNAPSHOT_COMMAND } from '../../src/cli/revision.js';
import { KUBE_VERSIONS, validateObjects } from '../../src/manifest/index.js';
import { parseClusterState } from '../../src/revision/cluster-state.js';
import type { KubeObject } from '../../src/revision/types.js';
import { buildSnapshots, DOC_DIR } from '../../docs/examples/canary-upgrade/build-snapshots.js';
import { ROOT } from '../differential/harness.js';

const DOC_FILE = 'docs/canary-upgrade.md';
const DOC = readFileSync(join(ROOT, DOC_FILE), 'utf8');

interface Command {
  /** The line as written in the doc. */
  readonly line: string;
  readonly argv: readonly string[];
  /** What the output is piped to (`kubectl apply -f -`), if anything. */
  readonly pipe?: string;
  /** The output block shown right after the shell block, for its last command. */
  readonly output?: string;
}

interface Step {
  readonly title: string;
  /** The snapshot named by "Cluster after this step:". */
  readonly snapshot?: string;
  readonly commands: Command[];
  /** Every line of the step's shell blocks that is not a comment. */
  readonly shellLines: string[];
}

/** The doc's `## ` sections with their shell blocks and output blocks. */
function parseDoc(text: string): Step[] {
  const steps: Step[] = [];
  let step: Step | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.startsWith('## ')) {
      step = { title: l.slice(3).trim(), commands: [], shellLines: [] };
      steps.push(step);
      continue;
    }
    const snap = /^Cluster after this step: \[`([^`]+)`\]/.exec(l);
    if (snap && step) (step as { snapshot?: string }).snapshot = snap[1];
    const fence = /^```(\w*)$/.exec(l);
    if (!fence || !step) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    if (fence[1] === 'sh') {
      for (const b of body) {
        if (b.trim() === '' || b.trimStart().startsWith('#')) continue;
        step.shellLines.push(b);
        if (!b.startsWith('istio-installer ')) continue;
        const [cmd, ...pipe] = b.split(' | ');
        step.commands.push({ line: b, argv: (cmd as string).trim().split(/\s+/).slice(1), ...(pipe.length > 0 ? { pipe: pipe.join(' | ').trim() } : {}) });
      }
    } else if (fence[1] === 'text') {
      const last = step.commands[step.commands.length - 1];
      if (last === undefined || last.output !== undefined) throw new Error(`${DOC_FILE}: an output block without a command before it (${step.title})`);
      (last as { output?: string }).output = body.join('\n') + '\n';
    }
  }
  return steps;
}

const STEPS = parseDoc(DOC);
let built: ReturnType<typeof buildSnapshots> | undefined;
const snapshots = (): ReturnType<typeof buildSnapshots> => (built ??= buildSnapshots());
const COMMANDS = STEPS.flatMap((s, i) => s.commands.map((c) => ({ step: s, index: i, command: c })));

async function run(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd: ROOT });
  return { code, stdout, stderr };
}

const keyOf = (o: KubeObject): string => `${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name}`;

function snapshotObjects(file: string): Map<string, KubeObject> {
  const r = parseClusterState(readFileSync(join(ROOT, DOC_DIR, file), 'utf8'), file);
  if (!r.success) throw new Error(`${file}: ${r.issues.map((i) => i.message).join('; ')}`);
  return new Map(r.state.objects.map((o) => [keyOf(o), o]));
}

function yamlObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** The snapshot before step `index` (the one named by the closest earlier step). */
function snapshotBefore(index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (STEPS[i]?.snapshot !== undefined) return STEPS[i]?.snapshot;
  return undefined;
}

describe(`${DOC_FILE}`, () => {
  it('has the five stages, each with its snapshot, and commands in each', () => {
    const withSnapshot = STEPS.filter((s) => s.snapshot !== undefined);
    expect(withSnapshot.map((s) => s.snapshot)).toEqual(snapshots().map((s) => s.file));
    for (const s of withSnapshot) expect(s.commands.length, s.title).toBeGreaterThan(0);
    expect(COMMANDS.length).toBeGreaterThanOrEqual(15);
  });

  it('names only files that exist', () => {
    for (const { command } of COMMANDS) for (const a of command.argv) if (a.startsWith('docs/')) expect(existsSync(join(ROOT, a)), `${command.line}: ${a}`).toBe(true);
  });

  it('runs only istio-installer and kubectl (the user runs kubectl between the steps)', () => {
    for (const s of STEPS) for (const l of s.shellLines) expect(l, s.title).toMatch(/^(istio-installer|kubectl) /);
    const kubectl = STEPS.flatMap((s) => s.shellLines.filter((l) => l.startsWith('kubectl ')));
    expect(kubectl.some((l) => l.startsWith('kubectl label namespace'))).toBe(true);
    expect(kubectl.some((l) => l.startsWith('kubectl rollout restart'))).toBe(true);
    for (const { command } of COMMANDS) if (command.pipe !== undefined) expect(['kubectl apply -f -', 'kubectl delete -f -']).toContain(command.pipe);
  });

  it('gives the snapshot command of `revision --help`, and the example snapshots hold only what it fetches', () => {
    const kubectl = STEPS.flatMap((s) => s.shellLines.filter((l) => l.startsWith('kubectl get ')));
    expect(kubectl).toEqual([SNAPSHOT_COMMAND]);
    const KIND: Record<string, string> = {
      namespaces: 'Namespace', pods: 'Pod', 'deployments.apps': 'Deployment', 'daemonsets.apps': 'DaemonSet', services: 'Service',
      serviceaccounts: 'ServiceAccount', configmaps: 'ConfigMap', 'roles.rbac.authorization.k8s.io': 'Role',
      'rolebindings.rbac.authorization.k8s.io': 'RoleBinding', 'clusterroles.rbac.authorization.k8s.io': 'ClusterRole',
      'clusterrolebindings.rbac.authorization.k8s.io': 'ClusterRoleBinding', 'mutatingwebhookconfigurations.admissionregistration.k8s.io': 'MutatingWebhookConfiguration',
      'validatingwebhookconfigurations.admissionregistration.k8s.io': 'ValidatingWebhookConfiguration', 'customresourcedefinitions.apiextensions.k8s.io': 'CustomResourceDefinition',
      'horizontalpodautoscalers.autoscaling': 'HorizontalPodAutoscaler', 'poddisruptionbudgets.policy': 'PodDisruptionBudget', 'envoyfilters.networking.istio.io': 'EnvoyFilter',
    };
    const resources = (/^kubectl get (\S+) /.exec(SNAPSHOT_COMMAND)?.[1] ?? '').split(',');
    const fetched = new Set(resources.map((r) => KIND[r] ?? `unknown resource ${r}`));
    for (const s of snapshots()) {
      const kinds = new Set([...snapshotObjects(s.file).values()].map((o) => o.kind));
      expect([...kinds].filter((k) => !fetched.has(k)), s.file).toEqual([]);
    }
  });

  it('snapshots read without warnings, and every object in them passes strict Kubernetes validation', () => {
    for (const s of snapshots()) {
      const r = parseClusterState(s.text, s.file);
      expect(r.success && r.warnings, s.file).toEqual([]);
      const objects = r.success ? r.state.objects : [];
      expect(objects.length).toBeGreaterThan(50);
      for (const version of KUBE_VERSIONS) expect(validateObjects(objects, { version }), `${s.file} at ${version}`).toEqual([]);
    }
  });

  it('shows the cluster snapshots the build script makes (rebuild: npx tsx docs/examples/canary-upgrade/build-snapshots.ts)', () => {
    for (const s of snapshots()) expect(readFileSync(join(ROOT, DOC_DIR, s.file), 'utf8'), s.file).toBe(s.text);
  });

  it.each(COMMANDS.map((c) => [c.command.line, c] as const))('%s', async (_line, { step, index, command }) => {
    const r = await run(command.argv);
    expect(r.code, r.stderr).toBe(0);
    if (command.output !== undefined) expect(r.stdout + r.stderr, 'the output shown in the doc (stdout, then stderr)').toBe(command.output);
    if (command.pipe === 'kubectl apply -f -') {
      expect(step.snapshot, `${step.title}: a step that applies names its snapshot`).toBeDefined();
      const after = snapshotObjects(step.snapshot as string);
      const applied = yamlObjects(r.stdout);
      expect(applied.length).toBeGreaterThan(0);
      for (const o of applied) expect(after.get(keyOf(o)), `${keyOf(o)} in ${step.snapshot}`).toEqual(o);
    }
    if (command.pipe === 'kubectl delete -f -') {
      const before = snapshotObjects(snapshotBefore(index) as string);
      const after = snapshotObjects(step.snapshot as string);
      const gone = [...before.keys()].filter((k) => !after.has(k) && !k.startsWith('Pod:'));
      const deleted = yamlObjects(r.stdout).map(keyOf);
      expect([...deleted].sort()).toEqual(gone.sort());
    }
  });
});

/**
 * README.md's short form of the walkthrough uses the names a user would (cluster.yaml is the
 * snapshot they just took): each of its istio-installer commands runs against the example files
 * and the snapshot of the cluster at that point of the walkthrough.
 */
describe('README.md canary section', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Canary upgrades'), readme.indexOf('\n## ', readme.indexOf('## Canary upgrades') + 3));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  // The README's numbered steps, and the snapshot of the cluster when each is run.
  const SNAPSHOT_AT_STEP: Record<string, string> = {
    '2': 'cluster-1-canary-installed.yaml',
    '3': 'cluster-3-shop-on-canary.yaml',
    '4': 'cluster-3-shop-on-canary.yaml',
    '5': 'cluster-4-prod-switched.yaml',
  };
  const commands: { step: string; line: string }[] = [];
  let step = '';
  for (const line of block.split('\n')) {
    const n = /^# (\d+)\./.exec(line);
    if (n) step = n[1] as string;
    else if (line.startsWith('istio-installer ')) commands.push({ step, line });
  }

  it('has the five steps with istio-installer commands', () => {
    expect(new Set(commands.map((c) => c.step))).toEqual(new Set(['1', '2', '3', '4', '5']));
  });

  it.each(commands.map((c) => [c.line, c] as const))('%s', async (_line, { step: s, line }) => {
    const cmd = (line.split(' | ')[0] as string).replace(/\s+#.*$/, '').trim();
    const argv = cmd
      .split(/\s+/)
      .slice(1)
      .map((a) => (a === 'cluster.yaml' ? `${DOC_DIR}/${SNAPSHOT_AT_STEP[s] ?? 'missing'}` : /^[\w.-]+\.yaml$/.test(a) ? `${DOC_DIR}/${a}` : a));
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});
