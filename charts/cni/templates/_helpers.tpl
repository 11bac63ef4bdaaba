{{/*
Helpers of the cni chart. Object names are fixed: a revision only changes the istio.io/rev label,
because one istio-cni-node DaemonSet serves every control plane revision on a node.
*/}}

{{/* The Kubernetes settings block (cni.k8s), never nil. */}}
{{- define "cni.k8s" -}}
{{- toYaml (.Values.cni.k8s | default dict) -}}
{{- end }}

{{/* Labels of every object of the chart. */}}
{{- define "cni.labels" -}}
app: istio-cni
release: {{ .Release.Name | quote }}
istio.io/rev: {{ .Values.revision | default "default" | quote }}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" | quote }}
operator.istio.io/component: Cni
{{- end }}

{{/* The install-cni image reference: cni.image as is when it contains "/", else hub/image:tag. */}}
{{- define "cni.image" -}}
{{- if contains "/" .Values.cni.image -}}
{{- .Values.cni.image -}}
{{- else -}}
{{- .Values.cni.hub | default .Values.global.hub }}/{{ .Values.cni.image | default "install-cni" }}:{{ .Values.cni.tag | default .Values.global.tag | toString -}}
{{- end -}}
{{- end }}

{{/*
The pull policy of the chart's containers before cni.k8s.imagePullPolicy: cni.pullPolicy, else
global.imagePullPolicy; empty when both are empty.
*/}}
{{- define "cni.pullPolicy" -}}
{{- .Values.cni.pullPolicy | default .Values.global.imagePullPolicy -}}
{{- end }}

{{/*
The priority class of the pods: cni.k8s.priorityClassName, else system-node-critical (the node
agent must not be evicted before the pods that depend on it).
*/}}
{{- define "cni.priorityClassName" -}}
{{- $k8s := fromYaml (include "cni.k8s" .) -}}
{{- $k8s.priorityClassName | default "system-node-critical" -}}
{{- end }}

{{/*
The CNI network configuration, as JSON. install-cni replaces the two __PLACEHOLDERS__ on the
node (the kubeconfig it writes for the plugin, and the socket the plugin logs to). In chained
mode install-cni appends this object to the "plugins" list of the existing configuration; in
standalone mode it is written as a configuration file of its own, found by its name (istio-cni)
by Multus.
*/}}
{{- define "cni.networkConfig" -}}
{{- $kubernetes := dict
      "kubeconfig" "__KUBECONFIG_FILEPATH__"
      "cni_bin_dir" (.Values.cni.cniBinDir | toString)
      "exclude_namespaces" (.Values.cni.excludeNamespaces | default list) -}}
{{- $config := dict
      "cniVersion" "0.3.1"
      "name" "istio-cni"
      "type" "istio-cni"
      "log_level" (.Values.cni.logLevel | toString)
      "log_uds_address" "__LOG_UDS_ADDRESS__"
      "kubernetes" $kubernetes -}}
{{- toPrettyJson $config -}}
{{- end }}

{{/*
The configuration file name install-cni writes or patches (CNI_CONF_NAME); empty in chained
mode without cni.cniConfFileName (install-cni then takes the kubelet's configuration file).
*/}}
{{- define "cni.confFileName" -}}
{{- if .Values.cni.cniConfFileName -}}
{{- .Values.cni.cniConfFileName -}}
{{- else if not .Values.cni.chained -}}
YYY-istio-cni.conf
{{- end -}}
{{- end }}

{{/* Environment of the install-cni container before cni.k8s.env, as a YAML list. */}}
{{- define "cni.env" -}}
{{- $confName := include "cni.confFileName" . -}}
{{- if $confName }}
- name: CNI_CONF_NAME
  value: {{ $confName | quote }}
{{- end }}
- name: CNI_NETWORK_CONFIG
  valueFrom:
    configMapKeyRef:
      name: istio-cni-config
      key: cni_network_config
- name: CNI_NET_DIR
  value: {{ .Values.cni.cniConfDir | quote }}
- name: CHAINED_CNI_PLUGIN
  value: {{ .Values.cni.chained | toString | quote }}
- name: REPAIR_ENABLED
  value: {{ .Values.cni.repair.enabled | toString | quote }}
{{- if .Values.cni.repair.enabled }}
- name: REPAIR_NODE_NAME
  valueFrom:
    fieldRef:
      fieldPath: spec.nodeName
- name: REPAIR_LABEL_PODS
  value: {{ .Values.cni.repair.labelPods | toString | quote }}
- name: REPAIR_DELETE_PODS
  value: {{ .Values.cni.repair.deletePods | toString | quote }}
- name: REPAIR_RUN_AS_DAEMON
  value: "true"
- name: REPAIR_SIDECAR_ANNOTATION
  value: sidecar.istio.io/status
- name: REPAIR_INIT_CONTAINER_NAME
  value: {{ .Values.cni.repair.initContainerName | quote }}
- name: REPAIR_BROKEN_POD_LABEL_KEY
  value: {{ .Values.cni.repair.brokenPodLabelKey | quote }}
- name: REPAIR_BROKEN_POD_LABEL_VALUE
  value: {{ .Values.cni.repair.brokenPodLabelValue | toString | quote }}
{{- end }}
{{- end }}

{{/* Volumes of the pod before cni.k8s.volumes, as a YAML list. */}}
{{- define "cni.volumes" -}}
- name: cni-bin-dir
  hostPath:
    path: {{ .Values.cni.cniBinDir | quote }}
    type: DirectoryOrCreate
- name: cni-net-dir
  hostPath:
    path: {{ .Values.cni.cniConfDir | quote }}
    type: DirectoryOrCreate
- name: cni-run-dir
  hostPath:
    path: /var/run/istio-cni
    type: DirectoryOrCreate
{{- end }}

{{/* Volume mounts of the install-cni container before cni.k8s.volumeMounts, as a YAML list. */}}
{{- define "cni.volumeMounts" -}}
- name: cni-bin-dir
  mountPath: /host/opt/cni/bin
- name: cni-net-dir
  mountPath: /host/etc/cni/net.d
- name: cni-run-dir
  mountPath: /var/run/istio-cni
{{- end }}

{{/*
Tolerations of the pods unless cni.k8s.tolerations replaces them: the node agent runs on every
node, tainted or not (its own cni.istio.io/not-ready taint included).
*/}}
{{- define "cni.tolerations" -}}
- effect: NoSchedule
  operator: Exists
- key: CriticalAddonsOnly
  operator: Exists
- effect: NoExecute
  operator: Exists
{{- end }}
