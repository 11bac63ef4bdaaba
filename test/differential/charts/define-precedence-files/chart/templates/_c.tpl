{{- define "empty" -}}kept{{- end -}}
