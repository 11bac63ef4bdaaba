/** `uninstall --dry-run` run in-process (runMain with registerUninstall until main.ts registers it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../src/cli/program.js';
import { registerUninstall } from '../../src/cli/uninstall.js';
import { parseClusterState } from '../../src/revision/cluster-state.js';
import { planUninstall } from '../../src/revision/uninstall.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cluster-state');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMain(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd: FIXTURES }, [registerUninstall]);
  return { code, stdout, stderr };
}

function library(snapshot: string, input: { revision?: string; purge?: boolean; istioNamespace?: string }): string[] {
  const r = parseClusterState(readFileSync(join(FIXTURES, snapshot), 'utf8'), snapshot);
  if (!r.success) throw new Error('bad fixture');
  return planUninstall({ state: r.state, ...input }).objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

function docs(yaml: string): string[] {
  return parseAllDocuments(yaml).map((d) => {
    const o = d.toJS() as { kind: string; metadata: { name: string; namespace?: string } };
    return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  });
}

describe('uninstall --dry-run', () => {
  it('without --dry-run: usage error explaining that nothing is ever changed, exit 2', async () => {
    const r = await run(['uninstall', '--revision', 'canary', '--cluster-state', 'default-canary.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('istio-installer never changes a cluster');
    expect(r.stderr).toContain('-o yaml | kubectl delete -f -');
  });

  it('--revision canary -o yaml: kubectl delete input with exactly the library plan, warnings on stderr', async () => {
    const r = await run(['uninstall', '--dry-run', '--revision', 'canary', '--cluster-state', 'default-canary.yaml', '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(docs(r.stdout)).toEqual(library('default-canary.yaml', { revision: 'canary' }));
    expect(r.stdout.startsWith('---\napiVersion: v1\nkind: Service\nmetadata:\n  name: istiod-canary\n  namespace: istio-system\n')).toBe(true);
    expect(r.stderr).toContain('warning: 1 pod is still injected by revision canary (1 namespace new)');
    expect(r.stderr).toContain('warning: namespace new is still labelled istio.io/rev=canary');
  });

  it('default output is a readable list', async () => {
    const r = await run(['uninstall', '--dry-run', '-r', 'canary', '--cluster-state', 'default-canary.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Dry run: nothing is deleted\. Removing this would delete 17 objects, in this order:\n {2}Service istio-system\/istiod-canary\n/);
    expect(r.stdout).toContain('  MutatingWebhookConfiguration istio-sidecar-injector-canary\n');
    expect(r.stdout).toContain('To delete them: add -o yaml and pipe to kubectl delete -f -\n');
  });

  it('-o json is a kubectl List', async () => {
    const r = await run(['uninstall', '--dry-run', '--revision', 'canary', '--cluster-state', 'default-canary.yaml', '-o', 'json']);
    const list = JSON.parse(r.stdout) as { kind: string; items: unknown[] };
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(17);
  });

  it('-f IOP: the installation the file describes', async () => {
    const r = await run(['uninstall', '--dry-run', '-f', 'canary-tags.iop.yaml', '--cluster-state', 'canary-tags.yaml', '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(docs(r.stdout)).toContain('MutatingWebhookConfiguration//istio-revision-tag-prod');
    expect(docs(r.stdout)).not.toContain('MutatingWebhookConfiguration//istio-revision-tag-stable');
  });

  it('-f IOP with --set: the --set changes the installation (here its revision, so nothing matches)', async () => {
    const r = await run(['uninstall', '--dry-run', '-f', 'canary.iop.yaml', '--set', 'revision=other', '--cluster-state', 'default-canary.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nothing to delete');
  });

  it('--set revision=REV alone is --revision REV (istioctl alias)', async () => {
    const a = await run(['uninstall', '--dry-run', '--set', 'revision=canary', '--cluster-state', 'default-canary.yaml', '-o', 'yaml']);
    const b = await run(['uninstall', '--dry-run', '--revision', 'canary', '--cluster-state', 'default-canary.yaml', '-o', 'yaml']);
    expect(a).toEqual(b);
  });

  it('--purge --istioNamespace istio-b lists only mesh-b', async () => {
    const r = await run(['uninstall', '--dry-run', '--purge', '--istioNamespace', 'istio-b', '--cluster-state', 'two-meshes.yaml', '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(docs(r.stdout)).toEqual(library('two-meshes.yaml', { purge: true, istioNamespace: 'istio-b' }));
    expect(r.stdout).not.toContain('namespace: istio-system');
    expect(r.stderr).toContain('CustomResourceDefinitions are kept');
  });

  it('usage errors, exit 2', async () => {
    const cases: [string[], string][] = [
      [['uninstall', '--dry-run', '--cluster-state', 'default-only.yaml'], 'say what to uninstall'],
      [['uninstall', '--dry-run', '--revision', 'canary'], '--cluster-state FILE is required'],
      [['uninstall', '--dry-run', '--revision', 'a', '-f', 'canary.iop.yaml', '--cluster-state', 'default-only.yaml'], '--revision and -f'],
      [['uninstall', '--dry-run', '--set', 'values.x=1', '--cluster-state', 'default-only.yaml'], '--set needs -f'],
      [['uninstall', '--dry-run', '--revision', 'Bad_Rev', '--cluster-state', 'default-only.yaml'], 'is not a revision name'],
      [['uninstall', '--dry-run', '--revision', 'x', '--cluster-state', 'default-only.yaml', '-o', 'table'], 'unknown output format'],
      [['uninstall', '--dry-run', '-f', '-', '--cluster-state', '-'], 'standard input can be read once'],
    ];
    for (const [args, text] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(text);
      expect(r.stdout).toBe('');
    }
  });

  it('invalid input, exit 1: unreadable snapshot, bad IstioOperator', async () => {
    const a = await run(['uninstall', '--dry-run', '--revision', 'x', '--cluster-state', 'missing.yaml']);
    expect(a.code).toBe(1);
    expect(a.stderr).toBe('error: cannot read the cluster state missing.yaml: no such file\n');
    const b = await run(['uninstall', '--dry-run', '-f', 'generate.ts', '--cluster-state', 'default-only.yaml']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^generate\.ts:\d+:\d+: error: /);
  });
});
