{{/*
Template functions used in this chart are kept to a small set (include, toYaml, toJson, nindent,
quote, default, upper, printf, trunc, trimSuffix, eq, ne): test/deploy.test.ts renders the
templates with a minimal implementation of exactly that set and refuses anything else.
*/}}

{{/* Prefix of every object's name: <release>-ai-lineage, at most 63 characters. */}}
{{- define "ai-lineage.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "ai-lineage.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "ai-lineage.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* What every service and the migration Job read: Neo4j and the PUBLIC key sets, secrets by reference. */}}
{{- define "ai-lineage.env" -}}
- name: NEO4J_URI
  value: {{ .Values.neo4j.uri | quote }}
- name: NEO4J_USER
  value: {{ .Values.neo4j.user | quote }}
- name: NEO4J_DATABASE
  value: {{ .Values.neo4j.database | quote }}
- name: NEO4J_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.neo4j.passwordSecret.name }}
      key: {{ .Values.neo4j.passwordSecret.key }}
- name: SERVICE_JWKS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.keys.secretName }}
      key: service-jwks
- name: INTERNAL_JWKS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.keys.secretName }}
      key: internal-jwks
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
{{- end }}
