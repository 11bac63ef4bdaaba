{{ define "kid.name" }}{{ .Chart.Name }}-{{ .Template.Name }}{{ end }}
