/**
 * Validation of multicluster settings (issue 8): MCS flags the configured istiod version ignores,
 * an external istiod without the ConfigMaps it mounts or without the config cluster's name, and a
 * remote/config cluster whose webhooks and proxies cannot reach the istiod serving it.
 */
import { describe, expect, it } from 'vitest';
import { composeIstioOperator } from '../../../src/operator/compose/index.js';
import type { Issue } from '../../../src/operator/issues.js';
import { formatIssue } from '../../../src/operator/issues.js';
import { parseIstioOperatorYaml } from '../../../src/operator/load.js';
import { collectIssues } from '../../../src/operator/validate/index.js';
import { isIpLiteral } from '../../../src/operator/validate/rules/remote-istiod.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';

/** Issues of one file as written (no profile layered), with positions in f.yaml. */
function raw(yaml: string, force = false): Issue[] {
  const parsed = parseIstioOperatorYaml(HEAD + yaml, 'f.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return collectIssues(parsed.value, { sourceMap: parsed.sourceMap, force });
}

/** Issues of a profile + file + --set flags, composed as render() does. */
function composed(profile: string, yaml = '', set: readonly string[] = []): Issue[] {
  const c = composeIstioOperator({ profile, files: yaml === '' ? [] : [{ name: 'f.yaml', text: HEAD + yaml }], set });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return collectIssues(c.value, { sourceMap: c.sourceMap });
}

const CODES = new Set([
  'mcs-env-name', 'mcs-cluster-local-unsupported', 'mcs-requires-discovery', 'external-istiod-configmap', 'external-istiod-cluster-name', 'external-istiod-remote-address',
  'remote-istiod-unreachable', 'remote-istiod-webhook-port', 'config-cluster-ignored',
]);

/** The multicluster issues only, briefly: `line:col severity code path`. */
function brief(issues: readonly Issue[]): string[] {
  return issues.filter((i) => CODES.has(i.code)).map((i) => `${i.source ? `${i.source.file}:${i.source.line}:${i.source.column} ` : ''}${i.severity} ${i.code} ${i.path}`);
}

function only(issues: readonly Issue[], code: string): Issue {
  const found = issues.filter((i) => i.code === code);
  if (found.length !== 1) throw new Error(`${found.length} ${code}: ${issues.map(formatIssue).join('\n')}`);
  return found[0] as Issue;
}

describe('MCS: the auto-export flag spelling the configured istiod reads', () => {
  it('istiod 1.11 ignores ENABLE_MCS_AUTO_EXPORT in values.pilot.env', () => {
    const issues = raw('spec:\n  tag: 1.11.8\n  values:\n    pilot:\n      env:\n        ENABLE_MCS_AUTO_EXPORT: "true"\n');
    expect(brief(issues)).toEqual(['f.yaml:8:9 warning mcs-env-name spec.values.pilot.env.ENABLE_MCS_AUTO_EXPORT']);
    const w = only(issues, 'mcs-env-name');
    expect(w.message).toBe('istiod 1.11 (tag 1.11.8) ignores ENABLE_MCS_AUTO_EXPORT; it reads ENABLE_MCS_AUTOEXPORT');
    expect(w.suggestion).toContain('values.pilot.multiClusterServices.autoExport=true');
  });

  it('istiod 1.12 ignores ENABLE_MCS_AUTOEXPORT in components.pilot.k8s.env', () => {
    const issues = raw('spec:\n  tag: 1.12.0\n  components:\n    pilot:\n      k8s:\n        env:\n          - name: PILOT_X\n            value: "1"\n          - name: ENABLE_MCS_AUTOEXPORT\n            value: "true"\n');
    expect(brief(issues)).toEqual(['f.yaml:11:13 warning mcs-env-name spec.components.pilot.k8s.env[1].name']);
    expect(only(issues, 'mcs-env-name').message).toBe('istiod 1.12 (tag 1.12.0) ignores ENABLE_MCS_AUTOEXPORT; it reads ENABLE_MCS_AUTO_EXPORT');
  });

  it('the spelling each version reads is accepted', () => {
    expect(brief(raw('spec:\n  tag: 1.11.8\n  values:\n    pilot:\n      env:\n        ENABLE_MCS_AUTOEXPORT: "true"\n'))).toEqual([]);
    expect(brief(raw('spec:\n  tag: 1.12.0\n  values:\n    pilot:\n      env:\n        ENABLE_MCS_AUTO_EXPORT: "true"\n'))).toEqual([]);
  });

  it('an unknown version (latest, no tag) gets no spelling warning: the chart renders both names', () => {
    for (const tag of ['  tag: latest\n', '']) {
      expect(brief(raw(`spec:\n${tag}  values:\n    pilot:\n      env:\n        ENABLE_MCS_AUTOEXPORT: "true"\n        ENABLE_MCS_AUTO_EXPORT: "true"\n`))).toEqual([]);
    }
  });

  it("istiod's own tag decides: values.pilot.tag over components.pilot.tag over spec.tag", () => {
    const env = '  values:\n    pilot:\n      env:\n        ENABLE_MCS_AUTOEXPORT: "true"\n';
    expect(brief(raw(`spec:\n  tag: 1.11.8\n  components:\n    pilot:\n      tag: 1.12.1\n${env}`)).map((s) => s.split(' ')[2])).toEqual(['mcs-env-name']);
    expect(brief(raw(`spec:\n  tag: 1.12.0\n  components:\n    pilot:\n      tag: 1.11.8\n${env}`))).toEqual([]);
    expect(brief(raw(`spec:\n  components:\n    pilot:\n      tag: 1.12.1\n  values:\n    pilot:\n      tag: 1.11.8\n      env:\n        ENABLE_MCS_AUTOEXPORT: "true"\n`))).toEqual([]);
  });
});

describe('MCS: values.pilot.multiClusterServices for the istiod version', () => {
  const mcs = (tag: string, flags: string): Issue[] => raw(`spec:\n  tag: ${tag}\n  values:\n    pilot:\n      multiClusterServices:\n${flags}`);

  it('clusterLocal on 1.11 renders nothing: 1.11 has no such flag', () => {
    const issues = mcs('1.11.8', '        enabled: true\n        host: true\n        clusterLocal: true\n');
    expect(brief(issues)).toEqual(['f.yaml:10:9 warning mcs-cluster-local-unsupported spec.values.pilot.multiClusterServices.clusterLocal']);
    expect(only(issues, 'mcs-cluster-local-unsupported').message).toContain('istiod 1.11 (tag 1.11.8) has no cluster-local MCS mode');
  });

  it('ENABLE_MCS_CLUSTER_LOCAL set directly in the env of istiod 1.11 is ignored too; 1.12 reads it', () => {
    const env = '  values:\n    pilot:\n      env:\n        ENABLE_MCS_CLUSTER_LOCAL: "true"\n';
    const issues = raw(`spec:\n  tag: 1.11.8\n${env}`);
    expect(brief(issues)).toEqual(['f.yaml:8:9 warning mcs-cluster-local-unsupported spec.values.pilot.env.ENABLE_MCS_CLUSTER_LOCAL']);
    expect(brief(raw(`spec:\n  tag: 1.12.0\n${env}`))).toEqual([]);
  });

  it('1.11: host without enabled is fine (the requirement came with 1.12)', () => {
    expect(brief(mcs('1.11.8', '        host: true\n'))).toEqual([]);
  });

  it('1.12: host without enabled is ignored by istiod', () => {
    const issues = mcs('1.12.0', '        host: true\n');
    expect(brief(issues)).toEqual(['f.yaml:8:9 warning mcs-requires-discovery spec.values.pilot.multiClusterServices.host']);
    expect(only(issues, 'mcs-requires-discovery')).toMatchObject({
      message: 'istiod 1.12 (tag 1.12.0) ignores ENABLE_MCS_HOST unless ENABLE_MCS_SERVICE_DISCOVERY is on',
      suggestion: 'also set values.pilot.multiClusterServices.enabled=true',
    });
  });

  it('1.12: clusterLocal needs both enabled and host; the suggestion names what is missing', () => {
    const issues = mcs('v1.12.1', '        enabled: true\n        clusterLocal: true\n');
    expect(brief(issues)).toEqual(['f.yaml:9:9 warning mcs-requires-discovery spec.values.pilot.multiClusterServices.clusterLocal']);
    expect(only(issues, 'mcs-requires-discovery').suggestion).toBe('also set values.pilot.multiClusterServices.host=true');
  });

  it('1.12 with everything on, and an unknown version, give no warning', () => {
    expect(brief(mcs('1.12.0', '        enabled: true\n        autoExport: true\n        host: true\n        clusterLocal: true\n'))).toEqual([]);
    expect(brief(mcs('latest', '        host: true\n        clusterLocal: true\n'))).toEqual([]);
  });
});

describe('external istiod (values.global.externalIstiod with Pilot enabled)', () => {
  const pilot = (values: string): string => `spec:\n  components:\n    pilot:\n      enabled: true\n  values:\n    global:\n      externalIstiod: true\n${values}`;

  it('pilot.configMap false is an error (istiod mounts the mesh ConfigMap), even with --force', () => {
    const yaml = pilot('      multiCluster:\n        clusterName: config\n    pilot:\n      configMap: false\n');
    for (const force of [false, true]) {
      const issues = raw(yaml, force);
      expect(brief(issues)).toEqual(['f.yaml:13:7 error external-istiod-configmap spec.values.pilot.configMap']);
    }
    expect(only(raw(yaml), 'external-istiod-configmap')).toMatchObject({
      message: 'an external istiod (values.global.externalIstiod) mounts its mesh ConfigMap at /etc/istio/config, so it needs pilot.configMap true',
      suggestion: 'set values.pilot.configMap=true',
    });
  });

  it('global.omitSidecarInjectorConfigMap true is an error (istiod mounts the injector ConfigMap)', () => {
    const issues = raw(pilot('      omitSidecarInjectorConfigMap: true\n      multiCluster:\n        clusterName: config\n'));
    expect(brief(issues)).toEqual(['f.yaml:10:7 error external-istiod-configmap spec.values.global.omitSidecarInjectorConfigMap']);
    expect(only(issues, 'external-istiod-configmap').message).toContain('/var/lib/istio/inject');
  });

  it('an empty multiCluster.clusterName is a warning: CLUSTER_ID must name the config cluster', () => {
    const issues = composed('default', pilot(''));
    expect(brief(issues)).toEqual(['profiles/default.yaml:94:9 warning external-istiod-cluster-name spec.values.global.multiCluster.clusterName']);
    expect(only(issues, 'external-istiod-cluster-name').message).toContain('"Kubernetes"');
    expect(brief(composed('default', pilot(''), ['values.global.multiCluster.clusterName=config']))).toEqual([]);
  });

  it('remotePilotAddress beside Base is a warning: base renders a second Service istiod', () => {
    const issues = composed('default', pilot('      remotePilotAddress: 10.0.0.1\n      multiCluster:\n        clusterName: config\n'));
    expect(brief(issues)).toEqual(['f.yaml:10:7 warning external-istiod-remote-address spec.values.global.remotePilotAddress']);
    expect(only(issues, 'external-istiod-remote-address')).toMatchObject({
      message: expect.stringContaining('two Services of that name') as unknown,
      suggestion: expect.stringContaining('remove values.global.remotePilotAddress') as unknown,
    });
    // Without Base nothing collides.
    expect(brief(composed('minimal', pilot('      remotePilotAddress: 10.0.0.1\n      multiCluster:\n        clusterName: config\n'), ['components.base.enabled=false']))).toEqual([]);
  });

  it('the external profile (no Pilot) and an ordinary istiod are not checked', () => {
    expect(brief(composed('default', '', ['values.pilot.configMap=false']))).toEqual([]);
    expect(brief(composed('external', '', ['values.global.remotePilotAddress=192.0.2.10']))).toEqual([]);
  });
});

describe('a cluster served from elsewhere (IstiodRemote enabled)', () => {
  it('the external profile with no remotePilotAddress and no injectionURL: the webhook reaches nothing', () => {
    const issues = composed('external');
    expect(brief(issues)).toEqual(['profiles/external.yaml:23:5 warning remote-istiod-unreachable spec.values.global.remotePilotAddress']);
    expect(only(issues, 'remote-istiod-unreachable').suggestion).toContain('values.istiodRemote.injectionURL');
  });

  it('an address or an injection URL is enough', () => {
    expect(brief(composed('external', '', ['values.global.remotePilotAddress=203.0.113.10']))).toEqual([]);
    expect(brief(composed('external', '', ['values.istiodRemote.injectionURL=https://203.0.113.10:15017/inject/cluster/c/net/n']))).toEqual([]);
    expect(brief(composed('external', '', ['values.sidecarInjectorWebhook.injectionURL=https://203.0.113.10:15017/inject']))).toEqual([]);
  });

  it('regression: the remote profile keeps only composition\'s remote-pilot-address-missing warning, not a second one', () => {
    const c = composeIstioOperator({ profile: 'remote' });
    if (!c.ok) throw new Error('compose');
    expect(c.issues.map((i) => i.code)).toEqual(['remote-pilot-address-missing']);
    expect(brief(collectIssues(c.value, { sourceMap: c.sourceMap }))).toEqual([]);
  });

  it('a host name reached through the Service: the ExternalName sends webhook calls to port 443; the suggestion keeps injectionPath', () => {
    const issues = composed('remote', '', ['values.global.remotePilotAddress=istiod.example.com', 'values.istiodRemote.injectionPath=/inject/cluster/remote/net/network1']);
    expect(brief(issues)).toEqual(['--set:1:34 warning remote-istiod-webhook-port spec.values.global.remotePilotAddress']);
    const w = only(issues, 'remote-istiod-webhook-port');
    expect(w.message).toBe('"istiod.example.com" is a host name, so the istiod Service here is an ExternalName, which cannot map ports: webhook calls to it go to port 443 of istiod.example.com, not to istiod\'s webhook port 15017');
    expect(w.suggestion).toBe('set values.istiodRemote.injectionURL=https://istiod.example.com:15017/inject/cluster/remote/net/network1');
  });

  it('a config cluster reached by host name is also told about base.validationURL', () => {
    const issues = composed('external', '', ['values.global.remotePilotAddress=istiod.example.com', 'values.global.configCluster=true']);
    expect(only(issues, 'remote-istiod-webhook-port').suggestion).toBe(
      'set values.istiodRemote.injectionURL=https://istiod.example.com:15017/inject and values.base.validationURL=https://istiod.example.com:15017/validate',
    );
  });

  it('no port warning with an injection URL, with an IP literal, or when a local istiod does the injection', () => {
    const host = 'values.global.remotePilotAddress=istiod.example.com';
    expect(brief(composed('external', '', [host, 'values.istiodRemote.injectionURL=https://istiod.example.com:15017/inject']))).toEqual([]);
    expect(brief(composed('external', '', ['values.global.remotePilotAddress=2001:db8::10']))).toEqual([]);
    expect(brief(composed('default', '', [host, 'components.istiodRemote.enabled=true']))).toEqual([]);
  });

  it('configCluster without IstiodRemote changes nothing', () => {
    const issues = composed('default', '', ['values.global.configCluster=true']);
    expect(brief(issues)).toEqual(['--set:1:29 warning config-cluster-ignored spec.values.global.configCluster']);
    expect(brief(composed('external', '', ['values.global.configCluster=true', 'values.global.remotePilotAddress=203.0.113.10']))).toEqual([]);
  });

  it('issues point at unvalidatedValues when the value was set there', () => {
    const issues = raw('spec:\n  components:\n    pilot:\n      enabled: false\n    istiodRemote:\n      enabled: true\n  unvalidatedValues:\n    global:\n      remotePilotAddress: istiod.example.com\n');
    expect(brief(issues)).toEqual(['f.yaml:11:7 warning remote-istiod-webhook-port spec.unvalidatedValues.global.remotePilotAddress']);
  });
});

describe('isIpLiteral (as the base chart classifies remotePilotAddress)', () => {
  it.each([
    ['203.0.113.10', true], ['2001:db8::10', true], ['::1', true], ['255.255.255.255', true],
    ['256.1.1.1', false], ['istiod.example.com', false], ['10.0.0', false], ['1.2.3.4.nip.io', false], ['', false],
  ])('%s -> %s', (address, ip) => {
    expect(isIpLiteral(address)).toBe(ip);
  });
});
