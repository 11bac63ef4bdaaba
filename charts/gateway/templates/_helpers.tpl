{{/*
Naming and labels of the gateway chart. Every define is prefixed "gateway.".
*/}}

{{/*
gateway.name: the gateway's name, used for every object. `name`, else the release name, else
"istio-ingressgateway" (the placeholder release names "RELEASE-NAME" and "release-name" count as
unset). At most 63 characters, without a trailing "-".
*/}}
{{- define "gateway.name" -}}
{{- $release := .Release.Name -}}
{{- if or (eq $release "RELEASE-NAME") (eq $release "release-name") -}}
{{- $release = "" -}}
{{- end -}}
{{- .Values.name | default $release | default "istio-ingressgateway" | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/*
gateway.selectorLabels (map as YAML): app = labels.app or the name; istio = labels.istio or the
name without its "istio-" prefix (istio-ingressgateway -> ingressgateway).
*/}}
{{- define "gateway.selectorLabels" -}}
{{- $name := include "gateway.name" . -}}
{{- $labels := .Values.labels | default dict -}}
{{- $app := get $labels "app" | default $name -}}
{{- $istio := get $labels "istio" | default (trimPrefix "istio-" $name) -}}
{{- toYaml (dict "app" $app "istio" $istio) -}}
{{- end }}

{{/*
gateway.labels (map as YAML): the labels of every object: `labels`, the selector labels,
istio.io/rev when a revision is set, topology.istio.io/network when networkGateway is set.
*/}}
{{- define "gateway.labels" -}}
{{- $out := dict -}}
{{- range $k, $v := (.Values.labels | default dict) -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- range $k, $v := (include "gateway.selectorLabels" . | fromYaml) -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- with .Values.revision -}}
{{- $_ := set $out "istio.io/rev" . -}}
{{- end -}}
{{- with .Values.networkGateway -}}
{{- $_ := set $out "topology.istio.io/network" . -}}
{{- end -}}
{{- toYaml $out -}}
{{- end }}

{{/*
gateway.podLabels (map as YAML): the object labels plus sidecar.istio.io/inject "true", which
asks the injector to fill in the proxy.
*/}}
{{- define "gateway.podLabels" -}}
{{- $out := include "gateway.labels" . | fromYaml -}}
{{- $_ := set $out "sidecar.istio.io/inject" "true" -}}
{{- toYaml $out -}}
{{- end }}

{{/*
gateway.serviceAccountName: serviceAccount.name, else the gateway name when the chart creates
the account, else "default".
*/}}
{{- define "gateway.serviceAccountName" -}}
{{- $sa := .Values.serviceAccount | default dict -}}
{{- if $sa.create -}}
{{- $sa.name | default (include "gateway.name" .) -}}
{{- else -}}
{{- $sa.name | default "default" -}}
{{- end -}}
{{- end }}

{{/* gateway.isDeployment: "true" unless kind is DaemonSet. */}}
{{- define "gateway.isDeployment" -}}
{{- if ne .Values.kind "DaemonSet" }}true{{ end -}}
{{- end }}
