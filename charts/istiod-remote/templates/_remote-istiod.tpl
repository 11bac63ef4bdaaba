{{/* Generated from scripts/gen/chart-shared/_remote-istiod.tpl by `npm run gen`; do not edit (edit the source). */}}
{{/*
The remote istiod Service (remote-istiod.yaml in base and istiod-remote): with
global.remotePilotAddress, a Service (and, for an IP literal, Endpoints) standing for the istiod
that serves this cluster from elsewhere. The mesh configuration's discoveryAddress names the same
Service (istiod.baseMesh).
*/}}

{{/*
Name of that Service: istiod-remote when an istiod also runs in this cluster (pilot.enabled and not
global.externalIstiod: the local istiod keeps the name istiod and does the injection, the remote one
only serves discovery); otherwise istiod, the injection webhook's target, with "-<revision>" in the
istiod and istiod-remote charts (the base chart never reads the revision).
*/}}
{{- define "remoteIstiod.name" -}}
{{- if and (.Values.pilot | default dict).enabled (not .Values.global.externalIstiod) -}}
istiod-remote
{{- else -}}
istiod{{ if and (ne .Chart.Name "base") .Values.revision }}-{{ .Values.revision }}{{ end }}
{{- end -}}
{{- end }}

{{/*
What global.remotePilotAddress is: "ipv4" or "ipv6" for an IP literal (usable as an Endpoints
address), "dns" for anything else (a host name, usable as an ExternalName).
*/}}
{{- define "remoteIstiod.addressKind" -}}
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
