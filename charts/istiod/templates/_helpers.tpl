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

{{/*
Minor version of the istiod image, from its tag (pilot.tag, else global.tag) matched by
^v?1\.([0-9]+): "11" for 1.11.8, "12" for 1.12.0-distroless or v1.12.1; "" when unknown (latest,
a digest, master). Decides which spelling of a version-dependent flag istiod gets.
*/}}
{{- define "istiod.minorVersion" -}}
{{- $tag := .Values.pilot.tag | default .Values.global.tag | toString -}}
{{- $m := regexFind "^v?1\\.[0-9]+" $tag -}}
{{- if $m }}{{ regexReplaceAll "^v?1\\." $m "" }}{{ end -}}
{{- end }}

{{/*
An external control plane (global.externalIstiod in this chart) mounts its own mesh and injector
ConfigMaps: fail clearly when this release would not render them.
*/}}
{{- define "istiod.checkExternal" -}}
{{- if include "istiod.externalControlPlane" . }}
{{- if not .Values.pilot.configMap }}
{{- fail "global.externalIstiod: the external istiod mounts the mesh ConfigMap istio[-<revision>] of its release; set pilot.configMap=true (the config cluster's mesh config is shared through SHARED_MESH_CONFIG)" }}
{{- end }}
{{- if .Values.global.omitSidecarInjectorConfigMap }}
{{- fail "global.externalIstiod: the external istiod mounts the injector ConfigMap istio-sidecar-injector[-<revision>] of its release; set global.omitSidecarInjectorConfigMap=false" }}
{{- end }}
{{- end }}
{{- end }}
