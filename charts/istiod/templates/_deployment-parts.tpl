{{/*
Parts of the istiod Deployment that the chart computes from its own values, as YAML text. The
Deployment parses them (fromYaml / fromYamlArray) and merges the Kubernetes settings
(`pilot.k8s`) over them with the k8s.* helpers.
*/}}

{{/*
Environment of the discovery container, before pilot.env and pilot.k8s.env (those win by name).
An external control plane (istiod.externalControlPlane) always names the webhook configurations it
patches in the config cluster (the istiod-remote chart renders them under the same names), and
adds EXTERNAL_ISTIOD and SHARED_MESH_CONFIG (the config cluster's mesh ConfigMap, named like this
chart's own). pilot.multiClusterServices adds the MCS flags (istiod.mcsEnv).
*/}}
{{- define "istiod.env" -}}
{{- $external := include "istiod.externalControlPlane" . -}}
- name: REVISION
  value: {{ include "istiod.revLabel" . | quote }}
- name: JWT_POLICY
  value: {{ .Values.global.jwtPolicy | quote }}
- name: PILOT_CERT_PROVIDER
  value: {{ .Values.global.pilotCertProvider | quote }}
- name: POD_NAME
  valueFrom:
    fieldRef:
      apiVersion: v1
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      apiVersion: v1
      fieldPath: metadata.namespace
- name: SERVICE_ACCOUNT
  valueFrom:
    fieldRef:
      apiVersion: v1
      fieldPath: spec.serviceAccountName
- name: KUBECONFIG
  value: /var/run/secrets/remote/config
- name: PILOT_TRACE_SAMPLING
  value: {{ .Values.pilot.traceSampling | toString | quote }}
- name: PILOT_ENABLE_PROTOCOL_SNIFFING_FOR_OUTBOUND
  value: {{ .Values.pilot.enableProtocolSniffingForOutbound | toString | quote }}
- name: PILOT_ENABLE_PROTOCOL_SNIFFING_FOR_INBOUND
  value: {{ .Values.pilot.enableProtocolSniffingForInbound | toString | quote }}
- name: ISTIOD_ADDR
  value: {{ include "istiod.address" . | quote }}
- name: PILOT_ENABLE_ANALYSIS
  value: {{ .Values.global.istiod.enableAnalysis | toString | quote }}
{{- if $external }}
- name: INJECTION_WEBHOOK_CONFIG_NAME
  value: {{ include "webhooks.injectorName" . | quote }}
- name: VALIDATION_WEBHOOK_CONFIG_NAME
  value: {{ if .Values.global.configValidation }}{{ include "webhooks.validatorName" . | quote }}{{ else }}""{{ end }}
{{- else }}
- name: INJECTION_WEBHOOK_CONFIG_NAME
  value: {{ if .Values.global.operatorManageWebhooks }}""{{ else }}{{ include "webhooks.injectorName" . | quote }}{{ end }}
- name: VALIDATION_WEBHOOK_CONFIG_NAME
  value: {{ if .Values.global.operatorManageWebhooks }}""{{ else }}{{ include "webhooks.validatorName" . | quote }}{{ end }}
{{- end }}
- name: CLUSTER_ID
  value: {{ .Values.global.multiCluster.clusterName | default "Kubernetes" | quote }}
{{- if not (and .Values.telemetry.enabled .Values.telemetry.v2.enabled) }}
- name: PILOT_ENDPOINT_TELEMETRY_LABEL
  value: "false"
{{- end }}
{{- if $external }}
- name: EXTERNAL_ISTIOD
  value: "true"
- name: SHARED_MESH_CONFIG
  value: {{ printf "istio%s" (include "istiod.revSuffix" .) | quote }}
{{- end }}
{{- include "istiod.mcsEnv" . }}
{{- end }}

{{/*
Multi-cluster services flags (pilot.multiClusterServices), each "true" when its value is true.
The auto-export flag is spelled ENABLE_MCS_AUTOEXPORT up to Istio 1.11 and ENABLE_MCS_AUTO_EXPORT
from 1.12, which also adds ENABLE_MCS_CLUSTER_LOCAL; the spelling follows istiod.minorVersion, and
an unknown version gets both spellings (each istiod ignores the one it does not know).
*/}}
{{- define "istiod.mcsEnv" -}}
{{- $mcs := .Values.pilot.multiClusterServices | default dict }}
{{- $minor := include "istiod.minorVersion" . }}
{{- $upTo11 := or (eq $minor "") (le (atoi $minor) 11) }}
{{- $from12 := or (eq $minor "") (ge (atoi $minor) 12) }}
{{- if $mcs.enabled }}
- name: ENABLE_MCS_SERVICE_DISCOVERY
  value: "true"
{{- end }}
{{- if $mcs.autoExport }}
{{- if $upTo11 }}
- name: ENABLE_MCS_AUTOEXPORT
  value: "true"
{{- end }}
{{- if $from12 }}
- name: ENABLE_MCS_AUTO_EXPORT
  value: "true"
{{- end }}
{{- end }}
{{- if $mcs.host }}
- name: ENABLE_MCS_HOST
  value: "true"
{{- end }}
{{- if and $mcs.clusterLocal $from12 }}
- name: ENABLE_MCS_CLUSTER_LOCAL
  value: "true"
{{- end }}
{{- end }}

{{/* pilot.env (a name -> value map) as an env list, values as strings, in key order. */}}
{{- define "istiod.pilotEnv" -}}
{{- range $name, $value := .Values.pilot.env }}
- name: {{ $name | quote }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* Arguments of the discovery container. */}}
{{- define "istiod.args" -}}
- discovery
- --monitoringAddr=:15014
{{- if .Values.global.logging.level }}
- --log_output_level={{ .Values.global.logging.level }}
{{- end }}
{{- if .Values.global.logAsJson }}
- --log_as_json
{{- end }}
- --domain
- {{ .Values.global.proxy.clusterDomain | quote }}
{{- if .Values.global.oneNamespace }}
- -a
- {{ .Release.Namespace | quote }}
{{- end }}
{{- if .Values.pilot.plugins }}
- --plugins={{ join "," .Values.pilot.plugins }}
{{- end }}
- --keepaliveMaxServerConnectionAge
- {{ .Values.pilot.keepaliveMaxServerConnectionAge | quote }}
{{- end }}

{{/*
Volumes of the istiod pod. An external control plane also mounts its own mesh ConfigMap
(config-volume, /etc/istio/config) and injector ConfigMap (inject-volume, /var/lib/istio/inject),
since it does not read them from the cluster it manages.
*/}}
{{- define "istiod.volumes" -}}
- name: local-certs
  emptyDir:
    medium: Memory
{{- if eq .Values.global.jwtPolicy "third-party-jwt" }}
- name: istio-token
  projected:
    sources:
    - serviceAccountToken:
        audience: {{ .Values.global.sds.token.aud | quote }}
        expirationSeconds: 43200
        path: istio-token
{{- end }}
- name: cacerts
  secret:
    secretName: cacerts
    optional: true
- name: istio-kubeconfig
  secret:
    secretName: istio-kubeconfig
    {{- /* An external control plane must not start without the config cluster's kubeconfig. */}}
    optional: {{ not (include "istiod.externalControlPlane" .) }}
{{- if include "istiod.externalControlPlane" . }}
- name: config-volume
  configMap:
    name: istio{{ include "istiod.revSuffix" . }}
- name: inject-volume
  configMap:
    name: istio-sidecar-injector{{ include "istiod.revSuffix" . }}
{{- end }}
{{- if .Values.pilot.jwksResolverExtraRootCA }}
- name: extracacerts
  configMap:
    name: pilot-jwks-extra-cacerts{{ include "istiod.revSuffix" . }}
{{- end }}
{{- end }}

{{/* Volume mounts of the discovery container. */}}
{{- define "istiod.volumeMounts" -}}
{{- if eq .Values.global.jwtPolicy "third-party-jwt" }}
- name: istio-token
  mountPath: /var/run/secrets/tokens
  readOnly: true
{{- end }}
- name: local-certs
  mountPath: /var/run/secrets/istio-dns
- name: cacerts
  mountPath: /etc/cacerts
  readOnly: true
- name: istio-kubeconfig
  mountPath: /var/run/secrets/remote
  readOnly: true
{{- if include "istiod.externalControlPlane" . }}
- name: config-volume
  mountPath: /etc/istio/config
- name: inject-volume
  mountPath: /var/lib/istio/inject
{{- end }}
{{- if .Values.pilot.jwksResolverExtraRootCA }}
- name: extracacerts
  mountPath: /cacerts
{{- end }}
{{- end }}

{{/* Readiness probe of the discovery container. */}}
{{- define "istiod.readinessProbe" -}}
httpGet:
  path: /ready
  port: 8080
initialDelaySeconds: 1
periodSeconds: 3
timeoutSeconds: 5
{{- end }}

{{/* Pod security context: non-root 1337, RuntimeDefault seccomp. */}}
{{- define "istiod.podSecurityContext" -}}
fsGroup: 1337
runAsGroup: 1337
runAsNonRoot: true
runAsUser: 1337
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Pod annotations before pilot.podAnnotations and pilot.k8s.podAnnotations. */}}
{{- define "istiod.podAnnotations" -}}
prometheus.io/port: "15014"
prometheus.io/scrape: "true"
sidecar.istio.io/inject: "false"
{{- end }}

{{/* Rolling update strategy before pilot.k8s.strategy. An explicit 0 is kept (`default` would turn it into the chart's value). */}}
{{- define "istiod.strategy" -}}
{{- $surge := .Values.pilot.rollingMaxSurge }}
{{- $unavailable := .Values.pilot.rollingMaxUnavailable }}
rollingUpdate:
  maxSurge: {{ if or (kindIs "invalid" $surge) (eq (toString $surge) "") }}100%{{ else }}{{ $surge }}{{ end }}
  maxUnavailable: {{ if or (kindIs "invalid" $unavailable) (eq (toString $unavailable) "") }}25%{{ else }}{{ $unavailable }}{{ end }}
{{- end }}

{{/* Spec of the istiod Service before pilot.k8s.service. */}}
{{- define "istiod.serviceSpec" -}}
ports:
- name: grpc-xds
  port: 15010
  protocol: TCP
- name: https-dns
  port: 15012
  protocol: TCP
- name: https-webhook
  port: 443
  protocol: TCP
  targetPort: 15017
- name: http-monitoring
  port: 15014
  protocol: TCP
selector:
  {{- include "istiod.serviceSelector" . | nindent 2 }}
{{- end }}

{{/* Spec of the istiod HorizontalPodAutoscaler (autoscaling/v2 shape) before pilot.k8s.hpaSpec. */}}
{{- define "istiod.hpaSpec" -}}
maxReplicas: {{ .Values.pilot.autoscaleMax }}
minReplicas: {{ .Values.pilot.autoscaleMin }}
scaleTargetRef:
  apiVersion: apps/v1
  kind: Deployment
  name: {{ include "istiod.name" . }}
metrics:
- type: Resource
  resource:
    name: cpu
    target:
      type: Utilization
      averageUtilization: {{ (.Values.pilot.cpu | default dict).targetAverageUtilization | default 80 }}
{{- end }}
