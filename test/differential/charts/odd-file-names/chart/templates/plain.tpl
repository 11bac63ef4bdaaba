apiVersion: v1
kind: ConfigMap
metadata:
  name: x
data:
  n: {{ .Template.Name | quote }}
