{{- define "who" -}}parent{{- end -}}
