/**
 * The acceptance table of issue 4: bad IstioOperator files, each run through the CLI in-process
 * (`istio-installer validate -f FILE`). Every case must exit 1, print no stack trace, and name
 * the exact path at the file:line where the problem is written. The full output of all cases is
 * pinned in __snapshots__/bad-inputs.txt (reviewed line by line).
 *
 * Cases are written either with `nest(path, leaf)` (the leaf line is the expected line) or as
 * raw text whose expected line carries the marker comment `#<`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';

const HEAD = ['apiVersion: install.istio.io/v1alpha1', 'kind: IstioOperator'];

interface Case {
  readonly name: string;
  readonly text: string | Uint8Array;
  /** Expected dotted path ('' for file-level problems). */
  readonly path: string;
  /** Expected 1-based line. */
  readonly line: number;
  readonly force?: boolean;
}

/**
 * A document with `leaf` nested at `path` (dotted, `[]` for a list item), e.g.
 * nest('spec.components.ingressGateways[].k8s', 'bogus: 1'). The leaf is on the last line.
 */
function nest(path: string, leaf: string): { text: string; line: number } {
  const lines = [...HEAD];
  let indent = '';
  let dash = false;
  for (const seg of path.split(/\.|(?=\[\])/).filter(Boolean)) {
    if (seg === '[]') {
      dash = true;
      continue;
    }
    lines.push(`${indent}${dash ? '- ' : ''}${seg}:`);
    indent += dash ? '    ' : '  ';
    dash = false;
  }
  for (const [i, l] of leaf.split('\n').entries()) lines.push(`${indent}${dash && i === 0 ? '- ' : dash ? '  ' : ''}${l}`);
  const leafLine = lines.length - leaf.split('\n').length + 1;
  return { text: lines.join('\n') + '\n', line: leafLine };
}

/** Dotted path of `nest` input plus the leaf key (list items numbered 0). */
function dotted(path: string, key: string): string {
  const p = path.replace(/\[\]/g, '[0]');
  return key === '' ? p : p === '' ? key : `${p}.${/^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key)}`.replace(/\.\[/g, '[');
}

const cases: Case[] = [];

function leafCase(name: string, path: string, leaf: string, opts: { force?: boolean; expectPath?: string; lastLine?: boolean } = {}): void {
  const nested = nest(path, leaf);
  const text = nested.text;
  const line = opts.lastLine ? nested.line + leaf.split('\n').length - 1 : nested.line;
  const key = leaf.split('\n')[0]?.split(':')[0]?.trim() ?? '';
  cases.push({ name, text, line, path: opts.expectPath ?? dotted(path, key), ...(opts.force ? { force: true } : {}) });
}

function rawCase(name: string, text: string, path: string, opts: { force?: boolean } = {}): void {
  const lines = text.split('\n');
  const idx = lines.findIndex((l) => l.includes('#<'));
  if (idx < 0) throw new Error(`case ${name}: no #< marker`);
  cases.push({ name, text, line: idx + 1, path, ...(opts.force ? { force: true } : {}) });
}

function bytesCase(name: string, bytes: Uint8Array, line: number): void {
  cases.push({ name, text: bytes, line, path: '' });
}

// --- An unknown key at each level -------------------------------------------------------------
const K8S = 'spec.components.pilot.k8s';
const unknownLevels: [string, string][] = [
  ['', 'spec2: {}'],
  ['metadata', 'nmae: istio'],
  ['spec', 'revison: canary'],
  ['spec', 'pilot: {}'],
  ['spec.values', 'proxy: {}'],
  ['spec.components', 'pilots: {}'],
  ['spec.components.base', 'enable: true'],
  ['spec.components.base.k8s', 'replicaCount: 2'],
  ['spec.components.pilot', 'enabeld: true'],
  ['spec.components.cni', 'namepsace: kube-system'],
  ['spec.components.istiodRemote', 'hubb: docker.io/istio'],
  ['spec.components.ingressGateways[]', 'lable: {}'],
  ['spec.components.egressGateways[]', 'nmae: egress'],
  [K8S, 'envs: []'],
  [`${K8S}.affinity`, 'nodeAfinity: {}'],
  [`${K8S}.affinity.nodeAffinity`, 'requiredDuringScheduling: {}'],
  [`${K8S}.affinity.podAntiAffinity`, 'preferred: []'],
  [`${K8S}.env[]`, 'nam: X'],
  [`${K8S}.env[].valueFrom`, 'fieldReff: {}'],
  [`${K8S}.env[].valueFrom.fieldRef`, 'path: metadata.name'],
  [`${K8S}.hpaSpec`, 'minReplica: 1'],
  [`${K8S}.hpaSpec.scaleTargetRef`, 'kindd: Deployment'],
  [`${K8S}.hpaSpec.metrics[]`, 'typ: Resource'],
  [`${K8S}.podDisruptionBudget`, 'minAvailabe: 1'],
  [`${K8S}.readinessProbe`, 'periodSecond: 5'],
  [`${K8S}.readinessProbe.httpGet`, 'paht: /ready'],
  [`${K8S}.resources`, 'limit: {}'],
  [`${K8S}.service`, 'typ: ClusterIP'],
  [`${K8S}.service.ports[]`, 'targetport: 8080'],
  [`${K8S}.strategy`, 'rolling: {}'],
  [`${K8S}.strategy.rollingUpdate`, 'maxSurg: 1'],
  [`${K8S}.tolerations[]`, 'keyy: a'],
  [`${K8S}.securityContext`, 'runAsUsr: 1337'],
  [`${K8S}.overlays[]`, 'knd: Deployment'],
  [`${K8S}.overlays[].patches[]`, 'pth: spec.replicas'],
  ['spec.meshConfig', 'enableTrace: true'],
  ['spec.meshConfig.defaultConfig', 'concurency: 2'],
  ['spec.values', 'globals: {}'],
  ['spec.values.global', 'hubb: docker.io/istio'],
  ['spec.values.global.proxy', 'loglevel: debug'],
  ['spec.values.global.proxy_init', 'imag: proxyv2'],
  ['spec.values.global.multiCluster', 'clustername: c1'],
  ['spec.values.global.tracer.zipkin', 'adress: zipkin:9411'],
  ['spec.values.pilot', 'autoscaleEnable: true'],
  ['spec.values.gateways', 'istio-ingress: {}'],
  ['spec.values.gateways.istio-ingressgateway', 'runAsRot: true'],
  ['spec.values.gateways.istio-egressgateway', 'loadBalancerIP: 1.2.3.4'],
  ['spec.values.cni', 'cniBinDirs: /opt/cni/bin'],
  ['spec.values.cni.repair', 'enable: true'],
  ['spec.values.sidecarInjectorWebhook', 'rewriteAppHTTPProbes: true'],
  ['spec.values.telemetry', 'v3: {}'],
  ['spec.values.telemetry.v2.prometheus', 'enable: true'],
  ['spec.values.base', 'enableCRDTemplate: true'],
  ['spec.values.istiodRemote', 'injectionUrl: https://x'],
  ['spec.addonComponents.foo', 'chart: x'],
  ['status', 'state: HEALTHY'],
];
for (const [path, leaf] of unknownLevels) leafCase(`unknown key ${leaf.split(':')[0]} at ${path || 'the root'}`, path, leaf);

// --- Wrong types -------------------------------------------------------------------------------
const typeCases: [string, string][] = [
  ['spec', 'hub: 3'],
  ['spec', 'profile: [demo]'],
  ['spec', 'tag: {a: 1}'],
  ['spec', 'tag: [1]'],
  ['spec', 'tag: true'],
  ['spec', 'revision: 1'],
  ['spec', 'namespace: [istio-system]'],
  ['spec', 'unvalidatedValues: [a]'],
  ['spec', 'meshConfig: []'],
  ['spec', 'components: 1'],
  ['spec.components', 'ingressGateways: {name: x}'],
  ['spec.components.pilot', 'enabled: "true"'],
  ['spec.components.pilot', 'enabled: 1'],
  ['spec.components.ingressGateways[]', 'label: [a]'],
  [K8S, 'replicaCount: "2"'],
  [K8S, 'replicaCount: -1'],
  [K8S, 'replicaCount: 1.5'],
  [K8S, 'env: {a: b}'],
  [`${K8S}.env[]`, 'name: X\nvalue: 3'],
  [K8S, 'nodeSelector: [a]'],
  [`${K8S}.nodeSelector`, 'disk: 1'],
  [K8S, 'podAnnotations: "x"'],
  [`${K8S}.resources.limits`, 'cpu: [1]'],
  [`${K8S}.resources.requests`, 'memory: 1 gigabyte'],
  [`${K8S}.service.ports[]`, 'port: "80"'],
  [`${K8S}.service.ports[]`, 'port: 70000'],
  [K8S, 'tolerations: {}'],
  [`${K8S}.hpaSpec`, 'minReplicas: "1"'],
  ['spec.values.global.proxy', 'privileged: "yes"'],
  ['spec.values.pilot', 'autoscaleMin: -1'],
  ['spec.values.pilot', 'traceSampling: 101'],
  ['spec.values.pilot', 'plugins: [{a: 1}]'],
  ['spec.values.global', 'imagePullSecrets: secret'],
  ['spec.values.global', 'logAsJson: "false"'],
  ['spec.values.global.multiCluster', 'enabled: 1'],
  ['spec.values.pilot', 'keepaliveMaxServerConnectionAge: 30 minutes'],
  ['spec.meshConfig', 'enableTracing: "true"'],
  ['spec.meshConfig.defaultConfig', 'concurrency: "2"'],
  ['spec.meshConfig.defaultConfig', 'drainDuration: 5'],
  ['spec.values.global.proxy', 'excludeInboundPorts: 15020'],
  ['metadata', 'name: 7'],
  ['spec.values.gateways.istio-ingressgateway', 'autoscaleMax: ten'],
];
for (const [path, leaf] of typeCases) {
  const last = leaf.split('\n').pop() ?? '';
  const multi = leaf.includes('\n');
  const itemPath = last.startsWith('plugins:') ? `${dotted(path, 'plugins')}[0]` : undefined;
  leafCase(`wrong type: ${path}.${last}`, path, leaf, multi ? { expectPath: dotted(path, last.split(':')[0] ?? ''), lastLine: true } : itemPath ? { expectPath: itemPath } : {});
}

// --- Bad enum values ---------------------------------------------------------------------------
const enumCases: [string, string][] = [
  [K8S, 'imagePullPolicy: always'],
  [`${K8S}.service`, 'type: LoadBalancers'],
  [`${K8S}.service`, 'externalTrafficPolicy: Global'],
  [`${K8S}.service.ports[]`, 'protocol: HTTP'],
  [`${K8S}.strategy`, 'type: Rolling'],
  [`${K8S}.tolerations[]`, 'operator: Equals'],
  [`${K8S}.tolerations[]`, 'effect: NoScheduled'],
  ['spec.values.global.proxy', 'logLevel: verbose'],
  ['spec.values.global.proxy', 'tracer: jaeger'],
  ['spec.values.global.proxy', 'autoInject: true'],
  ['spec.values.global', 'imagePullPolicy: Sometimes'],
  ['spec.values.global', 'jwtPolicy: third-party'],
  ['spec.values.global', 'pilotCertProvider: citadel'],
  ['spec.values.gateways.istio-ingressgateway', 'type: NodePorts'],
  ['spec.values.cni', 'pullPolicy: always'],
  ['spec.values.telemetry.v2.stackdriver', 'outboundAccessLogging: ALL'],
  ['spec.meshConfig.defaultConfig', 'interceptionMode: REDIRECTS'],
  ['status', 'status: OK'],
];
for (const [path, leaf] of enumCases) leafCase(`bad enum: ${path}.${leaf}`, path, leaf);

// --- hub, tag, revision, gateway names ---------------------------------------------------------
for (const hub of ['docker.io:tag/istio', 'docker.io/Istio', 'docker.io/istio/', '/istio', 'docker.io//istio', 'http://docker.io/istio', 'docker.io/is tio', 'docker.io/istio@sha256:abc', '-docker.io/istio', 'gcr.io/istio__-x']) {
  leafCase(`bad hub ${hub}`, 'spec', `hub: ${JSON.stringify(hub)}`);
}
for (const tag of ['-bad', '.x', 'a b', 'x'.repeat(129), '1.11.8/x', 'v1:2', 'release@1']) {
  leafCase(`bad tag ${tag.slice(0, 20)}`, 'spec', `tag: ${JSON.stringify(tag)}`);
}
for (const rev of ['Canary', '1-2-', '-x', 'a_b', 'x'.repeat(64), '1.11']) {
  leafCase(`bad revision ${rev.slice(0, 20)}`, 'spec', `revision: ${JSON.stringify(rev)}`);
}
leafCase('bad values.revision', 'spec.values', 'revision: Canary_1');
for (const name of ['Istio@ingress', 'ingress gateway', 'UPPER', 'x'.repeat(255)]) {
  leafCase(`bad ingress gateway name ${name.slice(0, 20)}`, 'spec.components.ingressGateways[]', `name: ${JSON.stringify(name)}`);
}
leafCase('bad egress gateway name', 'spec.components.egressGateways[]', 'name: egress_gw');

// --- IP ranges and port lists -----------------------------------------------------------------
for (const [key, v] of [
  ['includeIPRanges', '1.1.0.300/16'],
  ['includeIPRanges', '10.0.0.0'],
  ['includeIPRanges', '10.0.0.0/33'],
  ['includeIPRanges', '10.0.0.0/8,,'],
  ['includeIPRanges', '10.0.0.0/8, foo'],
  ['includeIPRanges', 'fe80::/129'],
  ['includeIPRanges', 'fe80:::1/64'],
  ['includeIPRanges', '*,10.0.0.0/8'],
  ['excludeIPRanges', '010.0.0.0/8'],
  ['excludeIPRanges', '10.0.0.0/-1'],
  ['excludeIPRanges', 'abc'],
  ['excludeIPRanges', '192.168.1.0/24;10.0.0.0/8'],
  ['excludeInboundPorts', '-1'],
  ['excludeInboundPorts', '65536'],
  ['excludeInboundPorts', '222x'],
  ['excludeInboundPorts', '80,,90'],
  ['excludeInboundPorts', '*,80'],
  ['excludeInboundPorts', '80;90'],
  ['excludeInboundPorts', '15020, abc'],
  ['excludeInboundPorts', '1e3'],
] as const) {
  leafCase(`bad ${key} ${v}`, 'spec.values.global.proxy', `${key}: ${JSON.stringify(v)}`);
}

// --- Gateway ports that need root (fatal even with --force) ----------------------------------
const GW_PORTS = 'spec.components.ingressGateways[].k8s.service.ports[]';
leafCase('ingress port 80 without targetPort', GW_PORTS, 'port: 80\nname: http2', { expectPath: dotted(GW_PORTS, 'port') });
leafCase('ingress port 1024 without targetPort', GW_PORTS, 'port: 1024\nname: http', { expectPath: dotted(GW_PORTS, 'port') });
rawCase(
  'ingress targetPort 80',
  [...HEAD, 'spec:', '  components:', '    ingressGateways:', '    - name: istio-ingressgateway', '      k8s:', '        service:', '          ports:', '          - port: 80', '            targetPort: 80 #<', ''].join('\n'),
  'spec.components.ingressGateways[0].k8s.service.ports[0].targetPort',
);
rawCase(
  'ingress targetPort 1023 on the second gateway',
  [...HEAD, 'spec:', '  components:', '    ingressGateways:', '    - name: a', '    - name: b', '      k8s:', '        service:', '          ports:', '          - port: 8080', '            targetPort: 8080', '          - port: 443', '            targetPort: 1023 #<', ''].join('\n'),
  'spec.components.ingressGateways[1].k8s.service.ports[1].targetPort',
);
rawCase(
  'egress targetPort 443',
  [...HEAD, 'spec:', '  components:', '    egressGateways:', '    - name: istio-egressgateway', '      k8s:', '        service:', '          ports:', '          - port: 443', '            name: tls', '            targetPort: 443 #<', ''].join('\n'),
  'spec.components.egressGateways[0].k8s.service.ports[0].targetPort',
);
rawCase(
  'ingress targetPort 80 with runAsRoot false',
  [...HEAD, 'spec:', '  components:', '    ingressGateways:', '    - name: gw', '      k8s:', '        service:', '          ports:', '          - port: 80', '            targetPort: 80 #<', '  values:', '    gateways:', '      istio-ingressgateway:', '        runAsRoot: false', ''].join('\n'),
  'spec.components.ingressGateways[0].k8s.service.ports[0].targetPort',
);
rawCase(
  'egress privileged port is not excused by the ingress runAsRoot',
  [...HEAD, 'spec:', '  components:', '    egressGateways:', '    - name: gw', '      k8s:', '        service:', '          ports:', '          - port: 80 #<', '  values:', '    gateways:', '      istio-ingressgateway:', '        runAsRoot: true', ''].join('\n'),
  'spec.components.egressGateways[0].k8s.service.ports[0].port',
);
rawCase(
  'ingress targetPort 80 with --force',
  [...HEAD, 'spec:', '  components:', '    ingressGateways:', '    - name: gw', '      k8s:', '        service:', '          ports:', '          - port: 80', '            targetPort: 80 #<', ''].join('\n'),
  'spec.components.ingressGateways[0].k8s.service.ports[0].targetPort',
  { force: true },
);
rawCase(
  'values ingressPorts targetPort 80',
  [...HEAD, 'spec:', '  values:', '    gateways:', '      istio-ingressgateway:', '        ingressPorts:', '        - port: 80 #<', '          targetPort: 80', ''].join('\n'),
  'spec.values.gateways.istio-ingressgateway.ingressPorts[0]',
);
rawCase(
  'values ingressPorts port 443 without targetPort',
  [...HEAD, 'spec:', '  values:', '    gateways:', '      istio-ingressgateway:', '        ingressPorts:', '        - port: 15443', '        - port: 443 #<', ''].join('\n'),
  'spec.values.gateways.istio-ingressgateway.ingressPorts[1]',
);

// --- Removed addons (fatal even with --force) ------------------------------------------------
for (const addon of ['grafana', 'kiali', 'prometheus', 'tracing']) {
  leafCase(`values.${addon}.enabled`, `spec.values.${addon}`, 'enabled: true');
}
leafCase('addonComponents.grafana.enabled', 'spec.addonComponents.grafana', 'enabled: true');
leafCase('addonComponents.kiali.enabled', 'spec.addonComponents.kiali', 'enabled: true');
leafCase('values.kiali.enabled with --force', 'spec.values.kiali', 'enabled: true', { force: true });

// --- Broken files ----------------------------------------------------------------------------
rawCase('unclosed flow sequence', [...HEAD, 'spec:', '  hub: [a, b #<', '  tag: x', ''].join('\n'), '');
rawCase('bad indentation', [...HEAD, 'spec:', '  hub: a', ' tag: b #<', ''].join('\n'), '');
rawCase('tab indentation', [...HEAD, 'spec:', '\thub: a #<', ''].join('\n'), '');
rawCase('unclosed quote', [...HEAD, 'spec:', '  hub: "docker.io/istio #<', '  tag: x', ''].join('\n'), '');
rawCase('mapping value in a plain scalar', [...HEAD, 'spec:', '  hub: docker.io: istio #<', ''].join('\n'), '');
rawCase('list and mapping mixed', [...HEAD, 'spec:', '  - a', '  b: c #<', ''].join('\n'), '');
rawCase('undefined alias', [...HEAD, 'spec:', '  hub: *nope #<', ''].join('\n'), '');
rawCase('duplicate key at the root', [...HEAD, 'spec: {}', 'kind: IstioOperator #<', ''].join('\n'), 'kind');
rawCase('duplicate key in spec', [...HEAD, 'spec:', '  hub: a', '  tag: "1"', '  hub: b #<', ''].join('\n'), 'spec.hub');
rawCase('duplicate key in a component', [...HEAD, 'spec:', '  components:', '    pilot:', '      enabled: true', '      enabled: false #<', ''].join('\n'), 'spec.components.pilot.enabled');
rawCase('two documents', [...HEAD, 'spec: {}', '--- #<', ...HEAD, ''].join('\n'), '');
rawCase('three documents', ['--- #<', ...HEAD, '---', ...HEAD, '---', ...HEAD, ''].join('\n').replace('--- #<\n', '').replace('---\napiVersion', '--- #<\napiVersion'), '');
rawCase('another kind', ['apiVersion: apps/v1', 'kind: Deployment #<', 'metadata:', '  name: x', ''].join('\n'), 'kind');
rawCase('another apiVersion', ['apiVersion: install.istio.io/v1beta1 #<', 'kind: IstioOperator', ''].join('\n'), 'apiVersion');
rawCase('missing kind', ['apiVersion: install.istio.io/v1alpha1 #<', 'spec: {}', ''].join('\n'), 'kind');
rawCase('a list, not a mapping', ['- apiVersion: install.istio.io/v1alpha1 #<', '  kind: IstioOperator', ''].join('\n'), '');
rawCase('a scalar, not a mapping', ['IstioOperator #<', ''].join('\n'), '');
rawCase('NaN value', [...HEAD, 'spec:', '  tag: .nan #<', ''].join('\n'), 'spec.tag');
rawCase('empty file', '#<', '');
cases.push({ name: 'zero-byte file', text: '', line: 1, path: '' });
rawCase('comments only', '# nothing here #<\n', '');
rawCase('only a document marker', '--- #<\n', '');
bytesCase('PNG header', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 1);
bytesCase('ELF header', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), 1);
bytesCase('NUL in the middle', new TextEncoder().encode(`${HEAD.join('\n')}\nspec:\n  hub: do\u0000cker\n`), 4);
bytesCase('invalid UTF-8', new Uint8Array([...new TextEncoder().encode(`${HEAD.join('\n')}\nspec:\n  hub: `), 0xff, 0xfe, 0x0a]), 4);
bytesCase('gzip data', new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff]), 1);
bytesCase('UTF-16 text', new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]), 1);

// --- --force: schema errors become warnings, but a file with only them then passes -------------
// (checked in validate.test.ts; here every case must fail)

/** The case's file name: from its name only, so adding a case does not rename the others. */
function slug(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  const readable = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${readable}-${(h & 0xffff).toString(16).padStart(4, '0')}.yaml`;
}

const scratch = mkdtempSync(join(tmpdir(), 'bad-inputs-'));
mkdirSync(join(scratch, 'cases'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) }, { cwd: scratch });
  return { code, out, err };
}

describe('bad IstioOperator inputs', () => {
  it('has at least 150 cases, each with its own file name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => slug(c.name))).size).toBe(cases.length);
  });

  const transcript: string[] = [];

  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const file = `cases/${slug(c.name)}`;
    writeFileSync(join(scratch, file), c.text);
    const args = ['validate', '-f', file, ...(c.force ? ['--force'] : [])];
    const { code, out, err } = await runCli(args);
    transcript[i] = [`## ${c.name}`, `$ istio-installer ${args.join(' ')}`, `exit ${code}`, ...(out ? [out.trimEnd()] : []), err.trimEnd(), ''].join('\n');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).not.toMatch(/^\s+at |\bTypeError\b|\bReferenceError\b|internal fault/m);
    const lines = err.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^cases\/[^:]+:\d+:\d+: (error|warning): /);
    const wanted = `${file}:${c.line}:`;
    const hit = lines.find((l) => l.startsWith(wanted) && / error: /.test(l) && (c.path === '' ? true : l.includes(` error: ${c.path}: `)));
    expect(hit, `expected an error at ${wanted} for path ${JSON.stringify(c.path)} in:\n${err}`).toBeDefined();
  });

  it('pins every message in the reviewed snapshot', async () => {
    expect(transcript.filter(Boolean).length).toBe(cases.length);
    await expect(transcript.join('\n')).toMatchFileSnapshot('__snapshots__/bad-inputs.txt');
  });
});
