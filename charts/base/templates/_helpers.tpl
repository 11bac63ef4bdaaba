{{/*
Labels of the base chart's objects, from (dict "root" $ "app" <app label>).
*/}}
{{- define "base.labels" -}}
app: {{ .app }}
release: {{ .root.Release.Name }}
install.operator.istio.io/owning-resource: {{ .root.Values.ownerName | default "unknown" | quote }}
operator.istio.io/component: Base
{{- end }}

{{/*
What global.remotePilotAddress is: "ipv4" or "ipv6" for an IP literal (usable as an Endpoints address),
"dns" for anything else (a host name, usable as an ExternalName).
*/}}
{{- define "base.remoteAddressKind" -}}
{{- $address := .Values.global.remotePilotAddress | toString -}}
{{- $octet := "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])" -}}
{{- if regexMatch (printf "^(%s\\.){3}%s$" $octet $octet) $address -}}
ipv4
{{- else if regexMatch "^[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*$" $address -}}
ipv6
{{- else -}}
dns
{{- end -}}
{{- end }}

{{/* The image pull secrets of a ServiceAccount, if any. */}}
{{- define "base.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
- name: {{ . }}
{{- end }}
{{- end }}
{{- end }}
