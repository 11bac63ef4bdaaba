{{- define "who" -}}from sub/_a.tpl{{- end -}}
