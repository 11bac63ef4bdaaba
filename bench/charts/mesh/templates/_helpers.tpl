{{/* Name of a component's objects: release-scoped unless the component pins one. */}}
{{- define "mesh.name" -}}
{{- $c := index .root.Values.components .component -}}
{{- if $c.nameOverride -}}{{ $c.nameOverride | trunc 63 | trimSuffix "-" }}
{{- else -}}{{ printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "mesh.labels" -}}
app: {{ .component }}
istio.io/rev: {{ .root.Values.revision | default "default" }}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .root.Values.global.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "mesh.image" -}}
{{- $c := index .root.Values.components .component -}}
{{- $hub := $c.hub | default .root.Values.global.hub -}}
{{- $tag := $c.tag | default .root.Values.global.tag -}}
{{- if contains "/" $c.image -}}{{ $c.image }}{{- else -}}{{ $hub }}/{{ $c.image }}:{{ $tag }}{{- end -}}
{{- end -}}
