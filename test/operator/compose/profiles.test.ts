/**
 * The built-in profiles against facts §2.1 / §6 (what each enables and sets), and the embedded
 * copy in src/generated/profiles.ts against profiles/*.yaml.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import genProfiles from '../../../scripts/gen/profiles.mjs';
import { composeIstioOperator } from '../../../src/operator/compose/compose.js';
import { listProfiles, loadProfile, profileYaml } from '../../../src/operator/profiles.js';

const ROOT = join(__dirname, '../../..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function dump(profile: string): any {
  const r = composeIstioOperator({ profile });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return JSON.parse(JSON.stringify(r.value)).spec;
}

const enabled = (s: ReturnType<typeof dump>) => ({
  base: s.components.base.enabled,
  pilot: s.components.pilot.enabled,
  cni: s.components.cni.enabled,
  istiodRemote: s.components.istiodRemote.enabled,
  ingress: s.components.ingressGateways.filter((g: { enabled: boolean }) => g.enabled).map((g: { name: string }) => g.name),
  egress: s.components.egressGateways.filter((g: { enabled: boolean }) => g.enabled).map((g: { name: string }) => g.name),
});

describe('built-in profiles', () => {
  it('are the eight of the issue', () => {
    expect(listProfiles()).toEqual(['default', 'demo', 'empty', 'external', 'minimal', 'openshift', 'preview', 'remote']);
  });

  it('src/generated/profiles.ts is up to date with profiles/*.yaml', () => {
    const { path, content } = genProfiles(ROOT, { write: false });
    expect(path).toBe('src/generated/profiles.ts');
    expect(readFileSync(join(ROOT, path), 'utf8')).toBe(content);
    for (const name of listProfiles()) expect(profileYaml(name)).toBe(readFileSync(join(ROOT, 'profiles', `${name}.yaml`), 'utf8'));
  });

  it.each(listProfiles().map((p) => [p]))('%s parses as an IstioOperator and starts with a comment saying what it is for', (name) => {
    expect(loadProfile(name).ok).toBe(true);
    expect(profileYaml(name)).toMatch(new RegExp(`^# ${name}: `));
  });

  it('default: images docker.io/istio:1.11.8, base + istiod + ingress gateway', () => {
    const s = dump('default');
    expect([s.hub, s.tag]).toEqual(['docker.io/istio', '1.11.8']);
    expect(enabled(s)).toEqual({ base: true, pilot: true, cni: false, istiodRemote: false, ingress: ['istio-ingressgateway'], egress: [] });
    expect(s.meshConfig).toEqual({ defaultConfig: { proxyMetadata: {} }, enablePrometheusMerge: true });
    expect(s.values.global.proxy.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } });
    expect(s.values.pilot.keepaliveMaxServerConnectionAge).toBe('30m');
    expect(s.values.gateways['istio-ingressgateway'].secretVolumes.map((v: { name: string }) => v.name)).toEqual(['ingressgateway-certs', 'ingressgateway-ca-certs']);
  });

  it('demo: both gateways, small requests, access log, trace everything', () => {
    const s = dump('demo');
    expect(enabled(s)).toEqual({ base: true, pilot: true, cni: false, istiodRemote: false, ingress: ['istio-ingressgateway'], egress: ['istio-egressgateway'] });
    expect(s.meshConfig.accessLogFile).toBe('/dev/stdout');
    expect(s.components.ingressGateways[0].k8s.service.ports.map((p: { name: string; port: number; targetPort: number }) => `${p.name}:${p.port}->${p.targetPort}`)).toEqual([
      'status-port:15021->15021',
      'http2:80->8080',
      'https:443->8443',
      'tcp:31400->31400',
      'tls:15443->15443',
    ]);
    expect(s.components.pilot.k8s.env).toEqual([{ name: 'PILOT_TRACE_SAMPLING', value: '100' }]);
    expect(s.values.global.proxy.resources.requests).toEqual({ cpu: '10m', memory: '40Mi' });
    expect([s.values.pilot.autoscaleEnabled, s.values.gateways['istio-ingressgateway'].autoscaleEnabled, s.values.gateways['istio-egressgateway'].autoscaleEnabled]).toEqual([false, false, false]);
  });

  it('minimal: istiod and base only', () => {
    expect(enabled(dump('minimal'))).toEqual({ base: true, pilot: true, cni: false, istiodRemote: false, ingress: [], egress: [] });
  });

  it('empty: nothing enabled', () => {
    expect(enabled(dump('empty'))).toEqual({ base: false, pilot: false, cni: false, istiodRemote: false, ingress: [], egress: [] });
  });

  it('preview: DNS capture, xDS agent and Wasm telemetry', () => {
    const s = dump('preview');
    expect(s.meshConfig.defaultConfig.proxyMetadata).toEqual({ ISTIO_META_DNS_CAPTURE: 'true', BOOTSTRAP_XDS_AGENT: 'true' });
    expect([s.values.telemetry.v2.metadataExchange.wasmEnabled, s.values.telemetry.v2.prometheus.wasmEnabled]).toEqual([true, true]);
  });

  it('openshift: CNI in kube-system through Multus, privileged CNI node', () => {
    const s = dump('openshift');
    expect(enabled(s).cni).toBe(true);
    expect(s.components.cni.namespace).toBe('kube-system');
    expect(s.components.cni.k8s.overlays).toEqual([{ kind: 'DaemonSet', name: 'istio-cni-node', patches: [{ path: 'spec.template.spec.containers[0].securityContext.privileged', value: true }, { path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', value: true }] }]);
    expect(s.values.cni).toMatchObject({ cniBinDir: '/var/lib/cni/bin', cniConfDir: '/etc/cni/multus/net.d', chained: false, excludeNamespaces: ['istio-system', 'kube-system'] });
    expect(s.values.sidecarInjectorWebhook.injectedAnnotations).toEqual({ 'k8s.v1.cni.cncf.io/networks': 'istio-cni' });
  });

  it('external and remote: istiodRemote only — no istiod, no gateways, no CRDs (base off)', () => {
    for (const p of ['external', 'remote']) {
      expect(enabled(dump(p))).toEqual({ base: false, pilot: false, cni: false, istiodRemote: true, ingress: [], egress: [] });
      expect(dump(p).values.pilot.configMap).toBe(false);
      expect(dump(p).values.global.configCluster).toBe(false);
    }
    const ext = dump('external').values.global;
    expect([ext.externalIstiod, ext.omitSidecarInjectorConfigMap]).toEqual([true, true]);
    const remote = dump('remote').values.global;
    expect(remote.externalIstiod).toBe(false);
    expect(remote).toHaveProperty('remotePilotAddress');
  });
});
