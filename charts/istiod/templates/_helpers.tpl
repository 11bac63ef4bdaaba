{{/*
Helpers of the istiod chart. Revision naming (istiod.name, istiod.revSuffix, istiod.revLabel,
istiod.revNsSuffix) comes from _revision.tpl, labels, addresses and the base mesh from
_istiod-common.tpl (shared with istiod-remote), the Kubernetes settings merge from _k8s-settings.tpl.
*/}}

{{/*
Selector of the istiod pods of this revision: {istio: pilot} for the default revision,
{app: istiod, istio.io/rev: <rev>} for a named one (the Deployment's selector).
*/}}
{{- define "istiod.podSelector" -}}
{{- if .Values.revision -}}
app: istiod
istio.io/rev: {{ .Values.revision | quote }}
{{- else -}}
istio: pilot
{{- end -}}
{{- end }}

{{/* Selector of the Service and the PodDisruptionBudget: app istiod plus the revision's pod label. */}}
{{- define "istiod.serviceSelector" -}}
app: istiod
{{- if .Values.revision }}
istio.io/rev: {{ .Values.revision | quote }}
{{- else }}
istio: pilot
{{- end -}}
{{- end }}

{{/* The istiod image: pilot.image as is when it contains "/", else <hub>/<image>:<tag>. */}}
{{- define "istiod.image" -}}
{{- if contains "/" .Values.pilot.image -}}
{{ .Values.pilot.image }}
{{- else -}}
{{ .Values.pilot.hub | default .Values.global.hub }}/{{ .Values.pilot.image | default "pilot" }}:{{ .Values.pilot.tag | default .Values.global.tag }}
{{- end -}}
{{- end }}
