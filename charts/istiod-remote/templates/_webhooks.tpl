{{/* Generated from scripts/gen/chart-shared/_webhooks.tpl by `npm run gen`; do not edit (edit the source). */}}
{{/*
Admission webhooks of istiod, shared by the istiod and istiod-remote charts: the injection
MutatingWebhookConfiguration (mutatingwebhook.yaml), one per revision tag (revision-tags.yaml) and
the ValidatingWebhookConfiguration (validatingwebhook.yaml).

Injection selectors. Every injection webhook below leaves out namespaces labelled
istio-injection=disabled and pods labelled sidecar.istio.io/inject=false, and the selectors are
disjoint, so with any set of revisions installed at most one webhook of one revision matches a pod:
  namespace istio-injection=enabled                -> namespace.*      (default revision only)
  namespace istio.io/rev=<r> (no istio-injection)  -> rev.namespace.*  (revision or tag r)
  namespace unlabelled, pod istio.io/rev=<r>       -> rev.object.*     (revision or tag r)
  namespace unlabelled, pod inject=true, no rev    -> object.*         (default revision only)
  namespace unlabelled, pod unlabelled             -> auto.*           (default revision, only with
                                                      sidecarInjectorWebhook.enableNamespacesByDefault)
The default revision answers to the revision value "default".
*/}}

{{/* operator.istio.io/component of the objects: IstiodRemote in istiod-remote, Pilot in istiod. */}}
{{- define "webhooks.component" -}}
{{- if eq .Chart.Name "istiod-remote" }}IstiodRemote{{ else }}Pilot{{ end -}}
{{- end }}

{{/* Name of the injection webhook configuration: istio-sidecar-injector[-<rev>][-<release ns>]. */}}
{{- define "webhooks.injectorName" -}}
istio-sidecar-injector{{ include "istiod.revSuffix" . }}{{ include "istiod.revNsSuffix" . }}
{{- end }}

{{/* Name of the validating webhook configuration: istio-validator[-<rev>]-<global.istioNamespace>. */}}
{{- define "webhooks.validatorName" -}}
istio-validator{{ include "istiod.revSuffix" . }}-{{ .Values.global.istioNamespace }}
{{- end }}

{{/* Labels every webhook configuration carries (a YAML map; use with nindent). */}}
{{- define "webhooks.labels" -}}
istio.io/rev: {{ include "istiod.revLabel" . | quote }}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" | quote }}
operator.istio.io/component: {{ include "webhooks.component" . | quote }}
{{- end }}

{{/*
What every injection webhook shares: where istiod listens (istiodRemote.injectionURL, else the
older sidecarInjectorWebhook.injectionURL, else the istiod[-<rev>] Service of the release namespace
at istiodRemote.injectionPath), pod creation as the only rule, and failing closed. The caBundle is
empty: istiod patches in its own CA.
*/}}
{{- define "webhooks.injectCommon" -}}
{{- $url := .Values.istiodRemote.injectionURL | default .Values.sidecarInjectorWebhook.injectionURL -}}
clientConfig:
{{- if $url }}
  url: {{ $url | quote }}
{{- else }}
  service:
    name: {{ include "istiod.name" . }}
    namespace: {{ .Release.Namespace }}
    path: {{ .Values.istiodRemote.injectionPath | default "/inject" | quote }}
    port: 443
{{- end }}
  caBundle: ""
rules:
- operations:
  - CREATE
  apiGroups:
  - ""
  apiVersions:
  - v1
  resources:
  - pods
failurePolicy: Fail
sideEffects: None
admissionReviewVersions:
- v1beta1
- v1
{{- end }}

{{/* Pods not opted out: sidecar.istio.io/inject is not "false" (a matchExpressions item). */}}
{{- define "webhooks.notOptedOut" -}}
- key: sidecar.istio.io/inject
  operator: NotIn
  values:
  - "false"
{{- end }}

{{/* Namespaces without any injection label (matchExpressions items). */}}
{{- define "webhooks.unlabelledNamespace" -}}
- key: istio-injection
  operator: DoesNotExist
- key: istio.io/rev
  operator: DoesNotExist
{{- end }}

{{/*
rev.namespace.sidecar-injector.istio.io for revision (or tag) `rev`: namespaces labelled
istio.io/rev=<rev> and not istio-injection. Call with (dict "root" $ "rev" <value>).
*/}}
{{- define "webhooks.revNamespace" -}}
- name: rev.namespace.sidecar-injector.istio.io
  {{- include "webhooks.injectCommon" .root | nindent 2 }}
  namespaceSelector:
    matchExpressions:
    - key: istio.io/rev
      operator: In
      values:
      - {{ .rev | quote }}
    - key: istio-injection
      operator: DoesNotExist
  objectSelector:
    matchExpressions:
    {{- include "webhooks.notOptedOut" . | nindent 4 }}
{{- end }}

{{/*
rev.object.sidecar-injector.istio.io for revision (or tag) `rev`: pods labelled istio.io/rev=<rev>
in namespaces without injection labels. Call with (dict "root" $ "rev" <value>).
*/}}
{{- define "webhooks.revObject" -}}
- name: rev.object.sidecar-injector.istio.io
  {{- include "webhooks.injectCommon" .root | nindent 2 }}
  namespaceSelector:
    matchExpressions:
    {{- include "webhooks.unlabelledNamespace" . | nindent 4 }}
  objectSelector:
    matchExpressions:
    {{- include "webhooks.notOptedOut" . | nindent 4 }}
    - key: istio.io/rev
      operator: In
      values:
      - {{ .rev | quote }}
{{- end }}

{{/* namespace.sidecar-injector.istio.io (default revision): namespaces labelled istio-injection=enabled. */}}
{{- define "webhooks.namespace" -}}
- name: namespace.sidecar-injector.istio.io
  {{- include "webhooks.injectCommon" . | nindent 2 }}
  namespaceSelector:
    matchExpressions:
    - key: istio-injection
      operator: In
      values:
      - enabled
  objectSelector:
    matchExpressions:
    {{- include "webhooks.notOptedOut" . | nindent 4 }}
{{- end }}

{{/*
object.sidecar-injector.istio.io (default revision): pods labelled sidecar.istio.io/inject=true
without istio.io/rev, in namespaces without injection labels.
*/}}
{{- define "webhooks.object" -}}
- name: object.sidecar-injector.istio.io
  {{- include "webhooks.injectCommon" . | nindent 2 }}
  namespaceSelector:
    matchExpressions:
    {{- include "webhooks.unlabelledNamespace" . | nindent 4 }}
  objectSelector:
    matchExpressions:
    - key: sidecar.istio.io/inject
      operator: In
      values:
      - "true"
    - key: istio.io/rev
      operator: DoesNotExist
{{- end }}

{{/*
A webhook that matches no pod (`name` given): both selectors require the label
istio.io/deactivated=never-match, which nothing carries. Call with (dict "root" $ "name" <name>).
*/}}
{{- define "webhooks.deactivated" -}}
- name: {{ .name }}
  {{- include "webhooks.injectCommon" .root | nindent 2 }}
  namespaceSelector:
    matchLabels:
      istio.io/deactivated: never-match
  objectSelector:
    matchLabels:
      istio.io/deactivated: never-match
{{- end }}

{{/*
auto.sidecar-injector.istio.io (default revision, enableNamespacesByDefault): pods without any
injection label in namespaces without injection labels, except kube-system, kube-public and the
control plane's own namespace. A pod labelled sidecar.istio.io/inject=true is left to object.*.
*/}}
{{- define "webhooks.auto" -}}
- name: auto.sidecar-injector.istio.io
  {{- include "webhooks.injectCommon" . | nindent 2 }}
  namespaceSelector:
    matchExpressions:
    {{- include "webhooks.unlabelledNamespace" . | nindent 4 }}
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values:
      {{- range $ns := list "kube-system" "kube-public" .Release.Namespace | uniq }}
      - {{ $ns | quote }}
      {{- end }}
  objectSelector:
    matchExpressions:
    - key: sidecar.istio.io/inject
      operator: NotIn
      values:
      - "false"
      - "true"
    - key: istio.io/rev
      operator: DoesNotExist
{{- end }}

{{/*
What both validation webhooks share: the istiod[-<rev>] Service (or base.validationURL), failing open
until istiod patches its CA in (istiod switches failurePolicy to Fail once it serves).
*/}}
{{- define "webhooks.validateCommon" -}}
clientConfig:
{{- if .Values.base.validationURL }}
  url: {{ .Values.base.validationURL | quote }}
{{- else }}
  service:
    name: {{ include "istiod.name" . }}
    namespace: {{ .Release.Namespace }}
    path: /validate
    port: 443
{{- end }}
  caBundle: ""
failurePolicy: Ignore
sideEffects: None
admissionReviewVersions:
- v1beta1
- v1
{{- end }}

{{/* Validation rule for the Istio API groups given as `groups` (a list). Call with (dict "groups" (list ...)). */}}
{{- define "webhooks.validateRules" -}}
rules:
- operations:
  - CREATE
  - UPDATE
  apiGroups:
  {{- range .groups }}
  - {{ . }}
  {{- end }}
  apiVersions:
  - "*"
  resources:
  - "*"
{{- end }}
