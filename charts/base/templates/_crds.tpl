{{/* Generated from scripts/gen/chart-shared/_crds.tpl by `npm run gen`; do not edit (edit the source). */}}
{{/*
The custom resource definitions of Istio 1.11, rendered as ordinary templates: Helm installs files
under crds/ once and never upgrades them, templates are updated by every `helm upgrade` and by the
operator alike.

Call with the chart's root context; prints complete YAML documents, each starting with "---":
  {{ include "crds.all" . }}
Reads:
  .Values.base.enableIstioConfigCRDs  false: only the IstioOperator CRD (a missing key counts as true)
  .Release.Name                       label `release`
  .Chart.Name                         label operator.istio.io/component: IstiodRemote in the
                                      istiod-remote chart, Base otherwise

Schemas are structural and open: spec and status are objects that keep unknown fields (istiod's
validating webhook checks spec). Every version is served; the first one listed stores. Each CRD
carries helm.sh/resource-policy: keep, so `helm uninstall` leaves the CRDs, and with them the
users' configuration, in place.
*/}}

{{/*
One entry per CRD. versions: the first one is the storage version. columns: extra printer columns
(kubectl get); age: true appends the Age column (a CRD that lists columns loses kubectl's own Age).
*/}}
{{- define "crds.table" -}}
- group: networking.istio.io
  kind: DestinationRule
  plural: destinationrules
  shortNames: [dr]
  about: Traffic policy (load balancing, connection pool, outlier detection, TLS) for a service's traffic after routing.
  versions: [v1alpha3, v1beta1]
  columns:
  - {name: Host, type: string, jsonPath: .spec.host, description: The service these rules apply to.}
  age: true
- group: networking.istio.io
  kind: EnvoyFilter
  plural: envoyfilters
  shortNames: []
  about: Patches applied to the Envoy configuration istiod generates.
  versions: [v1alpha3]
  columns: []
  age: false
- group: networking.istio.io
  kind: Gateway
  plural: gateways
  shortNames: [gw]
  about: Ports, protocols and hosts a load balancer at the edge of the mesh exposes.
  versions: [v1alpha3, v1beta1]
  columns: []
  age: false
- group: networking.istio.io
  kind: ServiceEntry
  plural: serviceentries
  shortNames: [se]
  about: A service added to istiod's service registry by hand (external or mesh-internal).
  versions: [v1alpha3, v1beta1]
  columns:
  - {name: Hosts, type: string, jsonPath: .spec.hosts, description: Host names of the entry.}
  - {name: Location, type: string, jsonPath: .spec.location, description: MESH_EXTERNAL or MESH_INTERNAL.}
  - {name: Resolution, type: string, jsonPath: .spec.resolution, description: How endpoints are found (NONE, STATIC or DNS).}
  age: true
- group: networking.istio.io
  kind: Sidecar
  plural: sidecars
  shortNames: []
  about: Limits and shapes the ports and destinations a workload's proxy handles.
  versions: [v1alpha3, v1beta1]
  columns: []
  age: false
- group: networking.istio.io
  kind: VirtualService
  plural: virtualservices
  shortNames: [vs]
  about: Routing rules for traffic addressed to a set of hosts.
  versions: [v1alpha3, v1beta1]
  columns:
  - {name: Gateways, type: string, jsonPath: .spec.gateways, description: Gateways and sidecars the routes apply to.}
  - {name: Hosts, type: string, jsonPath: .spec.hosts, description: Destination hosts the routes apply to.}
  age: true
- group: networking.istio.io
  kind: WorkloadEntry
  plural: workloadentries
  shortNames: [we]
  about: A workload outside Kubernetes (for example a VM) and its properties.
  versions: [v1alpha3, v1beta1]
  columns:
  - {name: Address, type: string, jsonPath: .spec.address, description: Network address of the workload.}
  age: true
- group: networking.istio.io
  kind: WorkloadGroup
  plural: workloadgroups
  shortNames: [wg]
  about: A template for WorkloadEntries that VMs register themselves from.
  versions: [v1alpha3]
  columns: []
  age: true
- group: security.istio.io
  kind: AuthorizationPolicy
  plural: authorizationpolicies
  shortNames: []
  about: Access control for workloads in the mesh.
  versions: [v1beta1]
  columns: []
  age: false
- group: security.istio.io
  kind: PeerAuthentication
  plural: peerauthentications
  shortNames: [pa]
  about: Which mutual TLS mode workloads accept.
  versions: [v1beta1]
  columns:
  - {name: Mode, type: string, jsonPath: .spec.mtls.mode, description: The mutual TLS mode.}
  age: true
- group: security.istio.io
  kind: RequestAuthentication
  plural: requestauthentications
  shortNames: [ra]
  about: Which request credentials (JWT) workloads accept.
  versions: [v1beta1]
  columns: []
  age: false
- group: telemetry.istio.io
  kind: Telemetry
  plural: telemetries
  shortNames: [telemetry]
  about: Metrics, access logging and tracing settings of workloads.
  versions: [v1alpha1]
  columns: []
  age: true
{{- end }}

{{/* The IstioOperator CRD: install.istio.io, no category (kubectl get istio-io lists configuration only). */}}
{{- define "crds.operator" -}}
group: install.istio.io
kind: IstioOperator
plural: istiooperators
shortNames: [iop, io]
categories: []
about: The desired state of an Istio installation, read by the operator and istioctl.
versions: [v1alpha1]
columns:
- {name: Revision, type: string, jsonPath: .spec.revision, description: The control plane revision installed.}
- {name: Status, type: string, jsonPath: .status.status, description: Overall state of the installation.}
age: true
{{- end }}

{{/* One CustomResourceDefinition document from (dict "crd" <entry> "root" <root context>). */}}
{{- define "crds.one" -}}
{{- $crd := .crd -}}
{{- $component := "Base" -}}
{{- if eq .root.Chart.Name "istiod-remote" }}{{ $component = "IstiodRemote" }}{{ end -}}
{{- $singular := lower $crd.kind -}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: {{ $crd.plural }}.{{ $crd.group }}
  labels:
    app: istio-pilot
    chart: istio
    release: {{ .root.Release.Name }}
    operator.istio.io/component: {{ $component }}
  annotations:
    helm.sh/resource-policy: keep
spec:
  group: {{ $crd.group }}
  scope: Namespaced
  names:
    kind: {{ $crd.kind }}
    listKind: {{ $crd.kind }}List
    plural: {{ $crd.plural }}
    singular: {{ $singular }}
    {{- with $crd.shortNames }}
    shortNames:
    {{- range . }}
    - {{ . }}
    {{- end }}
    {{- end }}
    {{- with $crd.categories }}
    categories:
    {{- range . }}
    - {{ . }}
    {{- end }}
    {{- end }}
  versions:
  {{- range $i, $version := $crd.versions }}
  - name: {{ $version }}
    served: true
    storage: {{ eq $i 0 }}
    subresources:
      status: {}
    {{- if or $crd.columns $crd.age }}
    additionalPrinterColumns:
    {{- range $crd.columns }}
    - name: {{ .name }}
      type: {{ .type }}
      jsonPath: {{ .jsonPath }}
      description: {{ .description | quote }}
    {{- end }}
    {{- if $crd.age }}
    - name: Age
      type: date
      jsonPath: .metadata.creationTimestamp
      description: "Time since the object was created."
    {{- end }}
    {{- end }}
    schema:
      openAPIV3Schema:
        description: {{ printf "%s/%s %s: %s" $crd.group $version $crd.kind $crd.about | quote }}
        type: object
        properties:
          spec:
            description: {{ printf "The %s specification, kept as written: Istio validates it, this schema does not." $crd.kind | quote }}
            type: object
            x-kubernetes-preserve-unknown-fields: true
          status:
            description: "State reported by the control plane."
            type: object
            x-kubernetes-preserve-unknown-fields: true
  {{- end }}
{{- end }}

{{/* Every CRD, as documents separated by "---". */}}
{{- define "crds.all" -}}
{{- $root := . -}}
{{- $config := true -}}
{{- $base := .Values.base | default dict -}}
{{- if hasKey $base "enableIstioConfigCRDs" }}{{ $config = $base.enableIstioConfigCRDs }}{{ end -}}
{{- if $config }}
{{- range (fromYamlArray (include "crds.table" $root)) }}
{{- $categories := list "istio-io" (printf "%s-io" (replace "." "-" (trimSuffix ".io" .group))) }}
{{ include "crds.one" (dict "crd" (merge (dict "categories" $categories) .) "root" $root) }}
{{- end }}
{{- end }}
{{ include "crds.one" (dict "crd" (fromYaml (include "crds.operator" $root)) "root" $root) }}
{{- end }}
