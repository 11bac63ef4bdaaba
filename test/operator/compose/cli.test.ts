/**
 * `profile list|dump|diff`. The dumps of every profile and the default→demo diff are pinned in
 * reviewed golden files under test/golden/profiles/ (UPDATE_GOLDEN=1 rewrites them; read the
 * diff before committing).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeIstioOperator } from '../../../src/operator/compose/compose.js';
import { listProfiles } from '../../../src/operator/profiles.js';
import { parseIstioOperatorYaml } from '../../../src/operator/load.js';
import { toYaml } from '../../../src/cli/profile.js';
import { defaultSchemaIndex } from '../../../src/operator/compose/default-schema.js';
import { applySetFlag, type SetTarget } from '../../../src/operator/compose/set-apply.js';
import { parseSetFlag } from '../../../src/operator/compose/set-path.js';
import { deepCopy } from '../../../src/operator/compose/tree.js';
import { runProfileCli } from './run-profile-cli.js';

const GOLDEN = join(__dirname, '../../golden/profiles');
const REMOTE_WARNING =
  "warning: spec.values.global.remotePilotAddress: the remote profile needs the address of the primary cluster's istiod; without it this cluster's proxies have no control plane (set it, e.g. --set values.global.remotePilotAddress=192.0.2.10 (the primary's east-west gateway address))\n";
/** The external profile alone points its injection webhook at a Service istiod that nothing renders. */
const EXTERNAL_WARNING = /^profiles\/external\.yaml:\d+:\d+: warning: spec\.values\.global\.remotePilotAddress: this cluster has no address of the istiod serving it: .*\n$/;

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('profile list', () => {
  it('lists the eight built-in profiles', async () => {
    const r = await runProfileCli(['list']);
    expect(r).toEqual({
      stdout: 'Istio configuration profiles:\n    default\n    demo\n    empty\n    external\n    minimal\n    openshift\n    preview\n    remote\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('profile dump', () => {
  it.each(listProfiles().map((p) => [p]))('%s matches its golden file', async (name) => {
    const r = await runProfileCli(['dump', name]);
    if (name === 'external') expect(r.stderr).toMatch(EXTERNAL_WARNING);
    else expect(r.stderr).toBe(name === 'remote' ? REMOTE_WARNING : '');
    expect(r.code).toBe(0);
    golden(`${name}.yaml`, r.stdout);
  });

  it('with no name dumps the default profile', async () => {
    expect((await runProfileCli(['dump'])).stdout).toBe((await runProfileCli(['dump', 'default'])).stdout);
  });

  it.each(listProfiles().map((p) => [p]))('the %s dump reads back as a file: default + dump composes to the same dump', async (name) => {
    const dumped = (await runProfileCli(['dump', name])).stdout;
    const parsed = parseIstioOperatorYaml(dumped, 'dump.yaml');
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
    expect(parse(dumped)).toEqual(JSON.parse(JSON.stringify(parsed.value)));
    const again = composeIstioOperator({ files: [{ name: 'dump.yaml', text: dumped }] });
    if (!again.ok) throw new Error(again.issues.map((i) => i.message).join('\n'));
    expect(toYaml(again.value)).toBe(dumped);
  });

  it('-o json prints the same document with sorted keys', async () => {
    const y = await runProfileCli(['dump', 'demo']);
    const j = await runProfileCli(['dump', 'demo', '-o', 'json']);
    expect(JSON.parse(j.stdout)).toEqual(parse(y.stdout));
    expect(j.stdout.indexOf('"apiVersion"')).toBeLessThan(j.stdout.indexOf('"kind"'));
  });

  it('--config-path prints a subtree (with or without spec.)', async () => {
    const r = await runProfileCli(['dump', 'demo', '--config-path', 'components.pilot']);
    expect(r.stdout).toBe(
      'enabled: true\nk8s:\n  env:\n    - name: PILOT_TRACE_SAMPLING\n      value: "100"\n  resources:\n    requests:\n      cpu: 10m\n      memory: 100Mi\n',
    );
    expect((await runProfileCli(['dump', 'demo', '-p', 'spec.components.pilot'])).stdout).toBe(r.stdout);
    expect((await runProfileCli(['dump', 'demo', '-p', 'components.ingressGateways[name:istio-ingressgateway].k8s.service.ports[1].targetPort'])).stdout).toBe('8080\n');
  });

  it('--config-path to nothing is an error', async () => {
    const r = await runProfileCli(['dump', '-p', 'components.nope.k8s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('--config-path:1:12: error: spec.components: --config-path "components.nope.k8s": nothing at this path in the composed configuration\n');
  });

  it('-o flags prints --set lines that rebuild the subtree', async () => {
    const r = await runProfileCli(['dump', 'openshift', '-p', 'values.cni', '-o', 'flags']);
    expect(r.stdout).toBe(
      [
        '--set values.cni.chained=false',
        '--set values.cni.cniBinDir=/var/lib/cni/bin',
        '--set values.cni.cniConfDir=/etc/cni/multus/net.d',
        '--set values.cni.cniConfFileName=istio-cni.conf',
        '--set values.cni.excludeNamespaces[0]=istio-system',
        '--set values.cni.excludeNamespaces[1]=kube-system',
        '--set values.cni.logLevel=info',
        '',
      ].join('\n'),
    );
    const flags = r.stdout.trim().split('\n').map((l) => l.replace(/^--set /, ''));
    const rebuilt = composeIstioOperator({ profile: 'empty', set: flags });
    if (!rebuilt.ok) throw new Error(rebuilt.issues.map((i) => i.message).join('\n'));
    const cni = ((rebuilt.value['spec'] as Record<string, unknown>)['values'] as Record<string, unknown>)['cni'];
    expect(JSON.parse(JSON.stringify(cni))).toEqual(JSON.parse((await runProfileCli(['dump', 'openshift', '-p', 'values.cni', '-o', 'json'])).stdout));
  });

  it('layers -f files and --set flags, and reads a path-like NAME as a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-dump-'));
    writeFileSync(join(dir, 'a.yaml'), 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  hub: example.com/istio\n');
    writeFileSync(join(dir, 'b.yaml'), 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: minimal\n');
    const r = await runProfileCli(['dump', '-f', 'a.yaml', '--filename', 'b.yaml', '--set', 'tag=1.10', '-s', 'values.global.proxy.privileged=true', '-p', 'hub'], dir);
    expect(r).toEqual({ stdout: 'example.com/istio\n', stderr: '', code: 0 });
    const doc = parse((await runProfileCli(['dump', '-f', 'a.yaml', '-f', 'b.yaml', '--set', 'tag=1.10'], dir)).stdout);
    expect(doc.spec.tag).toBe('1.10');
    expect(doc.spec.profile).toBe('minimal');
    expect(doc.spec.components.ingressGateways[0].enabled).toBe(false);
    const asName = parse((await runProfileCli(['dump', './a.yaml'], dir)).stdout);
    expect(asName.spec.hub).toBe('example.com/istio');
  });

  it('prints issues as file:line:col and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-dump-'));
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    ingressGateways:\n      - enabled: true\n');
    const cases: [string[], string][] = [
      [['dump', '-f', 'bad.yaml'], 'bad.yaml:6:9: error: spec.components.ingressGateways[0]: this entry has no "name"; entries of spec.components.ingressGateways are merged with the layers below by "name", so each needs one\n'],
      [['dump', '-f', 'missing.yaml'], 'error: cannot read missing.yaml: no such file\n'],
      [['dump', 'dmeo'], 'error: spec.profile: unknown profile "dmeo" (from the profile argument); the built-in profiles are default, demo, empty, external, minimal, openshift, preview, remote (did you mean "demo"?)\n'],
      [['dump', '--set', 'hub'], '--set:1:4: error: --set "hub": expected PATH=VALUE, there is no "=" (write it as --set path.to.field=value)\n'],
      [['dump', '--set', 'components.pilot.enabled=maybe'], '--set:1:26: error: spec.components.pilot.enabled: --set "components.pilot.enabled=maybe": "maybe" cannot be used here; expected true or false\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await runProfileCli(args, dir);
      expect({ args, stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({ args, stdout: '', stderr, code: 1 });
    }
  });

  it('validates the composed document (schema errors point at the layer that wrote them)', async () => {
    const r = await runProfileCli(['dump', '--set', 'components.pilot.k8s.bogus=1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^--set:1:28: error: spec\.components\.pilot\.k8s\.bogus: /);
    const forced = await runProfileCli(['dump', '--force', '--set', 'components.pilot.k8s.bogus=1', '-p', 'components.pilot.k8s']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('bogus: 1\n');
    expect(forced.stderr).toMatch(/^--set:1:28: warning: /);
  });

  it('an unknown output format is a usage error', async () => {
    const r = await runProfileCli(['dump', '-o', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('profile diff', () => {
  it('default demo shows exactly the demo profile changes (golden)', async () => {
    const r = await runProfileCli(['diff', 'default', 'demo']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    golden('default-demo.diff', r.stdout);
  });

  it('identical profiles', async () => {
    expect(await runProfileCli(['diff', 'demo', 'demo'])).toEqual({ stdout: 'Profiles are identical\n', stderr: '', code: 0 });
  });

  it('an unknown profile is an error', async () => {
    const r = await runProfileCli(['diff', 'default', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});

describe('profile dump -o flags', () => {
  it.each(listProfiles().map((p) => [p]))('%s: the printed --set lines rebuild the spec on an empty document (types from the schema)', async (name) => {
    const r = await runProfileCli(['dump', name, '-o', 'flags']);
    expect(r.code).toBe(0);
    const target: SetTarget = { value: deepCopy({ spec: {} }) as Record<string, unknown>, prov: {} };
    const lines = r.stdout.trimEnd().split('\n');
    lines.forEach((line, i) => {
      expect(line.startsWith('--set ')).toBe(true);
      const p = parseSetFlag(line.slice('--set '.length), i + 1);
      if (!p.ok) throw new Error(p.issue.message);
      expect(applySetFlag(target, p.flag, defaultSchemaIndex())).toBeUndefined();
    });
    expect(toYaml(target.value['spec'])).toBe(toYaml(parse((await runProfileCli(['dump', name])).stdout).spec));
  });
});
