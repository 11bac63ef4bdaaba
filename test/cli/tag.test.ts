/**
 * `istio-installer tag generate|list` run in-process (runMain with registerTag), against the
 * library (generateTag, listTags) for the expected output; exit codes 0 ok, 1 invalid input, 2 usage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../../src/cli/program.js';
import { registerTag } from '../../src/cli/tag.js';
import { render } from '../../src/manifest/index.js';
import { generateTag } from '../../src/revision/tag.js';
import type { KubeObject } from '../../src/revision/types.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tag-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMain(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd: dir }, [registerTag]);
  return { code, stdout, stderr };
}

const injectors = (revision: string): KubeObject[] =>
  render({ revision, components: ['Pilot'] })
    .objects.filter((o) => o.kind === 'MutatingWebhookConfiguration')
    .map((o) => structuredClone(o.object) as unknown as KubeObject);

/** A snapshot file as kubectl prints it (a List), written into the test directory. */
function snapshotFile(objects: KubeObject[], name = 'cluster.yaml'): string {
  writeFileSync(join(dir, name), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } }, null, 2));
  return name;
}

const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

describe('tag generate', () => {
  it('prints the tag objects (only YAML on stdout), as the library generates them', async () => {
    const r = await run(['tag', 'generate', 'prod', '--revision', 'canary']);
    expect(r).toEqual({ code: 0, stdout: generateTag({ tag: 'prod', revision: 'canary' }).yaml, stderr: '' });
  });

  it('default: three documents, and the assumption about the previous default injector on stderr', async () => {
    const r = await run(['tag', 'generate', 'default', '-r', 'canary']);
    expect(r.code).toBe(0);
    expect(parseAllDocuments(r.stdout).map((d) => (d.toJS() as KubeObject).metadata.name)).toEqual(['istio-revision-tag-default', 'istiod-default-validator', 'istio-sidecar-injector']);
    expect(r.stderr).toContain('warning: without a cluster state, the previous default injector is assumed to be istio-sidecar-injector');
  });

  it('follows -f, --set and --webhook-name', async () => {
    writeFileSync(join(dir, 'iop.yaml'), 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  namespace: mesh\n');
    const r = await run(['tag', 'generate', 'prod', '-r', 'canary', '-f', 'iop.yaml', '--set', 'values.istiodRemote.injectionPath=/inject/x', '--webhook-name', 'prod-hook']);
    expect(r.code).toBe(0);
    const mwc = parseAllDocuments(r.stdout)[0]?.toJS() as KubeObject & { webhooks: { clientConfig: { service: unknown } }[] };
    expect(mwc.metadata.name).toBe('prod-hook');
    expect(mwc.webhooks[0]?.clientConfig.service).toEqual({ name: 'istiod-canary', namespace: 'mesh', path: '/inject/x', port: 443 });
  });

  it('usage errors exit 2: no --revision, no tag', async () => {
    expect((await run(['tag', 'generate', 'prod'])).code).toBe(2);
    expect((await run(['tag', 'generate', '-r', 'x'])).code).toBe(2);
  });

  it('invalid input exits 1 with the problem on stderr and nothing on stdout', async () => {
    const bad = await run(['tag', 'generate', 'Prod', '-r', 'canary']);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(/^error: tag: "Prod" is not a valid revision tag/);
    const missing = await run(['tag', 'generate', 'prod', '-r', 'canary', '-f', 'nope.yaml']);
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'error: cannot read nope.yaml: no such file\n' });
  });

  it('--cluster-state: the 1.11 checks, --overwrite, unreadable or broken snapshots', async () => {
    const prod = generateTag({ tag: 'prod', revision: 'default' }).objects;
    const file = snapshotFile([...injectors(''), ...injectors('canary'), ...prod, ns('shop', { 'istio.io/rev': 'prod' })]);
    const exists = await run(['tag', 'generate', 'prod', '-r', 'canary', '--cluster-state', file]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('revision tag "prod" already exists, and --overwrite is false');
    const moved = await run(['tag', 'generate', 'prod', '-r', 'canary', '--cluster-state', file, '--overwrite']);
    expect(moved).toMatchObject({ code: 0, stderr: '' });
    expect(moved.stdout).toContain('name: istiod-canary');
    const noRev = await run(['tag', 'generate', 'prod', '-r', 'stable', '--cluster-state', file, '--overwrite']);
    expect(noRev.code).toBe(1);
    expect(noRev.stderr).toContain('cannot find MutatingWebhookConfiguration with revision "stable"');
    expect((await run(['tag', 'generate', 'prod', '-r', 'canary', '--cluster-state', 'missing.yaml'])).code).toBe(1);
    writeFileSync(join(dir, 'broken.yaml'), 'kind: List\nitems:\n  - kind: [\n');
    const broken = await run(['tag', 'generate', 'prod', '-r', 'canary', '--cluster-state', 'broken.yaml']);
    expect(broken).toMatchObject({ code: 1, stdout: '' });
    expect(broken.stderr).toContain('broken.yaml');
  });
});

describe('tag list', () => {
  function state(): string {
    return snapshotFile([
      ...injectors(''),
      ...injectors('canary'),
      ...generateTag({ tag: 'prod', revision: 'canary' }).objects,
      ns('shop', { 'istio.io/rev': 'prod' }),
      ns('cart', { 'istio.io/rev': 'prod' }),
      ns('plain'),
    ]);
  }

  it('prints TAG REVISION NAMESPACES', async () => {
    const r = await run(['tag', 'list', '--cluster-state', state()]);
    expect(r).toEqual({ code: 0, stdout: 'TAG  REVISION NAMESPACES\nprod canary   cart,shop\n', stderr: '' });
    expect((await run(['tag', 'show', '--cluster-state', state()])).stdout).toBe(r.stdout);
  });

  it('-o json and -o yaml (istioctl fields: tag, revision, namespaces)', async () => {
    const rows = [{ tag: 'prod', revision: 'canary', namespaces: ['cart', 'shop'] }];
    const json = await run(['tag', 'list', '--cluster-state', state(), '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(rows);
    const yaml = await run(['tag', 'list', '--cluster-state', state(), '-o', 'yaml']);
    expect(yaml.stdout).toBe('- namespaces:\n  - cart\n  - shop\n  revision: canary\n  tag: prod\n');
  });

  it('a snapshot without tags says so', async () => {
    const r = await run(['tag', 'list', '--cluster-state', snapshotFile(injectors(''))]);
    expect(r).toEqual({ code: 0, stdout: 'No Istio revision tag MutatingWebhookConfigurations to list\n', stderr: '' });
  });

  it('usage errors exit 2 (no --cluster-state, unknown -o), bad snapshots 1', async () => {
    expect((await run(['tag', 'list'])).code).toBe(2);
    const xml = await run(['tag', 'list', '--cluster-state', state(), '-o', 'xml']);
    expect(xml).toMatchObject({ code: 2, stdout: '' });
    expect(xml.stderr).toContain('unknown output format "xml"');
    expect((await run(['tag', 'list', '--cluster-state', 'missing.yaml'])).code).toBe(1);
  });
});
