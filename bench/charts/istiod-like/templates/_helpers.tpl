{{/*
Shared definitions for the istiod-like benchmark chart.
Everything here is original benchmark text.
*/}}

{{/* Suffix appended to object names for a non-default revision. */}}
{{- define "bench.revSuffix" -}}
{{- if .Values.revision -}}-{{ .Values.revision }}{{- end -}}
{{- end -}}

{{/* Name of the discovery server objects. */}}
{{- define "bench.name" -}}
istiod{{ include "bench.revSuffix" . }}
{{- end -}}

{{/* Revision label value. */}}
{{- define "bench.revLabel" -}}
{{ .Values.revision | default "default" }}
{{- end -}}

{{/* Namespace that holds the mesh root configuration. */}}
{{- define "bench.rootNamespace" -}}
{{ .Values.meshConfig.rootNamespace | default .Release.Namespace }}
{{- end -}}

{{/* Standard labels put on every object. */}}
{{- define "bench.labels" -}}
app: istiod
istio.io/rev: {{ include "bench.revLabel" . }}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" }}
operator.istio.io/component: Pilot
release: {{ .Release.Name }}
{{- range $k, $v := .Values.global.commonLabels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}

{{/* Selector labels of the discovery pods. */}}
{{- define "bench.selectorLabels" -}}
{{- if ne (include "bench.revLabel" .) "default" }}
app: istiod
istio.io/rev: {{ .Values.revision }}
{{- else }}
istio: pilot
{{- end }}
{{- end -}}

{{/* Full image reference for a component: hub/image:tag[-variant]. */}}
{{- define "bench.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- $hub := index . 2 | default $root.Values.global.hub -}}
{{- $tag := index . 3 | default $root.Values.global.tag -}}
{{- if contains "/" $image -}}
{{ $image }}
{{- else -}}
{{ $hub }}/{{ $image }}:{{ $tag }}{{ if $root.Values.global.variant }}-{{ $root.Values.global.variant }}{{ end }}
{{- end -}}
{{- end -}}

{{/* Address clients use to reach the discovery server. */}}
{{- define "bench.discoveryAddress" -}}
{{- if .Values.global.remotePilotAddress -}}
{{ .Values.global.remotePilotAddress }}:15012
{{- else -}}
{{ include "bench.name" . }}.{{ .Values.global.istioNamespace }}.svc:15012
{{- end -}}
{{- end -}}

{{/* Cluster id used in env and filters. */}}
{{- define "bench.clusterID" -}}
{{ .Values.global.multiCluster.clusterName | default "Kubernetes" }}
{{- end -}}

{{/* Pull secrets block, shared by pod specs. */}}
{{- define "bench.pullSecrets" -}}
{{- if .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range .Values.global.imagePullSecrets }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Common object metadata: name, namespace and labels. Argument: list root name. */}}
{{- define "bench.meta" -}}
{{- $root := index . 0 -}}
name: {{ index . 1 }}
namespace: {{ $root.Release.Namespace }}
labels:
{{ include "bench.labels" $root | indent 2 }}
{{- end -}}

{{/* Webhook service reference. Argument: list root path. */}}
{{- define "bench.webhookClient" -}}
{{- $root := index . 0 -}}
{{- if $root.Values.istiodRemote.injectionURL }}
url: {{ $root.Values.istiodRemote.injectionURL }}
{{- else }}
service:
  name: {{ include "bench.name" $root }}
  namespace: {{ $root.Release.Namespace }}
  path: {{ index . 1 | quote }}
  port: 443
{{- end }}
caBundle: ""
{{- end -}}
