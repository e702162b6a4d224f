{{/*
Names, labels and the facts about each service the templates share. The services' ports and routes are the
services' own (tools/launcher/apps.ts); the deploy tests hold them to it, as they hold k8s/base.
*/}}

{{- define "mercato.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every object name: the release name, plus the chart name unless the release already carries it. */}}
{{- define "mercato.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of one of the release's objects: "component" in a dict with the root context as "root". */}}
{{- define "mercato.componentName" -}}
{{- printf "%s-%s" (include "mercato.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mercato.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels of every object. part-of: mercato is what the default-deny NetworkPolicy and k8s/README.md rely on: every
pod of the platform carries it, and a datastore operator's pods sharing the namespace must not.
Takes a dict: root, and optionally component.
*/}}
{{- define "mercato.labels" -}}
helm.sh/chart: {{ include "mercato.chart" .root }}
{{ include "mercato.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: mercato
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The labels that select a component's pods; without a component, every pod of the release. */}}
{{- define "mercato.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mercato.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/*
The metadata of one object. A dict: root; name, the suffix after the release prefix (empty: the prefix alone), or
fullName, the whole name;
component, for its label; annotations, merged over commonAnnotations.
*/}}
{{- define "mercato.metadata" -}}
name: {{ if .fullName }}{{ .fullName }}{{ else if .name }}{{ include "mercato.componentName" (dict "root" .root "component" .name) }}{{ else }}{{ include "mercato.fullname" .root }}{{ end }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "mercato.labels" . | nindent 2 }}
{{- with merge (dict) (.annotations | default dict) (.root.Values.commonAnnotations | default dict) }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
The services, keyed as in values.yaml. port: where the service listens (its default PORT); routes: the public
paths the Ingress hands it (Exact where the path is one document); sells: reads the orders context's settings;
verifies: checks tokens with users-api's published keys instead of holding the signing key.
*/}}
{{- define "mercato.services" -}}
usersApi:
  name: users-api
  port: 3001
  signsTokens: true
  routes:
    - { path: /api/v1/auth, pathType: Prefix }
    - { path: /api/v1/users, pathType: Prefix }
    - { path: /.well-known/jwks.json, pathType: Exact }
    - { path: /oauth, pathType: Prefix }
    - { path: /.well-known/oauth-authorization-server, pathType: Exact }
    - { path: /.well-known/openid-configuration, pathType: Exact }
    - { path: /approvals, pathType: Prefix }
productsApi:
  name: products-api
  port: 3002
  verifies: true
  routes:
    - { path: /api/v1/products, pathType: Prefix }
mcpGateway:
  name: mcp-gateway
  port: 3003
  verifies: true
  sells: true
  # POST /api/v1/ai calls the gateway's own /mcp at the address the request arrived on, the pod's IP.
  callsItself: true
  # /mcp has an Ingress of its own (ingress.mcpAnnotations).
  routes:
    - { path: /api/v1/ai, pathType: Prefix }
    - { path: /.well-known/oauth-protected-resource, pathType: Prefix }
ordersApi:
  name: orders-api
  port: 3004
  verifies: true
  sells: true
  routes:
    - { path: /api/v1/checkouts, pathType: Prefix }
    - { path: /api/v1/orders, pathType: Prefix }
    - { path: /api/v1/analytics, pathType: Prefix }
{{- end -}}

{{/* The enabled services, as a dict of key -> facts merged with the service's values under "values". */}}
{{- define "mercato.enabledServices" -}}
{{- $enabled := dict -}}
{{- range $key, $facts := include "mercato.services" . | fromYaml -}}
{{- $values := index $.Values $key -}}
{{- if $values.enabled -}}
{{- $_ := set $enabled $key (merge (dict "values" $values) $facts) -}}
{{- end -}}
{{- end -}}
{{- toYaml $enabled -}}
{{- end -}}

{{- define "mercato.image" -}}
{{- $image := .root.Values.image -}}
{{- $repository := .repository -}}
{{- with $image.registry }}{{ $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}{{ end -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion $image.tag | toString) -}}
{{- end -}}
{{- end -}}

{{- define "mercato.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- .Values.publicUrl | trimSuffix "/" -}}
{{- else -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.hostname -}}
{{- end -}}
{{- end -}}

{{- define "mercato.jwksUrl" -}}
{{- if .Values.jwksUrl -}}
{{- .Values.jwksUrl -}}
{{- else -}}
{{- printf "http://%s:3001/.well-known/jwks.json" (include "mercato.componentName" (dict "root" . "component" "users-api")) -}}
{{- end -}}
{{- end -}}

{{/* The Secret names the workloads read: the existing one named in values, or the one the chart creates. */}}
{{- define "mercato.datastoresSecret" -}}
{{- .Values.secrets.datastores.existingSecret | default (include "mercato.componentName" (dict "root" . "component" "datastores")) -}}
{{- end -}}
{{- define "mercato.schemaOwnerSecret" -}}
{{- .Values.secrets.schemaOwner.existingSecret | default (include "mercato.componentName" (dict "root" . "component" "schema-owner")) -}}
{{- end -}}
{{- define "mercato.signingKeySecret" -}}
{{- .Values.secrets.signingKey.existingSecret | default (include "mercato.componentName" (dict "root" . "component" "users-api-signing-key")) -}}
{{- end -}}

{{- define "mercato.serviceAccountName" -}}
{{- $sa := .values.serviceAccount -}}
{{- if $sa.create -}}
{{- $sa.name | default (include "mercato.componentName" (dict "root" .root "component" .name)) -}}
{{- else -}}
{{- $sa.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* SHUTDOWN_DELAY_SECONDS a service sees: its own override, or the shared setting. */}}
{{- define "mercato.shutdownDelay" -}}
{{- if kindIs "invalid" .values.shutdownDelaySeconds -}}
{{- .root.Values.config.shutdownDelaySeconds -}}
{{- else -}}
{{- .values.shutdownDelaySeconds -}}
{{- end -}}
{{- end -}}
