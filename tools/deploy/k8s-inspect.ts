import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { K8sObject } from './k8s-render';

/** Typed views of rendered objects, and the lookups the deployment tests share. */

// ServiceAccount: the Helm chart gives each service one.
const MODELS = { ConfigMap, Secret, Service, ServiceAccount, Deployment, Job, HorizontalPodAutoscaler, PodDisruptionBudget, Ingress, NetworkPolicy };
type Models = typeof MODELS;
export type Kind = keyof Models;
export type Typed<K extends Kind> = InstanceType<Models[K]>;
export type Labels = Record<string, string>;

/** Validates against the Kubernetes OpenAPI schema of the object's own apiVersion and kind; unknown kinds fail. */
export function validateSchema(o: K8sObject): void {
  const model = Object.values(MODELS).find((m) => m.apiVersion === o.apiVersion && m.kind === o.kind);
  if (!model) throw new Error(`${o.apiVersion} ${o.kind} ${o.metadata.name}: no schema known for this kind`);
  new (model as new (data: unknown) => { validate(): void })(o).validate();
}

export function ofKind<K extends Kind>(objects: K8sObject[], kind: K): Typed<K>[] {
  const model = MODELS[kind];
  return objects.filter((o) => o.kind === kind && o.apiVersion === model.apiVersion) as unknown as Typed<K>[];
}

export function named<K extends Kind>(objects: K8sObject[], kind: K, name: string): Typed<K> {
  const found = ofKind(objects, kind).filter((o) => o.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} named ${name}, found ${found.length}`);
  return found[0];
}

export function selects(selector: ILabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const { matchLabels = {}, matchExpressions = [] } = selector;
  return (
    Object.entries(matchLabels).every(([k, v]) => labels[k] === v) &&
    matchExpressions.every(({ key, operator, values = [] }) => {
      if (operator === 'In') return key in labels && values.includes(labels[key]);
      if (operator === 'NotIn') return !(key in labels) || !values.includes(labels[key]);
      if (operator === 'Exists') return key in labels;
      if (operator === 'DoesNotExist') return !(key in labels);
      throw new Error(`unknown selector operator ${operator}`);
    })
  );
}

export interface Workload {
  name: string;
  namespace: string;
  template: IPodTemplateSpec;
}

/** Every pod template: the Deployments' and the migration Job's. */
export function workloads(objects: K8sObject[]): Workload[] {
  return [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')].map((o) => ({
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace ?? '',
    template: o.spec?.template ?? {},
  }));
}

export function containersOf(w: Workload): IContainer[] {
  return [...(w.template.spec?.initContainers ?? []), ...(w.template.spec?.containers ?? [])];
}

export function podLabels(w: Workload): Labels {
  return w.template.metadata?.labels ?? {};
}

/** A port given by name or number, as the container declares it. */
export function containerPortOf(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** Where each env var a container sees comes from, with literal values resolved through ConfigMaps. */
export interface EnvSource {
  value?: string;
  secret?: { name: string; key: string };
}

export function environmentOf(container: IContainer, objects: K8sObject[], secrets: K8sObject[]): Map<string, EnvSource> {
  const env = new Map<string, EnvSource>();
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const data = named(objects, 'ConfigMap', from.configMapRef.name ?? '').data ?? {};
      for (const [key, value] of Object.entries(data)) env.set(prefix + key, { value });
    }
    if (from.secretRef) {
      const secretName = from.secretRef.name ?? '';
      const secret = named(secrets, 'Secret', secretName);
      for (const key of Object.keys({ ...secret.stringData, ...secret.data })) env.set(prefix + key, { secret: { name: secretName, key } });
    }
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (valueFrom?.configMapKeyRef) {
      const { name: map = '', key } = valueFrom.configMapKeyRef;
      const data = named(objects, 'ConfigMap', map).data ?? {};
      if (!(key in data)) throw new Error(`ConfigMap ${map} has no key ${key}`);
      env.set(name, { value: data[key] });
    } else if (valueFrom?.secretKeyRef) {
      const { name: secretName = '', key } = valueFrom.secretKeyRef;
      const secret = named(secrets, 'Secret', secretName);
      if (!(key in { ...secret.stringData, ...secret.data })) throw new Error(`Secret ${secretName} has no key ${key}`);
      env.set(name, { secret: { name: secretName, key } });
    } else if (valueFrom) {
      throw new Error(`${name}: only ConfigMap and Secret references are expected`);
    } else env.set(name, { value });
  }
  return env;
}

/** Every Secret a pod template can read: through env, envFrom or a volume. */
export function secretsReadBy(w: Workload): Set<string> {
  const names = new Set<string>();
  for (const c of containersOf(w)) {
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) names.add(e.valueFrom.secretKeyRef.name ?? '');
    for (const f of c.envFrom ?? []) if (f.secretRef) names.add(f.secretRef.name ?? '');
  }
  for (const v of w.template.spec?.volumes ?? []) {
    if (v.secret?.secretName) names.add(v.secret.secretName);
    for (const p of v.projected?.sources ?? []) if (p.secret?.name) names.add(p.secret.name);
  }
  return names;
}
