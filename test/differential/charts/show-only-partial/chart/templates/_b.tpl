{{- define "who" -}}from _b.tpl{{- end -}}
