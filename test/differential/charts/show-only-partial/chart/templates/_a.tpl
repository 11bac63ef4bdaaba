{{- define "who" -}}from _a.tpl{{- end -}}
