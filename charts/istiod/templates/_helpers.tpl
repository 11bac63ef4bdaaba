{{/*
Helpers of the istiod chart. Revision naming (istiod.name, istiod.revSuffix, istiod.revLabel,
istiod.revNsSuffix) comes from _revision.tpl; the Kubernetes settings merge from _k8s-settings.tpl.
*/}}

{{/* Labels every istiod object carries (§4.2): revision, owning IstioOperator, component. */}}
{{- define "istiod.labels" -}}
istio.io/rev: {{ include "istiod.revLabel" . }}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" }}
operator.istio.io/component: Pilot
{{- end }}

{{/*
Selector of the istiod pods of this revision: {istio: pilot} for the default revision,
{app: istiod, istio.io/rev: <rev>} for a named one (the Deployment's selector).
*/}}
{{- define "istiod.podSelector" -}}
{{- if .Values.revision -}}
app: istiod
istio.io/rev: {{ .Values.revision }}
{{- else -}}
istio: pilot
{{- end -}}
{{- end }}

{{/* Selector of the Service and the PodDisruptionBudget: app istiod plus the revision's pod label. */}}
{{- define "istiod.serviceSelector" -}}
app: istiod
{{- if .Values.revision }}
istio.io/rev: {{ .Values.revision }}
{{- else }}
istio: pilot
{{- end -}}
{{- end }}

{{/* The namespace of mesh-wide configuration (EnvoyFilters): meshConfig.rootNamespace or the release namespace. */}}
{{- define "istiod.rootNamespace" -}}
{{- .Values.meshConfig.rootNamespace | default .Release.Namespace -}}
{{- end }}

{{/* host:port of this revision's istiod: istiod[-rev].<ns>.svc:15012. */}}
{{- define "istiod.address" -}}
{{ include "istiod.name" . }}.{{ .Release.Namespace }}.svc:15012
{{- end }}

{{/* The istiod image: pilot.image as is when it contains "/", else <hub>/<image>:<tag>. */}}
{{- define "istiod.image" -}}
{{- if contains "/" .Values.pilot.image -}}
{{ .Values.pilot.image }}
{{- else -}}
{{ .Values.pilot.hub | default .Values.global.hub }}/{{ .Values.pilot.image | default "pilot" }}:{{ .Values.pilot.tag | default .Values.global.tag }}
{{- end -}}
{{- end }}
