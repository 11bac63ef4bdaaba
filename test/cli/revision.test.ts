/** `revision list` run in-process (runMain with registerRevision until main.ts registers it). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../../src/cli/program.js';
import { formatTable, registerRevision, SNAPSHOT_COMMAND } from '../../src/cli/revision.js';
import { render } from '../../src/manifest/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cluster-state');
const tmp = mkdtempSync(join(tmpdir(), 'revision-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd = FIXTURES): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMain(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd }, [registerRevision]);
  return { code, stdout, stderr };
}

describe('revision list', () => {
  it('prints a table', async () => {
    const r = await run(['revision', 'list', '--cluster-state', 'canary-tags.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'REVISION   TAGS     ISTIOD                       NAMESPACES           PODS',
        'default    stable   istio-system/istiod          legacy,stable-apps   2',
        'canary     prod     istio-system/istiod-canary   prod-apps            1',
        '',
      ].join('\n'),
    );
  });

  it('-o json and -o yaml give the rows', async () => {
    const j = await run(['revision', 'list', '--cluster-state', 'default-canary.yaml', '-o', 'json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual([
      { revision: 'default', tags: [], istiod: ['istio-system/istiod'], namespaces: ['old'], pods: 2 },
      { revision: 'canary', tags: [], istiod: ['istio-system/istiod-canary'], namespaces: ['new'], pods: 1 },
    ]);
    const y = await run(['revision', 'list', '--cluster-state', 'default-canary.yaml', '-o', 'yaml']);
    expect(y.stdout).toContain('- revision: default\n');
    expect(y.stdout).toContain('  istiod:\n    - istio-system/istiod-canary\n');
  });

  it('an empty cluster: note on stderr, exit 0', async () => {
    writeFileSync(join(tmp, 'empty.yaml'), 'apiVersion: v1\nkind: List\nitems: []\n');
    const r = await run(['revision', 'list', '--cluster-state', 'empty.yaml'], tmp);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'No Istio control plane found in empty.yaml.\n' });
    expect((await run(['revision', 'list', '--cluster-state', 'empty.yaml', '-o', 'json'], tmp)).stdout).toBe('[]\n');
  });

  it('a bad snapshot: file:line issues, exit 1', async () => {
    writeFileSync(join(tmp, 'bad.yaml'), 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: [x]\n');
    const r = await run(['revision', 'list', '--cluster-state', 'bad.yaml'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('bad.yaml:7:5: error: items[0].metadata.name: document 1: expected a non-empty string, found a list\n');
  });

  it('binary garbage and a missing file: one line each, exit 1, no stack trace', async () => {
    writeFileSync(join(tmp, 'bin.yaml'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 7]));
    const b = await run(['revision', 'list', '--cluster-state', 'bin.yaml'], tmp);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('bin.yaml:1:1: error: this is not a text file');
    const m = await run(['revision', 'list', '--cluster-state', 'nope.yaml'], tmp);
    expect(m).toEqual({ code: 1, stdout: '', stderr: 'error: cannot read the cluster state nope.yaml: no such file\n' });
  });

  it('usage errors exit 2: missing --cluster-state, unknown format', async () => {
    expect((await run(['revision', 'list'])).code).toBe(2);
    const f = await run(['revision', 'list', '--cluster-state', 'default-only.yaml', '-o', 'xml']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('unknown output format "xml"');
  });

  it('help names the kubectl command', async () => {
    const r = await run(['revision', 'list', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(SNAPSHOT_COMMAND);
  });
});

describe('the snapshot command', () => {
  it('is written in README.md exactly as in --help', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(`\n${SNAPSHOT_COMMAND}\n`);
  });

  it('is written in docs/cluster-state.md exactly as in --help', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'cluster-state.md'), 'utf8');
    expect(doc).toContain(`\n${SNAPSHOT_COMMAND}\n`);
  });

  it('names every kind our charts install, plus namespaces and pods', () => {
    const types = SNAPSHOT_COMMAND.split(' ')[2]?.split(',') ?? [];
    expect(types).toEqual(expect.arrayContaining(['namespaces', 'pods']));
    const plural = (kind: string): string => (kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`).toLowerCase();
    for (const profile of ['default', 'demo', 'preview']) {
      const set = render({ iop: { spec: { profile, components: { cni: { enabled: true } } } } });
      for (const o of set.objects) {
        const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
        const name = group ? `${plural(o.kind)}.${group}` : plural(o.kind);
        expect(types, `${o.apiVersion} ${o.kind}`).toContain(name);
      }
    }
  });
});

describe('formatTable', () => {
  it('pads every column but the last', () => {
    expect(formatTable(['A', 'BB'], [['xyz', 'q']])).toBe('A     BB\nxyz   q\n');
  });
});
