{{/* Generated from scripts/gen/chart-shared/_k8s-settings.tpl by `npm run gen`; do not edit (edit the source). */}}
{{/*
The Kubernetes settings set (`pilot.k8s`, `k8s`, `cni.k8s`) is applied LAST, over what the chart
computed from its other values, the way istioctl's strategic merge applied `components.X.k8s`:
  - maps merge recursively and the user's value wins;
  - lists and scalars are replaced, except the keyed lists: env and volumes by `name`,
    volumeMounts by `mountPath`, Service ports by `port`;
  - a key the user sets to null is removed.
The helpers below never modify their arguments: every result is a new map or list. They print
YAML (toYaml), so call them as `include "k8s.mergeMap" (dict ...) | nindent N`.
*/}}

{{/*
k8s.mergeInto (internal): recursive map merge that writes into a map instead of printing.
  dict "out" <fresh map to fill> "base" <map or nil> "over" <map or nil>
Copies every key of base into out, then every key of over: where both sides hold a map the two
are merged into a new map (recursively), a null in over removes the key, anything else in over
replaces the base value. Prints nothing; callers discard the include's output.
*/}}
{{- define "k8s.mergeInto" -}}
{{- $out := .out -}}
{{- $over := .over -}}
{{- if kindIs "map" .base -}}
{{- range $k, $v := .base -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- end -}}
{{- if kindIs "map" $over -}}
{{- range $k, $v := $over -}}
{{- if kindIs "invalid" $v -}}
{{- $_ := unset $out $k -}}
{{- else if and (kindIs "map" $v) (kindIs "map" (get $out $k)) -}}
{{- $child := dict -}}
{{- $_ := include "k8s.mergeInto" (dict "out" $child "base" (get $out $k) "over" $v) -}}
{{- $_ := set $out $k $child -}}
{{- else -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
k8s.mergeMap: the merged map of a chart map and the user's map, as YAML.
  include "k8s.mergeMap" (dict "base" $chartMap "over" $userMapOrNil) | nindent N
Maps merge recursively (user wins), lists and scalars from the user replace the chart's, a user
null removes the key. Prints "{}" when both are empty.
*/}}
{{- define "k8s.mergeMap" -}}
{{- $out := dict -}}
{{- $_ := include "k8s.mergeInto" (dict "out" $out "base" .base "over" .over) -}}
{{- toYaml $out -}}
{{- end }}

{{/*
k8s.mergeListInto (internal): like k8s.mergeList, but appends the merged entries to the
list held under "out" in the argument (a fresh `dict "items" list`), printing nothing.
*/}}
{{- define "k8s.mergeListInto" -}}
{{- $key := .key -}}
{{- $box := .out -}}
{{- $byKey := dict -}}
{{- range $item := (.over | default (list)) -}}
{{- if and (kindIs "map" $item) (hasKey $item $key) -}}
{{- $_ := set $byKey (toString (index $item $key)) $item -}}
{{- end -}}
{{- end -}}
{{- $done := dict -}}
{{- $items := list -}}
{{- range $item := (.base | default (list)) -}}
{{- if and (kindIs "map" $item) (hasKey $item $key) -}}
{{- $k := toString (index $item $key) -}}
{{- if hasKey $done $k -}}
{{- else if hasKey $byKey $k -}}
{{- $items = append $items (get $byKey $k) -}}
{{- $_ := set $done $k true -}}
{{- else -}}
{{- $items = append $items $item -}}
{{- $_ := set $done $k true -}}
{{- end -}}
{{- else -}}
{{- $items = append $items $item -}}
{{- end -}}
{{- end -}}
{{- range $item := (.over | default (list)) -}}
{{- if and (kindIs "map" $item) (hasKey $item $key) -}}
{{- $k := toString (index $item $key) -}}
{{- if not (hasKey $done $k) -}}
{{- $items = append $items (get $byKey $k) -}}
{{- $_ := set $done $k true -}}
{{- end -}}
{{- else -}}
{{- $items = append $items $item -}}
{{- end -}}
{{- end -}}
{{- $_ := set $box "items" $items -}}
{{- end }}

{{/*
k8s.mergeList: a chart list merged with the user's list by a key field, as YAML.
  include "k8s.mergeList" (dict "base" $chartList "over" $userListOrNil "key" "name") | nindent N
key is "name" (env, volumes), "mountPath" (volumeMounts) or "port" (Service ports).
A user entry whose key matches a chart entry replaces it in place (the whole entry, not a merge);
the other user entries are appended in the user's order. When the user lists one key twice the
last entry wins, at the place of the first. Entries without the key field are kept (chart) or
appended (user). Prints "[]" when both are empty.
*/}}
{{- define "k8s.mergeList" -}}
{{- $box := dict "items" (list) -}}
{{- $_ := include "k8s.mergeListInto" (dict "out" $box "base" .base "over" .over "key" .key) -}}
{{- toYaml $box.items -}}
{{- end }}

{{/*
k8s.pdbSpec: the PodDisruptionBudget spec, chart spec merged with the user's podDisruptionBudget.
  include "k8s.pdbSpec" (dict "base" $chartSpec "over" $userPdbOrNil) | nindent N
minAvailable and maxUnavailable are exclusive: when the user sets either one (any non-null value,
0 included), the chart's minAvailable and maxUnavailable are both dropped before the merge.
*/}}
{{- define "k8s.pdbSpec" -}}
{{- $base := dict -}}
{{- $_ := include "k8s.mergeInto" (dict "out" $base "base" .base "over" (dict)) -}}
{{- $over := .over | default (dict) -}}
{{- if or (and (hasKey $over "minAvailable") (not (kindIs "invalid" (index $over "minAvailable")))) (and (hasKey $over "maxUnavailable") (not (kindIs "invalid" (index $over "maxUnavailable")))) -}}
{{- $_ := unset $base "minAvailable" -}}
{{- $_ := unset $base "maxUnavailable" -}}
{{- end -}}
{{- include "k8s.mergeMap" (dict "base" $base "over" $over) -}}
{{- end }}

{{/*
k8s.serviceSpec: the Service spec, chart spec merged with the user's `service` setting.
  include "k8s.serviceSpec" (dict "base" $chartSpec "over" $userServiceOrNil) | nindent N
Everything merges as in k8s.mergeMap except `ports`, which merge by `port` as in k8s.mergeList.
*/}}
{{- define "k8s.serviceSpec" -}}
{{- $over := .over | default (dict) -}}
{{- $out := dict -}}
{{- $_ := include "k8s.mergeInto" (dict "out" $out "base" .base "over" (omit $over "ports")) -}}
{{- if hasKey $over "ports" -}}
{{- $box := dict "items" (list) -}}
{{- $_ := include "k8s.mergeListInto" (dict "out" $box "base" (get $out "ports") "over" (get $over "ports") "key" "port") -}}
{{- $_ := set $out "ports" $box.items -}}
{{- end -}}
{{- toYaml $out -}}
{{- end }}

{{/*
k8s.probe: a container probe, chart probe merged with the user's readinessProbe, as YAML.
  include "k8s.probe" (dict "base" $chartProbe "over" $userProbeOrNil) | nindent N
A probe has exactly one action: when the user sets exec, httpGet, tcpSocket or grpc, the chart's
action is dropped before the merge (the timings still merge).
*/}}
{{- define "k8s.probe" -}}
{{- $over := .over | default (dict) -}}
{{- $base := .base | default (dict) -}}
{{- if or (hasKey $over "exec") (hasKey $over "httpGet") (hasKey $over "tcpSocket") (hasKey $over "grpc") -}}
{{- $base = omit $base "exec" "httpGet" "tcpSocket" "grpc" -}}
{{- end -}}
{{- include "k8s.mergeMap" (dict "base" $base "over" $over) -}}
{{- end }}

{{/*
k8s.strategy: a Deployment strategy or DaemonSet updateStrategy, chart's merged with the user's
strategy, as YAML.
  include "k8s.strategy" (dict "base" $chartStrategy "over" $userStrategyOrNil) | nindent N
When the user's type is not RollingUpdate (Recreate, OnDelete) the chart's rollingUpdate is
dropped, since Kubernetes accepts rollingUpdate only with type RollingUpdate.
*/}}
{{- define "k8s.strategy" -}}
{{- $over := .over | default (dict) -}}
{{- $base := .base | default (dict) -}}
{{- $type := toString (get $over "type") -}}
{{- if and $type (ne $type "RollingUpdate") -}}
{{- $base = omit $base "rollingUpdate" -}}
{{- end -}}
{{- include "k8s.mergeMap" (dict "base" $base "over" $over) -}}
{{- end }}

{{/*
k8s.hpaSpec: the HorizontalPodAutoscaler spec (autoscaling/v2 or v2beta2 shape), chart spec merged
with the user's hpaSpec, as YAML.
  include "k8s.hpaSpec" (dict "base" $chartHpaSpec "over" $userHpaSpecOrNil) | nindent N
The user's hpaSpec has the IstioOperator (autoscaling/v2beta1) shape; its metrics are converted:
  resource/containerResource {name, targetAverageUtilization | targetAverageValue}
      -> {name, target: {type: Utilization, averageUtilization} | {type: AverageValue, averageValue}}
  pods {metricName, selector, targetAverageValue}
      -> {metric: {name, selector}, target: {type: AverageValue, averageValue}}
  object {target, metricName, selector, targetValue | averageValue}
      -> {describedObject, metric: {name, selector}, target: {type: Value, value} | {type: AverageValue, averageValue}}
  external {metricName, metricSelector, targetValue | targetAverageValue}
      -> {metric: {name, selector}, target: {type: Value, value} | {type: AverageValue, averageValue}}
The user's metrics list replaces the chart's; the rest merges as in k8s.mergeMap.
*/}}
{{- define "k8s.hpaSpec" -}}
{{- $over := .over | default (dict) -}}
{{- $conv := omit $over "metrics" -}}
{{- if hasKey $over "metrics" -}}
{{- $metrics := list -}}
{{- range $m := (get $over "metrics" | default (list)) -}}
{{- $out := pick $m "type" -}}
{{- range $field := list "resource" "containerResource" -}}
{{- if hasKey $m $field -}}
{{- $src := get $m $field -}}
{{- $r := pick $src "name" "container" -}}
{{- if hasKey $src "targetAverageUtilization" -}}
{{- $_ := set $r "target" (dict "type" "Utilization" "averageUtilization" (get $src "targetAverageUtilization")) -}}
{{- else if hasKey $src "targetAverageValue" -}}
{{- $_ := set $r "target" (dict "type" "AverageValue" "averageValue" (get $src "targetAverageValue")) -}}
{{- end -}}
{{- $_ := set $out $field $r -}}
{{- end -}}
{{- end -}}
{{- if hasKey $m "pods" -}}
{{- $src := get $m "pods" -}}
{{- $id := dict "name" (get $src "metricName") -}}
{{- if hasKey $src "selector" }}{{ $_ := set $id "selector" (get $src "selector") }}{{ end -}}
{{- $_ := set $out "pods" (dict "metric" $id "target" (dict "type" "AverageValue" "averageValue" (get $src "targetAverageValue"))) -}}
{{- end -}}
{{- if hasKey $m "object" -}}
{{- $src := get $m "object" -}}
{{- $id := dict "name" (get $src "metricName") -}}
{{- if hasKey $src "selector" }}{{ $_ := set $id "selector" (get $src "selector") }}{{ end -}}
{{- $t := dict "type" "Value" "value" (get $src "targetValue") -}}
{{- if hasKey $src "averageValue" }}{{ $t = dict "type" "AverageValue" "averageValue" (get $src "averageValue") }}{{ end -}}
{{- $_ := set $out "object" (dict "describedObject" (get $src "target") "metric" $id "target" $t) -}}
{{- end -}}
{{- if hasKey $m "external" -}}
{{- $src := get $m "external" -}}
{{- $id := dict "name" (get $src "metricName") -}}
{{- if hasKey $src "metricSelector" }}{{ $_ := set $id "selector" (get $src "metricSelector") }}{{ end -}}
{{- $t := dict "type" "Value" "value" (get $src "targetValue") -}}
{{- if hasKey $src "targetAverageValue" }}{{ $t = dict "type" "AverageValue" "averageValue" (get $src "targetAverageValue") }}{{ end -}}
{{- $_ := set $out "external" (dict "metric" $id "target" $t) -}}
{{- end -}}
{{- $metrics = append $metrics $out -}}
{{- end -}}
{{- $_ := set $conv "metrics" $metrics -}}
{{- end -}}
{{- include "k8s.mergeMap" (dict "base" .base "over" $conv) -}}
{{- end }}
