{{/*
Helpers for telemetry objects: provider lists, metric overrides and the
access-log filter expression, all derived from .Values.telemetry.
*/}}

{{/* Names of enabled metric providers, comma separated. */}}
{{- define "bench.metricProviders" -}}
{{- $p := list -}}
{{- if .Values.telemetry.v2.prometheus.enabled }}{{ $p = append $p "prometheus" }}{{ end -}}
{{- if and .Values.telemetry.v2.stackdriver.enabled .Values.telemetry.v2.stackdriver.monitoring }}{{ $p = append $p "stackdriver" }}{{ end -}}
{{- join "," $p -}}
{{- end -}}

{{/* Metric override list: one entry per metric with dimensions from values. */}}
{{- define "bench.metricOverrides" -}}
{{- range $metric, $dims := .Values.filters.metricDimensions }}
- match:
    metric: {{ $metric | upper | replace "_MILLISECONDS" "" | replace "REQUEST_TOTAL" "REQUEST_COUNT" | replace "DURATION" "REQUEST_DURATION" | replace "REQUEST_REQUEST_" "REQUEST_" }}
    mode: CLIENT_AND_SERVER
  tagOverrides:
{{- range $tag, $expr := $dims }}
    {{ $tag }}:
      operation: UPSERT
      value: {{ $expr | quote }}
{{- end }}
{{- end }}
{{- range $.Values.filters.tagsToRemove }}
- match:
    metric: ALL_METRICS
  tagOverrides:
    {{ . }}:
      operation: REMOVE
{{- end }}
{{- end -}}

{{/* Access-log filter: log everything, or errors only when a policy is set. */}}
{{- define "bench.accessLogFilter" -}}
{{- if .Values.telemetry.v2.accessLogPolicy.enabled -}}
response.code >= 400 || connection.mtls == false
{{- else -}}
true
{{- end -}}
{{- end -}}

{{/* Telemetry labels. */}}
{{- define "bench.telemetryLabels" -}}
istio.io/rev: {{ include "bench.revLabel" . }}
release: {{ .Release.Name }}
bench.example/telemetry: {{ ternary "v2" "off" (and .Values.telemetry.enabled .Values.telemetry.v2.enabled) }}
{{- end -}}
