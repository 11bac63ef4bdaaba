{{/* Generated from scripts/gen/chart-shared/_istiod-common.tpl by `npm run gen`; do not edit (edit the source). */}}
{{/*
Helpers shared by istiod and istiod-remote (labels, addresses, the base mesh configuration).
Revision naming is in _revision.tpl, the component name (webhooks.component) in _webhooks.tpl.
*/}}

{{/* Labels every istiod object carries (§4.2): revision, owning IstioOperator, component. */}}
{{- define "istiod.labels" -}}
istio.io/rev: {{ include "istiod.revLabel" . | quote }}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" | quote }}
operator.istio.io/component: {{ include "webhooks.component" . }}
{{- end }}

{{/* host:port of this revision's istiod: istiod[-rev].<ns>.svc:15012. */}}
{{- define "istiod.address" -}}
{{ include "istiod.name" . }}.{{ .Release.Namespace }}.svc:15012
{{- end }}

{{/*
"true" when this chart is an external control plane: the istiod chart with global.externalIstiod
(its webhook configurations and mesh configuration live in the config cluster); "" otherwise. In
istiod-remote global.externalIstiod only says that istiod runs elsewhere, so the chart name counts.
*/}}
{{- define "istiod.externalControlPlane" -}}
{{- if and (eq .Chart.Name "istiod") .Values.global.externalIstiod }}true{{ end -}}
{{- end }}

{{/* The namespace of mesh-wide configuration (EnvoyFilters): meshConfig.rootNamespace or the release namespace. */}}
{{- define "istiod.rootNamespace" -}}
{{- .Values.meshConfig.rootNamespace | default .Release.Namespace -}}
{{- end }}

{{/*
The chart's base mesh configuration; the mesh ConfigMap merges values.meshConfig over it
(mergeOverwrite of a deep copy, so the values themselves are never modified).
*/}}
{{- define "istiod.baseMesh" -}}
defaultConfig:
  {{- if .Values.global.remotePilotAddress }}
  discoveryAddress: {{ include "remoteIstiod.name" . }}.{{ .Release.Namespace }}.svc:15012
  {{- else }}
  discoveryAddress: {{ include "istiod.address" . }}
  {{- end }}
  {{- with .Values.global.meshID }}
  meshId: {{ . | quote }}
  {{- end }}
  {{- $tracer := .Values.global.tracer | default dict }}
  tracing:
  {{- if eq .Values.global.proxy.tracer "zipkin" }}
    zipkin:
      address: {{ (($tracer.zipkin | default dict).address) | default (printf "zipkin.%s:9411" .Values.global.istioNamespace) | quote }}
  {{- else if eq .Values.global.proxy.tracer "lightstep" }}
    lightstep:
      address: {{ ($tracer.lightstep | default dict).address | default "" | quote }}
      accessToken: {{ ($tracer.lightstep | default dict).accessToken | default "" | quote }}
  {{- else if eq .Values.global.proxy.tracer "datadog" }}
    datadog:
      address: {{ ($tracer.datadog | default dict).address | default "$(HOST_IP):8126" | quote }}
  {{- else if eq .Values.global.proxy.tracer "stackdriver" }}
    {{- $sd := $tracer.stackdriver | default dict }}
    stackdriver:
      debug: {{ $sd.debug | default false }}
      maxNumberOfAttributes: {{ $sd.maxNumberOfAttributes | default 200 }}
      maxNumberOfAnnotations: {{ $sd.maxNumberOfAnnotations | default 200 }}
      maxNumberOfMessageEvents: {{ $sd.maxNumberOfMessageEvents | default 200 }}
  {{- else }} {}
  {{- end }}
enablePrometheusMerge: true
rootNamespace: {{ include "istiod.rootNamespace" . }}
trustDomain: cluster.local
{{- end }}
