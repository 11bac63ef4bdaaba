// The cases of measured.json (regenerate with: npx tsx test/helm/render/measure.ts).
import type { ChartSpec } from './charts.js';
export interface Case { name: string; spec: ChartSpec; opts?: Record<string, unknown>; pipeline?: boolean }
const kid: ChartSpec = { name: 'kid', files: { 'templates/k.yaml': 'kind: Secret\nmetadata:\n  name: k\n# {{ .Template.Name }} {{ .Template.BasePath }} {{ .Chart.Name }} {{ .Chart.IsRoot }} {{ .Values.y }}\n', 'crds/kc.yaml': 'kind: CustomResourceDefinition\nmetadata:\n  name: kc\n' }, values: 'y: kidval\n' };
const s1a = `kind: Job
metadata:
  name: h1
  annotations:
    "helm.sh/hook": post-install, PRE-install
    "helm.sh/hook-weight": "5"
---
kind: ConfigMap
metadata:
  name: c
---
kind: Pod
metadata:
  name: t
  annotations:
    helm.sh/hook: test-success
---
kind: ConfigMap
metadata:
  name: h2
  annotations:
    helm.sh/hook: pre-install
---
---
# just a comment
---kind: X
---
kind: Service
metadata:
  name: u
  annotations:
    helm.sh/hook: "foo, bar"
---
kind: Pod
metadata:
  name: t2
  annotations:
    helm.sh/hook: test
`;
const s1: ChartSpec = { name: 's1', files: { 'templates/a.yaml': s1a, 'templates/b.yaml': 'kind: Y\n---\n---\n---\nkind: Z\n' }, subcharts: [{ name: 'kid', files: { 'templates/k.yaml': 'kind: K\n' } }] };
const kinds = ['Deployment', 'MutatingWebhookConfiguration', 'Service', 'ValidatingWebhookConfiguration', 'Namespace', 'Zeta', 'APIService', 'Alpha', 'CustomResourceDefinition', 'ConfigMap', 'ClusterRole'];
export const cases: Case[] = [
  { name: 'empty chart prints a newline', spec: { name: 'e1' } },
  { name: 'hooks, kinds, splitting quirks, unknown hooks', spec: s1 },
  { name: 'skip-tests', spec: s1, opts: { skipTests: true } },
  { name: 'no-hooks', spec: s1, opts: { noHooks: true } },
  { name: 'show-only globs in pattern order', spec: s1, opts: { showOnly: ['templates/a.yaml', 'charts/*/templates/k.yaml'] } },
  { name: 'show-only with the chart name does not match', spec: s1, opts: { showOnly: ['s1/templates/a.yaml'] } },
  { name: 'show-only second pattern missing', spec: s1, opts: { showOnly: ['templates/b.yaml', 'templates/[z-a].yaml'] } },
  { name: 'show-only star', spec: s1, opts: { showOnly: ['templates/*'] } },
  { name: 'kind order', spec: { name: 'ko', files: { 'templates/a.yaml': kinds.map((k) => `kind: ${k}\nmetadata:\n  name: n-${k}\n`).join('---\n') } } },
  { name: 'files sorted by name, documents in file order', spec: { name: 'fo', files: { 'templates/b.yaml': 'kind: A\nmetadata: {name: b1}\n---\nkind: A\nmetadata: {name: b2}\n', 'templates/a/z.yaml': 'kind: A\nmetadata: {name: az}\n', 'templates/B.yaml': 'kind: A\nmetadata: {name: B}\n', 'templates/_p.yaml': 'kind: P', 'templates/empty.yaml': '  \n\n' } } },
  { name: 'include-crds with subchart crds', spec: { name: 'cr', files: { 'templates/a.yaml': 'kind: ConfigMap\n', 'crds/b.yaml': '# b\nkind: CustomResourceDefinition\n\n', 'crds/a.json': '{"kind": "CustomResourceDefinition"}', 'crds/skip.txt': 'x', 'crds/sub/c.YML': 'kind: CustomResourceDefinition\n' }, subcharts: [kid] }, opts: { includeCrds: true } },
  { name: 'crds not printed without include-crds', spec: { name: 'cr', files: { 'templates/a.yaml': 'kind: ConfigMap\n', 'crds/b.yaml': 'kind: CustomResourceDefinition\n' }, subcharts: [kid] } },
  { name: 'subchart context, types', spec: { name: 'ty', files: { 'templates/a.yaml': '# {{ typeOf . }} {{ typeOf .Values }} {{ typeOf .Subcharts }} {{ typeOf .Files }} {{ typeOf .Template }} {{ typeOf .Release }} {{ typeOf .Subcharts.kid.Values }} {{ .Subcharts.kid.Values.y }} {{ .Subcharts.kid.Chart.Name }} {{ typeOf .Subcharts.kid }} {{ .Subcharts.kid.Template.Name }} {{ typeOf .Subcharts.kid.Template }}\n# {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }} {{ .Chart.IsRoot }}\n' }, subcharts: [kid] } },
  { name: 'release options', spec: { name: 'ro', files: { 'templates/a.yaml': '# {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }}\n' } }, opts: { releaseName: 'myrel', namespace: 'ns1', isUpgrade: true } },
  { name: 'capabilities overrides', spec: { name: 'cap', files: { 'templates/a.yaml': '# {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.APIVersions.Has "foo/v1/Bar" }} {{ .Capabilities.APIVersions.Has "foo/v1" }} {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ len .Capabilities.APIVersions }}\n' } }, opts: { kubeVersion: '1.19.3-rc.1+b2', apiVersions: ['foo/v1/Bar', 'x/v2'] } },
  { name: 'capabilities defaults', spec: { name: 'cap', files: { 'templates/a.yaml': '# {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ len .Capabilities.APIVersions }} {{ toJson .Capabilities.KubeVersion }}\n' } } },
  { name: 'kubeVersion constraint fails', spec: { name: 'kv', meta: { kubeVersion: '>=1.40.0-0' }, files: { 'templates/a.yaml': 'kind: A\n' } } },
  { name: 'kubeVersion constraint passes with --kube-version', spec: { name: 'kv', meta: { kubeVersion: '>=1.40.0-0' }, files: { 'templates/a.yaml': 'kind: A\n' } }, opts: { kubeVersion: '1.41' } },
  { name: 'kubeVersion constraint against a pre-release kube version', spec: { name: 'kv', meta: { kubeVersion: '>=1.20.0' }, files: { 'templates/a.yaml': 'kind: A\n' } }, opts: { kubeVersion: '1.21.0-rc.1' } },
  { name: 'kubeVersion constraint that does not parse', spec: { name: 'kv', meta: { kubeVersion: 'nonsense' }, files: { 'templates/a.yaml': 'kind: A\n' } } },
  { name: 'helm3-only kube version 1', spec: { name: 'kv', files: { 'templates/a.yaml': '# {{ .Capabilities.KubeVersion }}\n' } }, opts: { kubeVersion: '1' } },
  { name: 'bad kube version', spec: { name: 'kv', files: { 'templates/a.yaml': '# x\n' } }, opts: { kubeVersion: 'V1.2' } },
  { name: 'exec error', spec: { name: 'ee', files: { 'templates/a.yaml': 'x: {{ fail "boom" }}\n' } } },
  { name: 'exec error with debug', spec: { name: 'ee', files: { 'templates/a.yaml': 'x: {{ fail "boom" }}\n' } }, opts: { debug: true } },
  { name: 'parse error', spec: { name: 'pe', files: { 'templates/a.yaml': 'x: {{ .Values.x \n', 'templates/_b.tpl': '{{ define "x" }}' } } },
  { name: 'notes rendered, not printed', spec: { name: 'no', files: { 'templates/a.yaml': 'kind: A\n', 'templates/NOTES.txt': 'notes {{ .Release.Name }}', 'templates/MYNOTES.txt': 'kind: [' } } },
  { name: 'notes error aborts', spec: { name: 'no', files: { 'templates/a.yaml': 'kind: A\n', 'templates/NOTES.txt': '{{ fail "nn" }}' } } },
  { name: 'subchart notes error aborts', spec: { name: 'no', files: { 'templates/a.yaml': 'kind: A\n' }, subcharts: [{ name: 'kid', files: { 'templates/NOTES.txt': '{{ required "kidnotes" .Values.nope }}' } }] } },
  { name: 'yaml error', spec: { name: 'ye', files: { 'templates/a.yaml': 'kind: A\n---\nbad: [\n', 'templates/b.yaml': 'kind: B\n' } } },
  { name: 'yaml error with debug', spec: { name: 'ye', files: { 'templates/a.yaml': 'kind: A\n---\nbad: [\n', 'templates/sub/b.yaml': 'kind: B\n', 'templates/NOTES.txt': 'n', 'templates/e.yaml': ' \n' }, subcharts: [{ name: 'kid', files: { 'templates/k.yaml': 'kind: K\n' } }] }, opts: { debug: true } },
  { name: 'yaml error with debug and show-only', spec: { name: 'ye', files: { 'templates/a.yaml': 'kind: A\n---\nbad: [\n', 'templates/sub/b.yaml': 'kind: B\n' } }, opts: { debug: true, showOnly: ['templates/sub/*'] } },
  { name: 'library subchart contributes partials only', spec: { name: 'li', files: { 'templates/a.yaml': '# {{ include "lib.x" . }}\n' }, subcharts: [{ name: 'lib', meta: { type: 'library' }, files: { 'templates/_h.tpl': '{{ define "lib.x" }}from lib {{ .Chart.Name }}{{ end }}', 'templates/x.yaml': 'kind: Never\n' } }] } },
  { name: 'define precedence: parent over subchart, _a over _b', spec: { name: 'dp', files: { 'templates/a.yaml': '# {{ include "x" . }} {{ include "y" . }}\n', 'templates/_a.tpl': '{{ define "x" }}parent-a{{ end }}', 'templates/_b.tpl': '{{ define "x" }}parent-b{{ end }}{{ define "y" }}parent-y{{ end }}' }, subcharts: [{ name: 'kid', files: { 'templates/_k.tpl': '{{ define "x" }}kid{{ end }}{{ define "y" }}kid-y{{ end }}{{ define "z" }}kid-z{{ end }}', 'templates/k.yaml': '# {{ include "x" . }} {{ include "z" . }}\n' } }] } },
  { name: 'aliased subchart', spec: { name: 'al', subcharts: [{ ...kid, alias: 'other' }] } },
  { name: '.Files methods', spec: { name: 'fi', files: { 'templates/a.yaml': '# {{ .Files.Get "files/a.txt" | quote }} {{ .Files.GetBytes "files/a.txt" }} {{ range $k, $v := .Files.Glob "files/*" }}{{ $k }} {{ end }} {{ .Files.Lines "files/b.txt" }}\ndata:\n{{ (.Files.Glob "files/*.txt").AsConfig | indent 2 }}\nsec:\n{{ (.Files.Glob "files/**").AsSecrets | indent 2 }}\n', 'files/a.txt': 'A1', 'files/b.txt': 'l1\nl2\n', 'files/sub/c.cfg': 'c' } } },
  { name: 'values mutated by set are visible to later files', spec: { name: 'mu', values: 'a: 1\n', files: { 'templates/b.yaml': '# {{ .Values.a }} {{ $_ := set .Values "a" 2 }}\n', 'templates/a.yaml': '# {{ .Values.a }}\n' } } },
  { name: 'head errors: plain text', spec: { name: 'h1', files: { 'templates/a.yaml': 'hello\n' } } },
  { name: 'head errors: number', spec: { name: 'h2', files: { 'templates/a.yaml': '42\n' } } },
  { name: 'head errors: metadata string', spec: { name: 'h3', files: { 'templates/a.yaml': 'metadata: x\n' } } },
  { name: 'head errors: annotations list element', spec: { name: 'h4', files: { 'templates/a.yaml': 'metadata: {annotations: {b: 1, a: [1]}, name: [2]}\n' } } },
  { name: 'head errors: name object', spec: { name: 'h5', files: { 'templates/a.yaml': 'metadata: {name: {a: 1}}\n' } } },
  { name: 'head: scalars become strings', spec: { name: 'h6', files: { 'templates/a.yaml': 'kind: 5\nmetadata: {name: 0.1, annotations: {helm.sh/hook: test}}\n---\nkind: Y\n---\nKind: ConfigMap\n---\nnull\n' } } },
  { name: 'head errors: kind object', spec: { name: 'h7', files: { 'templates/a.yaml': 'x: 1\nkind: {a: 1}\n' } } },
  // Full pipeline only (values coalescing, dependencies, schema): renderChart, not renderResolved.
  { pipeline: true, name: '.Chart as YAML and JSON', spec: { name: 'ch', meta: { appVersion: '1.2', description: 'd', keywords: ['k1', 'k2'], home: 'h', sources: ['s'], icon: 'i', annotations: { b: 'x', a: 'y' }, maintainers: [{ name: 'm', email: 'e@x' }, { name: 'n', url: 'u' }] } as never, files: { 'templates/a.yaml': '# {{ .Chart.Name }} {{ .Chart.AppVersion }} {{ .Chart.APIVersion }} {{ .Chart.IsRoot }} {{ .Chart.Keywords }} {{ .Chart.Annotations }}\n{{ toYaml .Chart | replace "\\n" "\\n# " | printf "# %s" }}\n# {{ toJson .Chart.Maintainers }} {{ toJson .Chart }} {{ toJson .Chart.Annotations }} {{ typeOf .Chart.Keywords }} {{ typeOf .Chart.Maintainers }} {{ typeOf (index .Chart.Maintainers 0) }} {{ typeOf .Chart.Annotations }} {{ toJson .Chart.Dependencies }}\n' } } },
  { pipeline: true, name: '.Chart of a minimal Chart.yaml', spec: { name: 'cm', files: { 'templates/a.yaml': '{{ toYaml .Chart | replace "\\n" "\\n# " | printf "# %s" }}\n# {{ toJson .Chart.Dependencies }} {{ toJson .Chart.Annotations }} {{ toJson .Chart.Keywords }} {{ toJson .Chart.Maintainers }} {{ typeOf .Chart.Dependencies }} {{ typeOf .Chart.Sources }}\n' } } },
  { pipeline: true, name: 'coalesced subchart values, globals, Subcharts', spec: { name: 'co', values: 'global:\n  g: parent\n  gm: {a: 1}\nkid:\n  y: fromparent\n  extra: 1\n', files: { 'templates/a.yaml': '{{ toYaml .Values | replace "\\n" "\\n# " | printf "# %s" }}\n# {{ .Subcharts.kid.Values.y }} {{ .Subcharts.kid.Values.global.g }}\n' }, subcharts: [{ name: 'kid', values: 'y: kidval\nz: 3\nglobal:\n  g: kid\n  k: kidonly\n  gm: {b: 2}\n', files: { 'templates/k.yaml': '{{ toYaml .Values | replace "\\n" "\\n# " | printf "# %s" }}\n' } }] } },
  { pipeline: true, name: 'user values: -f then --set', spec: { name: 'uv', values: 'a: 1\nb: {c: 2, d: 3}\n', files: { 'templates/a.yaml': '{{ toYaml .Values | replace "\\n" "\\n# " | printf "# %s" }}\n' } }, opts: { valueFiles: [{ name: 'v1.yaml', text: 'a: 5\nb: {c: null}\n' }], set: ['b.e=1000000', 'f=x'] } },
  { pipeline: true, name: 'not a table warning', spec: { name: 'nt', values: 'a: {b: 1}\n', files: { 'templates/a.yaml': '# {{ .Values.a }}\n' } }, opts: { set: ['a=1'] } },
  { pipeline: true, name: 'deprecated chart warns', spec: { name: 'de', meta: { deprecated: true }, files: { 'templates/a.yaml': 'kind: A\n' } } },
  { pipeline: true, name: 'library root chart', spec: { name: 'lr', meta: { type: 'library' }, files: { 'templates/_a.tpl': '{{ define "x" }}{{ end }}' } } },
  { pipeline: true, name: 'library root chart with a bad -f', spec: { name: 'lr', meta: { type: 'library' }, files: { 'templates/_a.tpl': '{{ define "x" }}{{ end }}' } }, opts: { valueFiles: [{ name: 'bad.yaml', text: 'a: [\n' }] } },
  { pipeline: true, name: 'deprecated chart with a bad -f', spec: { name: 'de', meta: { deprecated: true }, files: { 'templates/a.yaml': 'kind: A\n' } }, opts: { valueFiles: [{ name: 'bad.yaml', text: 'a: [\n' }] } },
  { pipeline: true, name: 'schema fails before kubeVersion', spec: { name: 'sk', meta: { kubeVersion: '>=9.0.0' }, files: { 'templates/a.yaml': 'kind: A\n', 'values.schema.json': '{"type":"object","required":["port"]}' } } },
  { pipeline: true, name: 'schema fails in a subchart', spec: { name: 'ss', files: { 'templates/a.yaml': 'kind: A\n' }, subcharts: [{ name: 'kid', values: 'n: 1\n', files: { 'values.schema.json': '{"properties":{"n":{"type":"string"}}}' } }] } },
  { pipeline: true, name: 'schema skipped', spec: { name: 'ss', files: { 'templates/a.yaml': 'kind: A\n' }, subcharts: [{ name: 'kid', values: 'n: 1\n', files: { 'values.schema.json': '{"properties":{"n":{"type":"string"}}}' } }] }, opts: { skipSchemaValidation: true } },
  { pipeline: true, name: 'disabled subchart: no templates, no crds, no Subcharts entry', spec: { name: 'dis', values: 'kid:\n  enabled: false\n', files: { 'templates/a.yaml': '# {{ keys .Subcharts }}\n' }, subcharts: [{ ...kid, condition: 'kid.enabled' }] }, opts: { includeCrds: true } },
  { pipeline: true, name: 'aliased subchart crds and templates', spec: { name: 'al2', files: { 'templates/a.yaml': '# {{ keys .Subcharts }} {{ .Values.other.y }}\n' }, subcharts: [{ ...kid, alias: 'other' }] }, opts: { includeCrds: true } },
  { pipeline: true, name: 'parse error in a subchart partial', spec: { name: 'pp', files: { 'templates/a.yaml': 'kind: A\n' }, subcharts: [{ name: 'kid', files: { 'templates/_h.tpl': '{{ define "h" }}{{ if }}{{ end }}' } }] } },
  { pipeline: true, name: 'tpl keeps the calling template', spec: { name: 'tp', values: 't: "{{ .Template.Name }} {{ .Values.x }}"\nx: 1\n', files: { 'templates/a.yaml': '# {{ tpl .Values.t . }}\n' } } },
  { pipeline: true, name: 'show-only with hooks and skip-tests', spec: s1, opts: { showOnly: ['templates/a.yaml'], skipTests: true } },
  { pipeline: true, name: 'missing dependency', spec: { name: 'md', meta: { dependencies: [{ name: 'nothere', version: '1.0.0' }] } as never, files: { 'templates/a.yaml': 'kind: A\n' } } },
  { pipeline: true, name: '.Files holds every other file', spec: { name: 'fl', files: { 'templates/a.yaml': '# {{ range $k, $v := .Files }}{{ $k }} {{ end }}\n', 'templates/_h.tpl': '', 'README.md': 'r', 'values.schema.json': '{}', '.helmignore': '*.bak\n', 'x.bak': 'ignored', 'crds/c.yaml': 'kind: CustomResourceDefinition\n', 'files/a.txt': 'a', 'Chart.lock': 'dependencies: []\n' } } },
  { pipeline: true, name: 'kubeVersion failure with debug prints a newline', spec: { name: 'kd', meta: { kubeVersion: '<1.0.0' }, files: { 'templates/a.yaml': 'kind: A\n' } }, opts: { debug: true } },
  { name: 'empty and blank hook annotations', spec: { name: 'eh', files: { 'templates/a.yaml': 'kind: A\nmetadata:\n  name: a\n  annotations:\n    helm.sh/hook: ""\n---\nkind: B\nmetadata:\n  name: b\n  annotations:\n    helm.sh/hook: " , test"\n---\nkind: C\nmetadata:\n  name: c\n  annotations:\n    other: x\n' } } },
  { name: 'show-only of a hook with no-hooks', spec: s1, opts: { showOnly: ['templates/b.yaml', 'templates/a.yaml'], noHooks: true } },
  { name: 'capabilities as JSON', spec: { name: 'cj', files: { 'templates/a.yaml': '# {{ toJson .Capabilities.HelmVersion }}\n# {{ toJson .Capabilities.KubeVersion }}\n# {{ .Capabilities.HelmVersion.Version }}\n{{ toYaml .Capabilities.HelmVersion | replace "\\n" "\\n# " | printf "# %s" }}\n' } } },
  { pipeline: true, name: '.Chart.Dependencies after processing', spec: { name: 'tc', meta: { keywords: ['a'], maintainers: [{ name: 'm' }] } as never, values: 'kid:\n  exports:\n    x: {e: 1}\n', files: { 'templates/a.yaml': '# {{ typeOf .Chart.Keywords }} {{ typeOf .Chart.Maintainers }} {{ typeOf (index .Chart.Maintainers 0) }} {{ typeOf .Chart.Dependencies }} {{ typeOf (index .Chart.Dependencies 0) }} {{ typeOf .Chart.Annotations }} {{ typeOf (index .Chart.Dependencies 0).ImportValues }} {{ typeOf (index .Chart.Dependencies 0).Tags }} {{ typeOf .Chart.Sources }} {{ (index .Chart.Dependencies 0).Enabled }}\n# {{ toJson .Chart.Dependencies }}\n{{ toYaml .Chart.Dependencies | replace "\\n" "\\n# " | printf "# %s" }}\n' }, subcharts: [{ name: 'kid', dependencyLines: '  import-values: [x]\n  tags: [t]\n', files: { 'templates/k.yaml': '# {{ typeOf .Chart.Keywords }} {{ typeOf .Chart.Dependencies }} {{ typeOf .Chart.Annotations }} {{ toJson .Chart.Dependencies }} {{ toJson .Chart.Annotations }} {{ toJson .Chart.Keywords }}\n' } }] } },
];
