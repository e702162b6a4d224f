import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { ofKind, workloads } from './k8s-inspect';
import { allows, type Endpoint, type Pod } from './k8s-network';
import { INGRESS_CONTROLLER, PROMETHEUS } from './k8s-overlays';
import type { K8sObject } from './k8s-render';
import { SERVICES } from './services';

/**
 * What the kustomize tree and the Helm chart must agree on, read from either render: the objects (by kind and
 * name), and of each the fields that change what runs: images, commands, ports, env and its sources, settings,
 * probes, security contexts, resources, scaling, disruption budgets, routes, and who may reach whom.
 * Labels and selectors are left out on purpose: the chart follows Helm's app.kubernetes.io/{name,instance,component}
 * convention so two releases can share a namespace, so the network rules are compared by what they allow.
 * Names are compared without the `mercato-` prefix every chart object carries (and shared kustomize objects too).
 */
export function platformSummary(objects: K8sObject[]) {
  const pods = workloads(objects).map((w) => ({ name: logical(w.name), pod: podOf(w.template, w.namespace) }));
  return {
    objects: objects.map((o) => `${o.kind}/${logical(o.metadata.name)}`).sort(),
    namespaces: [...new Set(objects.map((o) => o.metadata.namespace))],
    configMaps: Object.fromEntries(ofKind(objects, 'ConfigMap').map((cm) => [logical(cm.metadata?.name), mapValues(cm.data ?? {}, logicalText)])),
    workloads: Object.fromEntries(
      [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')].map((w) => {
        const { template, selector: _selector, ...spec } = w.spec as { template: IPodTemplateSpec; selector?: unknown } & Record<string, unknown>;
        return [logical(w.metadata?.name), { spec, pod: podSummary(template) }];
      }),
    ),
    services: Object.fromEntries(
      ofKind(objects, 'Service').map((s) => [logical(s.metadata?.name), { type: s.spec?.type ?? 'ClusterIP', ports: s.spec?.ports }]),
    ),
    autoscalers: Object.fromEntries(
      ofKind(objects, 'HorizontalPodAutoscaler').map((h) => {
        const { scaleTargetRef, ...spec } = h.spec ?? { scaleTargetRef: { kind: '', name: '' }, maxReplicas: 0 };
        return [logical(h.metadata?.name), { ...spec, target: `${scaleTargetRef.kind}/${logical(scaleTargetRef.name)}` }];
      }),
    ),
    disruptionBudgets: Object.fromEntries(
      ofKind(objects, 'PodDisruptionBudget').map((p) => [
        logical(p.metadata?.name),
        { maxUnavailable: p.spec?.maxUnavailable, minAvailable: p.spec?.minAvailable },
      ]),
    ),
    ingresses: Object.fromEntries(
      ofKind(objects, 'Ingress').map((i) => [
        logical(i.metadata?.name),
        {
          annotations: i.metadata?.annotations ?? {},
          className: i.spec?.ingressClassName,
          tls: i.spec?.tls,
          rules: (i.spec?.rules ?? []).map((r) => ({
            host: r.host,
            paths: (r.http?.paths ?? [])
              .map((p) => `${p.pathType} ${p.path} -> ${logical(p.backend.service?.name)}:${p.backend.service?.port?.name ?? p.backend.service?.port?.number}`)
              .sort(),
          })),
        },
      ]),
    ),
    reachable: reachability(ofKind(objects, 'NetworkPolicy'), pods),
  };
}

export function logical(name = ''): string {
  return name.replace(/^mercato-/, '');
}

/** In values: the chart's service host names (mercato-users-api) read as the kustomize tree's (users-api). */
function logicalText(value: string): string {
  return value.replace(new RegExp(`\\bmercato-(${SERVICES.map((s) => s.name).join('|')})\\b`, 'g'), '$1');
}

function mapValues<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

function podSummary(template: IPodTemplateSpec) {
  const spec = template.spec;
  const annotations = Object.entries(template.metadata?.annotations ?? {}).filter(([k]) => k.startsWith('prometheus.io/'));
  return {
    scrape: Object.fromEntries(annotations),
    automountServiceAccountToken: spec?.automountServiceAccountToken,
    enableServiceLinks: spec?.enableServiceLinks,
    restartPolicy: spec?.restartPolicy,
    terminationGracePeriodSeconds: spec?.terminationGracePeriodSeconds,
    securityContext: spec?.securityContext,
    topologySpread: (spec?.topologySpreadConstraints ?? []).map(({ labelSelector: _selector, ...rest }) => rest),
    volumes: spec?.volumes,
    containers: (spec?.containers ?? []).map(containerSummary),
    initContainers: (spec?.initContainers ?? []).map(containerSummary),
  };
}

function containerSummary(c: IContainer) {
  return {
    name: c.name,
    image: c.image,
    command: c.command,
    args: c.args,
    ports: c.ports,
    envFrom: (c.envFrom ?? []).map((f) => ({ configMap: logical(f.configMapRef?.name), secret: f.secretRef?.name })),
    env: (c.env ?? []).map((e) => ({ ...e, value: e.value === undefined ? undefined : logicalText(e.value) })),
    resources: c.resources,
    startupProbe: c.startupProbe,
    livenessProbe: c.livenessProbe,
    readinessProbe: c.readinessProbe,
    lifecycle: c.lifecycle,
    securityContext: c.securityContext,
    volumeMounts: c.volumeMounts,
  };
}

function podOf(template: IPodTemplateSpec, namespace: string): Pod {
  return { namespace, labels: template.metadata?.labels ?? {}, ports: (template.spec?.containers ?? []).flatMap((c) => c.ports ?? []) };
}

/** Every connection between the workloads and their neighbours, on every port that matters, as allowed or not. */
function reachability(policies: ReturnType<typeof ofKind<'NetworkPolicy'>>, pods: { name: string; pod: Pod }[]): string[] {
  const namespace = pods[0]?.pod.namespace ?? '';
  const datastore = { ip: '10.20.0.5' };
  const dns: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
  const stranger: Pod = { namespace, labels: { app: 'something-else' } };
  const lookalike: Pod = { namespace: 'default', labels: INGRESS_CONTROLLER.labels };
  const endpoints: [string, Endpoint][] = [
    ...pods.map(({ name, pod }): [string, Endpoint] => [name, pod]),
    ['ingress-controller', INGRESS_CONTROLLER],
    ['prometheus', PROMETHEUS],
    ['datastore', datastore],
    ['dns', dns],
    ['stranger', stranger],
    ['lookalike', lookalike],
  ];
  const ports: [number, 'TCP' | 'UDP'][] = [
    ...SERVICES.map((s): [number, 'TCP'] => [s.port, 'TCP']),
    [5432, 'TCP'],
    [6379, 'TCP'],
    [53, 'UDP'],
    [53, 'TCP'],
    [443, 'TCP'],
    [9229, 'TCP'],
  ];
  const allowed: string[] = [];
  for (const [fromName, from] of endpoints) {
    for (const [toName, to] of endpoints) {
      const workload = (name: string) => pods.some((p) => p.name === name);
      if (!workload(fromName) && !workload(toName)) continue;
      for (const [port, protocol] of ports) {
        if (allows(policies, { from, to, port, protocol })) allowed.push(`${fromName} -> ${toName}:${port}/${protocol}`);
      }
    }
  }
  return allowed.sort();
}
