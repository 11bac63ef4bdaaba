/**
 * `helm template` tried as a new user would (issue 3 acceptance 2): a chart written by hand in a
 * temp dir, rendered by the built command (`node bin/istio-installer.cjs helm template myrel
 * ./somechart -f v.yaml --set a.b=1 -n ns`, needs `npm run build`) and by the real helm binary
 * in the same directory; stdout, stderr and the exit code must be identical. Plus the CLI
 * behaviour the chart corpus cannot show (help, --helm-compat, HELM_NAMESPACE from the context).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmBinary } from '../../scripts/helm-binaries.mjs';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../differential/harness.js';

const BIN = join(ROOT, 'bin', 'istio-installer.cjs');

/** A chart shaped like the ones `helm create` makes: helpers, labels, toYaml, conditionals, a subchart. */
const CHART: Record<string, string> = {
  'somechart/Chart.yaml': `apiVersion: v2
name: somechart
description: A chart a user brings
version: 1.2.3
appVersion: "4.5"
dependencies:
  - name: cache
    version: 0.1.0
    condition: cache.enabled
`,
  'somechart/values.yaml': `replicaCount: 1
image:
  repository: nginx
  tag: ""
  pullPolicy: IfNotPresent
service:
  type: ClusterIP
  port: 80
ingress:
  enabled: false
  hosts: []
resources: {}
a:
  b: 0
  c: keep
cache:
  enabled: true
  size: 1Gi
`,
  'somechart/templates/_helpers.tpl': `{{- define "somechart.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "somechart.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
`,
  'somechart/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "somechart.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "somechart.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          env:
            - name: A_B
              value: {{ .Values.a.b | quote }}
            - name: A_C
              value: {{ .Values.a.c | quote }}
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`,
  'somechart/templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "somechart.fullname" . }}
  labels:
    {{- include "somechart.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
`,
  'somechart/templates/ingress.yaml': `{{- if .Values.ingress.enabled -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "somechart.fullname" . }}
spec:
  rules:
    {{- range .Values.ingress.hosts }}
    - host: {{ .host | quote }}
    {{- end }}
{{- end }}
`,
  'somechart/templates/NOTES.txt': `Get the application URL: {{ include "somechart.fullname" . }}\n`,
  'somechart/templates/tests/test-connection.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: "{{ include "somechart.fullname" . }}-test"
  annotations:
    "helm.sh/hook": test
spec:
  restartPolicy: Never
`,
  'somechart/charts/cache/Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 0.1.0\n',
  'somechart/charts/cache/values.yaml': 'size: 100Mi\n',
  'somechart/charts/cache/templates/pvc.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ .Release.Name }}-cache
spec:
  resources:
    requests:
      storage: {{ .Values.size }}
`,
  'v.yaml': `replicaCount: 3
image:
  tag: "1.25"
resources:
  limits:
    cpu: 100m
    memory: 128Mi
ingress:
  enabled: true
  hosts:
    - host: chart.example.com
`,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'helm-template-user-'));
  for (const [p, text] of Object.entries(CHART)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HELM_') && k !== 'KUBECONFIG') e[k] = v;
  return { ...e, TZ: 'UTC', KUBECONFIG: join(dir, 'no-kubeconfig') };
}

function runProc(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: dir, env: env(), encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

const USER_ARGS = ['myrel', './somechart', '-f', 'v.yaml', '--set', 'a.b=1', '-n', 'ns'];

describe('helm template, as a new user runs it (built bin vs helm)', () => {
  it('the built bin exists (run `npm run build` first)', () => {
    expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')) || existsSync(join(ROOT, 'dist', 'cli.cjs'))).toBe(true);
  });

  for (const [helm, compat] of [
    ['helm4', []],
    ['helm3', ['--helm-compat', '3']],
  ] as const) {
    for (const extra of [[], ['--set', 'cache.enabled=false', '--skip-tests'], ['--show-only', 'templates/service.yaml']]) {
      it(`${USER_ARGS.concat(extra).join(' ')} prints what ${helm} prints`, async () => {
        const expected = runProc(await helmBinary(helm), ['template', ...USER_ARGS, ...extra]);
        expect(expected.exitCode).toBe(0);
        const actual = runProc(process.execPath, [BIN, 'helm', 'template', ...USER_ARGS, ...extra, ...compat]);
        expect(actual).toEqual(expected);
      });
    }
    it(`a missing values file fails like ${helm}`, async () => {
      const expected = runProc(await helmBinary(helm), ['template', 'myrel', './somechart', '-f', 'nope.yaml']);
      const actual = runProc(process.execPath, [BIN, 'helm', 'template', 'myrel', './somechart', '-f', 'nope.yaml', ...compat]);
      expect(actual).toEqual(expected);
      expect(actual.exitCode).toBe(1);
    });
  }
});

describe('helm template, in-process', () => {
  async function run(argv: string[], envVars: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, { cwd: dir, env: envVars });
    return { stdout, stderr, code };
  }

  it('prints its help with -h and --help', async () => {
    for (const h of ['-h', '--help']) {
      const r = await run(['helm', 'template', h]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('istio-installer helm template [NAME] [CHART] [flags]');
      expect(r.stdout).toContain('--helm-compat');
    }
  });

  it('rejects an unknown --helm-compat', async () => {
    const r = await run(['helm', 'template', './somechart', '--helm-compat', '5']);
    expect(r).toEqual({ stdout: '', stderr: 'Error: invalid argument "5" for "--helm-compat" flag: must be 3 or 4\n', code: 1 });
  });

  it('takes the namespace from HELM_NAMESPACE in the context, and -n over it', async () => {
    const fromEnv = await run(['helm', 'template', 'r', './somechart', '-s', 'templates/deployment.yaml'], { HELM_NAMESPACE: 'from-env' });
    expect(fromEnv.stdout).toContain('namespace: from-env');
    const fromFlag = await run(['helm', 'template', 'r', './somechart', '-s', 'templates/deployment.yaml', '-n', 'flag'], { HELM_NAMESPACE: 'from-env' });
    expect(fromFlag.stdout).toContain('namespace: flag');
  });

  it('names the helm flags it does not implement instead of ignoring them', async () => {
    for (const flag of [['--output-dir', 'out'], ['--validate'], ['--dry-run=server'], ['-l', 'a=b']]) {
      const r = await run(['helm', 'template', './somechart', ...flag]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Error: flag --[a-z-]+ of helm template is not supported by istio-installer/);
    }
  });

  it('keeps arguments after -- positional', async () => {
    const r = await run(['helm', 'template', '-s', 'templates/service.yaml', '--', 'r', './somechart']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('name: r-somechart');
  });
});
