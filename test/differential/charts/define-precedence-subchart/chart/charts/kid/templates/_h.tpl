{{- define "who" -}}kid{{- end -}}
{{- define "kid.only" -}}kid-only{{- end -}}
