{{/* The five services: values key -> Kubernetes name. */}}
{{- define "mailfleet.components" -}}
authService: auth-service
smtpGateway: smtp-gateway
imapService: imap-service
spamFilter: spam-filter
deliveryWorker: delivery-worker
{{- end -}}

{{- define "mailfleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every object name: the release name, unless it already contains the chart name. */}}
{{- define "mailfleet.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "mailfleet.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of a service's objects; call with (dict "root" $ "component" "smtp-gateway"). */}}
{{- define "mailfleet.componentName" -}}
{{- printf "%s-%s" (include "mailfleet.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mailfleet.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "mailfleet.labels" -}}
{{ include "mailfleet.selectorLabels" . }}
app.kubernetes.io/part-of: mailfleet
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Labels every Mailfleet pod of this release carries: what the NetworkPolicies admit. */}}
{{- define "mailfleet.memberLabels" -}}
app.kubernetes.io/part-of: mailfleet
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mailfleet.image" -}}
{{- $tag := .values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%v" .root.Values.image.registry .values.image.repository $tag -}}
{{- end -}}

{{- define "mailfleet.serviceAccountName" -}}
{{- include "mailfleet.fullname" . -}}
{{- end -}}

{{- define "mailfleet.tlsConfigMapName" -}}
{{- printf "%s-tls-config" (include "mailfleet.fullname" .) -}}
{{- end -}}

{{/* One environment variable from the shared Secret; nothing when the key is unset. */}}
{{- define "mailfleet.secretEnv" -}}
{{- $key := index .root.Values.secrets.keys .key -}}
{{- if $key -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.secrets.existingSecret }}
      key: {{ $key }}
{{- end -}}
{{- end -}}
