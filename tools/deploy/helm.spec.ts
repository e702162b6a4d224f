import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { containersOf, environmentOf, named, ofKind, secretsReadBy, selects, workloads } from './k8s-inspect';
import { allows, type Pod } from './k8s-network';
import type { K8sObject } from './k8s-render';
import {
  CHART_DIR,
  DEV_VALUES,
  hookOf,
  lintChart,
  PRODUCTION_VALUES,
  RELEASE,
  renderChart,
  splitRelease,
  templateChart,
  testPods,
  validateChartObject,
} from './helm';
import { SERVICES } from './services';

const name = (component: string) => `${RELEASE}-${component}`;
const labels = (o: { metadata?: { labels?: Record<string, string> } }) => o.metadata?.labels ?? {};

/** What a container reads from ConfigMaps; the credentials come from Secrets the release does not hold. */
const settingsOf = (c: IContainer | undefined, objects: K8sObject[]) => environmentOf({ name: '', ...c, env: [] }, objects, []);

/** Values files written for one test; helm reads files only. */
function valuesFile(values: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mercato-helm-')), 'values.json');
  writeFileSync(file, JSON.stringify(values));
  return file;
}

describe('the chart', () => {
  const chart = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as Record<string, string>;

  it('is a Helm 3+ application chart whose appVersion is the workspace version', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect({ apiVersion: chart['apiVersion'], type: chart['type'], appVersion: chart['appVersion'] }).toEqual({
      apiVersion: 'v2',
      type: 'application',
      appVersion: version,
    });
  });

  it.each([[[]], [[PRODUCTION_VALUES]], [[DEV_VALUES]]])('passes helm lint --strict with values %j', (values) => {
    const lint = lintChart({ values });
    expect([lint.ok, lint.stderr]).toEqual([true, '']);
    expect(lint.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });
});

describe.each([
  ['the default values', []],
  ['the production values', [PRODUCTION_VALUES]],
])('the release with %s', (_label, values) => {
  const all = renderChart({ values });
  const { services, migration, tests } = splitRelease(all);

  it('renders only objects of known kinds, each valid against its Kubernetes schema, in the release namespace', () => {
    for (const o of all) expect(() => validateChartObject(o)).not.toThrow();
    expect(new Set(all.map((o) => o.metadata.namespace))).toEqual(new Set([RELEASE]));
  });

  it('gives every service a Deployment, Service, ServiceAccount, ConfigMap, autoscaler, disruption budget and NetworkPolicy of its own', () => {
    for (const s of SERVICES) {
      const deployment = named(services, 'Deployment', name(s.name));
      const pod = deployment.spec?.template.metadata?.labels ?? {};
      for (const kind of ['Service', 'ServiceAccount', 'ConfigMap', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy'] as const) {
        expect([s.name, kind, ofKind(services, kind).filter((o) => o.metadata?.name === name(s.name)).length]).toEqual([s.name, kind, 1]);
      }
      expect(named(services, 'HorizontalPodAutoscaler', name(s.name)).spec?.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: name(s.name),
      });
      expect(selects(named(services, 'PodDisruptionBudget', name(s.name)).spec?.selector, pod)).toBe(true);
      expect(selects(named(services, 'NetworkPolicy', name(s.name)).spec?.podSelector, pod)).toBe(true);
      expect(selects({ matchLabels: named(services, 'Service', name(s.name)).spec?.selector }, pod)).toBe(true);
      expect(deployment.spec?.replicas).toBeUndefined();
    }
    expect(ofKind(services, 'Deployment')).toHaveLength(SERVICES.length);
  });

  it('labels every object the Helm way, and every pod part-of mercato for the default-deny policy', () => {
    for (const o of all) {
      expect(labels(o as never)).toMatchObject({
        'app.kubernetes.io/name': 'mercato',
        'app.kubernetes.io/instance': RELEASE,
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/part-of': 'mercato',
        'helm.sh/chart': expect.stringMatching(/^mercato-\d+\.\d+\.\d+/),
      });
    }
    const pods = [...workloads(all).map((w) => w.template.metadata?.labels ?? {}), ...testPods(tests).map((p) => labels(p as never))];
    const defaultDeny = named(services, 'NetworkPolicy', name('default-deny'));
    for (const pod of pods) expect(selects(defaultDeny.spec?.podSelector, pod)).toBe(true);
  });

  it('runs the migration as the one hook Job, before install and upgrade, with the schema owner and nothing else', () => {
    const hooked = all.filter((o) => hookOf(o).length && !hookOf(o).includes('test'));
    expect(hooked.map((o) => [o.kind, o.metadata.name, hookOf(o)])).toEqual([['Job', name('migrate'), ['pre-install', 'pre-upgrade']]]);
    const [job] = ofKind(migration, 'Job');
    const [w] = workloads([job as unknown as K8sObject]);
    expect([...secretsReadBy(w)]).toEqual(['mercato-schema-owner']);
    const [c] = containersOf(w);
    expect(c.image).toBe(named(services, 'Deployment', name('users-api')).spec?.template.spec?.containers[0].image);
    for (const s of workloads(services)) expect([s.name, secretsReadBy(s).has('mercato-schema-owner')]).toEqual([s.name, false]);
  });

  it('runs every pod, the helm test pod included, as non-root with a read-only root, no privilege escalation, no capabilities and RuntimeDefault seccomp', () => {
    const templates = [...workloads(all).map((w) => w.template), ...testPods(tests).map((p) => ({ spec: p.spec }))];
    expect(templates).toHaveLength(SERVICES.length + 2);
    for (const t of templates) {
      expect(t.spec?.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(t.spec?.automountServiceAccountToken).toBe(false);
      for (const c of t.spec?.containers ?? []) {
        expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    }
    for (const sa of ofKind(services, 'ServiceAccount')) expect(sa.automountServiceAccountToken).toBe(false);
  });

  it('gives each pod the grace period its SHUTDOWN_DELAY_SECONDS needs, and rolls it when its settings change', () => {
    for (const s of SERVICES) {
      const d = named(services, 'Deployment', name(s.name));
      const delay = Number(settingsOf(d.spec?.template.spec?.containers[0], services).get('SHUTDOWN_DELAY_SECONDS')?.value);
      expect(delay).toBeGreaterThan(0);
      expect(d.spec?.template.spec?.terminationGracePeriodSeconds).toBe(delay + 35);
      expect(d.spec?.template.metadata?.annotations).toMatchObject({ 'checksum/config': expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });

  it("routes every service's public paths, as the services declare them, to its Service", () => {
    const ingresses = ofKind(services, 'Ingress') as IIngress[];
    const routed = ingresses.flatMap((i) => (i.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => [p.path, p.backend.service?.name])));
    expect(Object.fromEntries(routed)).toEqual(Object.fromEntries(SERVICES.flatMap((s) => s.routes.map((path) => [path, name(s.name)]))));
    expect(routed).toHaveLength(SERVICES.flatMap((s) => s.routes).length);
    const mcp = ingresses.find((i) => i.spec?.rules?.[0].http?.paths.some((p) => p.path === '/mcp'));
    expect(mcp?.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(mcp?.spec?.rules?.[0].http?.paths).toHaveLength(1);
  });

  it("has helm test ask every service's /health/ready, through NetworkPolicies that exist only while it runs", () => {
    const [pod, ...others] = testPods(tests);
    expect(others).toEqual([]);
    const args = pod.spec?.containers[0].command ?? [];
    expect(args.filter((a) => a.startsWith('http'))).toEqual(expect.arrayContaining(SERVICES.map((s) => `http://${name(s.name)}:${s.port}/health/ready`)));
    for (const t of tests) expect(hookOf(t)).toEqual(['test']);
    const policies = ofKind(all, 'NetworkPolicy');
    const tester: Pod = { namespace: RELEASE, labels: labels(pod as never) };
    const withoutTestPolicies = ofKind(splitRelease(all).services, 'NetworkPolicy');
    for (const s of SERVICES) {
      const target: Pod = {
        namespace: RELEASE,
        labels: named(services, 'Deployment', name(s.name)).spec?.template.metadata?.labels ?? {},
        ports: [{ name: 'http', containerPort: s.port }],
      };
      expect([
        s.name,
        allows(policies, { from: tester, to: target, port: s.port }),
        allows(withoutTestPolicies, { from: tester, to: target, port: s.port }),
      ]).toEqual([s.name, true, false]);
    }
  });
});

describe('the values', () => {
  const rejects = (values: object) => {
    const file = valuesFile(values);
    return [lintChart({ values: [file] }), templateChart({ values: [file] })].map((run) => [run.ok, `${run.stdout}${run.stderr}`.match(/at '([^']*)'/)?.[1]]);
  };

  it('refuses a value of the wrong type, in helm lint and helm template alike', () => {
    expect(rejects({ usersApi: { autoscaling: { maxReplicas: 'ten' } } })).toEqual([
      [false, '/usersApi/autoscaling/maxReplicas'],
      [false, '/usersApi/autoscaling/maxReplicas'],
    ]);
  });

  it('refuses a pod that may run as root, or a container that may escalate its privileges', () => {
    expect(rejects({ ordersApi: { podSecurityContext: { runAsNonRoot: false } } })).toEqual([
      [false, '/ordersApi/podSecurityContext/runAsNonRoot'],
      [false, '/ordersApi/podSecurityContext/runAsNonRoot'],
    ]);
    expect(rejects({ migration: { containerSecurityContext: { allowPrivilegeEscalation: true } } })[1]).toEqual([
      false,
      '/migration/containerSecurityContext/allowPrivilegeEscalation',
    ]);
  });

  it('refuses an unknown key, so a misspelt setting is not silently ignored', () => {
    expect(rejects({ ingres: { enabled: false } })[1]).toEqual([false, '']);
    expect(rejects({ productsApi: { replicas: 3 } })[1]).toEqual([false, '/productsApi']);
  });

  it("creates the Secrets from URLs for a trial, the schema owner's as a hook that exists before the migration", () => {
    const objects = renderChart({
      set: [
        'secrets.datastores.existingSecret=',
        'secrets.datastores.databaseUrl=postgres://app:pw@db:5432/mercato',
        'secrets.datastores.redisUrl=redis://redis:6379',
        'secrets.schemaOwner.existingSecret=',
        'secrets.schemaOwner.databaseUrl=postgres://owner:pw@db:5432/mercato',
        'secrets.signingKey.existingSecret=',
      ],
    });
    const secrets = ofKind(objects, 'Secret');
    expect(secrets.map((s) => s.metadata?.name).sort()).toEqual([name('datastores'), name('schema-owner'), name('users-api-signing-key')]);
    expect(named(objects, 'Secret', name('users-api-signing-key')).stringData?.['JWT_PRIVATE_KEY']).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const owner = named(objects, 'Secret', name('schema-owner'));
    const weight = (o: { metadata?: { annotations?: Record<string, string> } }) => Number(o.metadata?.annotations?.['helm.sh/hook-weight']);
    expect(hookOf(owner as unknown as K8sObject)).toEqual(['pre-install', 'pre-upgrade']);
    expect(weight(owner)).toBeLessThan(weight(named(objects, 'Job', name('migrate'))));
    // Every key every workload reads is in a Secret of the release (environmentOf throws on a missing one).
    for (const w of workloads(objects)) for (const c of containersOf(w)) expect(environmentOf(c, objects, objects).size).toBeGreaterThan(0);
    const failed = templateChart({ set: ['secrets.datastores.existingSecret='] });
    expect([failed.ok, failed.stderr]).toEqual([false, expect.stringContaining('secrets.datastores.databaseUrl is needed')]);
  });

  it('switches each service on its own: disabled, fixed replicas, no budget, its own shutdown delay', () => {
    const objects = renderChart({
      set: [
        'ordersApi.enabled=false',
        'productsApi.autoscaling.enabled=false',
        'productsApi.replicaCount=3',
        'productsApi.pdb.create=false',
        'usersApi.shutdownDelaySeconds=20',
      ],
    });
    expect(objects.filter((o) => o.metadata.name === name('orders-api'))).toEqual([]);
    expect(JSON.stringify(ofKind(objects, 'Ingress'))).not.toContain('/api/v1/orders');
    // The gateway still sells, so the orders context's settings stay.
    expect(() => named(objects, 'ConfigMap', name('orders'))).not.toThrow();
    expect(named(objects, 'Deployment', name('products-api')).spec?.replicas).toBe(3);
    expect(ofKind(objects, 'HorizontalPodAutoscaler').map((h) => h.metadata?.name)).not.toContain(name('products-api'));
    expect(ofKind(objects, 'PodDisruptionBudget').map((h) => h.metadata?.name)).not.toContain(name('products-api'));
    const users = named(objects, 'Deployment', name('users-api'));
    expect(users.spec?.template.spec?.terminationGracePeriodSeconds).toBe(55);
    expect(settingsOf(users.spec?.template.spec?.containers[0], objects).get('SHUTDOWN_DELAY_SECONDS')?.value).toBe('20');
  });

  it('rolls the pods when a setting changes', () => {
    const checksum = (set: string[]) =>
      named(renderChart({ set }), 'Deployment', name('products-api')).spec?.template.metadata?.annotations?.['checksum/config'];
    expect(checksum(['orders.currency=USD'])).not.toBe(checksum([]));
  });
});
