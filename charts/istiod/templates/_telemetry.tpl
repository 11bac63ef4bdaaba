{{/*
Telemetry v2 helpers for the stats EnvoyFilters of 1.11 proxies.

istiod.statsConfig: the JSON configuration of one stats filter instance, a JSON string literal
(valid as a YAML double-quoted scalar).
  include "istiod.statsConfig" (dict "root" $ "kind" "inboundSidecar|outboundSidecar|gateway")
The chart's configuration (debug false, stat_prefix istio; host-header fallback disabled for
inbound and gateway traffic) with telemetry.v2.prometheus.configOverride.<kind> merged over it
(maps merge recursively, the override wins).
*/}}
{{- define "istiod.statsConfig" -}}
{{- $config := dict "debug" "false" "stat_prefix" "istio" -}}
{{- if ne .kind "outboundSidecar" -}}
{{- $_ := set $config "disable_host_header_fallback" true -}}
{{- end -}}
{{- $overrides := ((.root.Values.telemetry.v2.prometheus | default dict).configOverride | default dict) -}}
{{- $override := get $overrides .kind | default dict -}}
{{- mergeOverwrite $config (deepCopy $override) | toJson | toJson -}}
{{- end }}

{{/*
istiod.statsVm: vm_config of a stats filter (YAML, call with nindent).
  include "istiod.statsVm" (dict "vmId" "stats_inbound" "wasm" <bool>)
wasm true loads the precompiled Wasm module from the proxy image, else the built-in extension.
*/}}
{{- define "istiod.statsVm" -}}
vm_id: {{ .vmId }}
{{- if .wasm }}
runtime: envoy.wasm.runtime.v8
allow_precompiled: true
code:
  local:
    filename: /etc/istio/extensions/stats-filter.compiled.wasm
{{- else }}
code:
  local:
    inline_string: envoy.wasm.stats
{{- end }}
{{- end }}
