{{- define "check" -}}
{{- if not .Values.ok }}{{ fail "ok must be set" }}{{ end -}}
{{- end -}}
