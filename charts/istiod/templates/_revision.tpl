{{/* Generated from scripts/gen/chart-shared/_revision.tpl by `npm run gen`; do not edit (edit the source). */}}
{{/*
Revision naming. A control plane installed with `revision: canary` suffixes the names of its
namespaced objects with "-canary" and labels everything `istio.io/rev: canary`; the revision-less
control plane is labelled `istio.io/rev: default`.
*/}}

{{/* "" for the default revision, "-<revision>" otherwise. */}}
{{- define "istiod.revSuffix" -}}
{{- if .Values.revision }}-{{ .Values.revision }}{{ end -}}
{{- end }}

{{/* The value of the istio.io/rev label: the revision, or "default". */}}
{{- define "istiod.revLabel" -}}
{{- .Values.revision | default "default" -}}
{{- end }}

{{/* istiod or istiod-<revision>: Deployment, Service, ServiceAccount, HPA, PDB, Role. */}}
{{- define "istiod.name" -}}
istiod{{ include "istiod.revSuffix" . }}
{{- end }}

{{/* "-<namespace>" when released outside istio-system (cluster-wide webhook configuration names). */}}
{{- define "istiod.revNsSuffix" -}}
{{- if ne .Release.Namespace "istio-system" }}-{{ .Release.Namespace }}{{ end -}}
{{- end }}
