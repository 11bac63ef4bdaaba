{{- define "empty" -}}{{- end -}}
