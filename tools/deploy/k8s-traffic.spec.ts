import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { containerPortOf, environmentOf, named, ofKind, selects, workloads } from './k8s-inspect';
import { allows, type Endpoint, type Pod } from './k8s-network';
import { INGRESS_CONTROLLER, OVERLAYS, PROMETHEUS, renderOverlay, secretTemplates } from './k8s-overlays';
import { SERVICES, serviceNamed } from './services';

/** The public paths and the service that serves each, as the list of services declares them. */
const ROUTES: Record<string, string> = Object.fromEntries(SERVICES.flatMap((s) => s.routes.map((path) => [path, s.name])));

/** Requests a client makes, and the service the ingress must hand each to (undefined: not routed). */
const REQUESTS: [string, string | undefined][] = [
  ['/api/v1/auth/login', 'users-api'],
  ['/api/v1/users/me', 'users-api'],
  ['/.well-known/jwks.json', 'users-api'],
  ['/api/v1/products/slug/cafe-creme', 'products-api'],
  ['/mcp', 'mcp-gateway'],
  ['/api/v1/ai/sentiment', 'mcp-gateway'],
  ['/.well-known/oauth-protected-resource/mcp', 'mcp-gateway'],
  ['/api/v1/checkouts/6d0c2b8e-5f57-4c1b-9d3e-2a1f0e9b7c44/complete', 'orders-api'],
  ['/api/v1/orders', 'orders-api'],
  ['/api/v1/analytics/top-products', 'orders-api'],
  ['/api/v1/orders-export', undefined],
  ['/api/v1/authorize', undefined],
  ['/metrics', undefined],
  ['/health/ready', undefined],
  ['/docs', undefined],
];

type IngressPath = { ingress: IIngress; host?: string; path: string; pathType: string; service: string; port: string | number };

function pathsOf(ingresses: IIngress[]): IngressPath[] {
  return ingresses.flatMap((ingress) =>
    (ingress.spec?.rules ?? []).flatMap((rule) =>
      (rule.http?.paths ?? []).map((p) => ({
        ingress,
        host: rule.host,
        path: p.path ?? '/',
        pathType: p.pathType,
        service: p.backend.service?.name ?? '',
        port: p.backend.service?.port?.name ?? p.backend.service?.port?.number ?? '',
      })),
    ),
  );
}

/** Kubernetes path matching: Exact is the whole path; Prefix matches whole path elements; the longest wins. */
function routeOf(paths: IngressPath[], requested: string): IngressPath | undefined {
  const elements = (p: string) => p.split('/').filter(Boolean);
  const matching = paths.filter(({ path, pathType }) =>
    pathType === 'Exact' ? path === requested : elements(path).every((e, i) => elements(requested)[i] === e),
  );
  return matching.sort((a, b) => b.path.length - a.path.length)[0];
}

describe.each(OVERLAYS)('traffic in the %s overlay', (overlay) => {
  const { services, migration } = renderOverlay(overlay);
  const all = [...services, ...migration];
  const namespace = services[0].metadata.namespace ?? '';
  const pods = new Map(
    workloads(all).map((w): [string, Pod] => [
      w.name,
      {
        namespace: w.namespace,
        labels: w.template.metadata?.labels ?? {},
        ports: (w.template.spec?.containers ?? []).flatMap((c) => c.ports ?? []),
      },
    ]),
  );
  const pod = (name: string) => pods.get(name) as Pod;
  const policies = ofKind(all, 'NetworkPolicy');
  const reaches = (from: Endpoint, to: Endpoint, port: number, protocol: 'TCP' | 'UDP' = 'TCP') => allows(policies, { from, to, port, protocol });

  it('exposes each Deployment through a Service of the same name on the service port', () => {
    for (const s of SERVICES) {
      const service = named(services, 'Service', s.name);
      const selected = workloads(services).filter((w) => selects({ matchLabels: service.spec?.selector }, w.template.metadata?.labels ?? {}));
      expect(selected.map((w) => w.name)).toEqual([s.name]);
      const [container] = selected[0].template.spec?.containers ?? [];
      expect(service.spec?.ports?.map((p) => [p.port, containerPortOf(container, p.targetPort)])).toEqual([[s.port, s.port]]);
    }
  });

  it('routes every public path to the service behind it, and nothing else', () => {
    const paths = pathsOf(ofKind(services, 'Ingress'));
    expect(Object.fromEntries(paths.map((p) => [p.path, p.service]))).toEqual(ROUTES);
    for (const p of paths) {
      const service = named(services, 'Service', p.service);
      expect(service.spec?.ports?.some((sp) => sp.name === p.port || sp.port === p.port)).toBe(true);
    }
    expect(REQUESTS.map(([url]) => [url, routeOf(paths, url)?.service])).toEqual(REQUESTS);
  });

  it('serves one host, the one the gateway names, through ingress-nginx, with TLS in production', () => {
    const ingresses = ofKind(services, 'Ingress');
    const gateway = environmentOf(named(services, 'Deployment', 'mcp-gateway').spec?.template.spec?.containers[0] ?? { name: '' }, services, secretTemplates());
    const publicUrl = new URL(gateway.get('PUBLIC_URL')?.value ?? '');
    expect(new Set(pathsOf(ingresses).map((p) => p.host))).toEqual(new Set([publicUrl.hostname]));
    expect(ingresses.map((i) => i.spec?.ingressClassName)).toEqual(ingresses.map(() => 'nginx'));
    const tlsHosts = ingresses.map((i) => (i.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    expect(tlsHosts).toEqual(ingresses.map(() => (publicUrl.protocol === 'https:' ? [publicUrl.hostname] : [])));
    expect(publicUrl.protocol).toBe(overlay === 'prod' ? 'https:' : 'http:');
  });

  it('proxies /mcp unbuffered, on an Ingress of its own since ingress-nginx annotations apply per Ingress', () => {
    const mcp = routeOf(pathsOf(ofKind(services, 'Ingress')), '/mcp');
    expect(mcp?.ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(pathsOf([mcp?.ingress as IIngress]).map((p) => p.path)).toEqual(['/mcp']);
  });

  it('points every NetworkPolicy and every pod selector in its rules at pods that exist', () => {
    for (const p of policies) {
      expect([p.metadata?.name, p.metadata?.namespace]).toEqual([p.metadata?.name, namespace]);
      const selector = p.spec?.podSelector ?? {};
      if (Object.keys(selector).length)
        expect([p.metadata?.name, [...pods.values()].some((q) => selects(selector, q.labels))]).toEqual([p.metadata?.name, true]);
      const peers = [...(p.spec?.ingress ?? []).flatMap((r) => r.from ?? []), ...(p.spec?.egress ?? []).flatMap((r) => r.to ?? [])];
      for (const peer of peers.filter((q) => q.podSelector && !q.namespaceSelector)) {
        expect([p.metadata?.name, [...pods.values()].some((q) => selects(peer.podSelector, q.labels))]).toEqual([p.metadata?.name, true]);
      }
    }
  });

  it('lets the ingress controller and Prometheus reach each service on its port, and nothing else from elsewhere', () => {
    const lookalike: Pod = { namespace: 'default', labels: INGRESS_CONTROLLER.labels };
    const neighbour: Pod = { namespace, labels: { app: 'something-else' } };
    for (const s of SERVICES) {
      expect([s.name, reaches(INGRESS_CONTROLLER, pod(s.name), s.port), reaches(PROMETHEUS, pod(s.name), s.port)]).toEqual([s.name, true, true]);
      expect([
        s.name,
        reaches(INGRESS_CONTROLLER, pod(s.name), 9229),
        reaches(lookalike, pod(s.name), s.port),
        reaches(neighbour, pod(s.name), s.port),
      ]).toEqual([s.name, false, false, false]);
    }
  });

  it('lets every other service fetch keys from users-api, the gateway call itself, and no other service-to-service traffic', () => {
    const users = serviceNamed('users-api');
    for (const from of SERVICES) {
      for (const to of SERVICES) {
        const expected = (to === users && from !== users) || (from.name === 'mcp-gateway' && to.name === 'mcp-gateway');
        expect([from.name, to.name, reaches(pod(from.name), pod(to.name), to.port)]).toEqual([from.name, to.name, expected]);
      }
    }
  });

  it('lets only the services and the migration job reach PostgreSQL and Redis, and resolve names', () => {
    const datastore = { ip: '10.20.0.5' };
    const dns: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
    // A Mercato pod with no policy of its own (a new workload, a debug pod) is still shut in by the default.
    const neighbour: Pod = { namespace, labels: { 'app.kubernetes.io/part-of': 'mercato', app: 'something-else' } };
    for (const s of SERVICES) {
      const p = pod(s.name);
      expect([s.name, reaches(p, datastore, 5432), reaches(p, datastore, 6379), reaches(p, dns, 53, 'UDP'), reaches(p, datastore, 443)]).toEqual([
        s.name,
        true,
        true,
        true,
        false,
      ]);
    }
    const job = pod('mercato-migrate');
    expect([
      reaches(job, datastore, 5432),
      reaches(job, dns, 53, 'UDP'),
      reaches(job, datastore, 6379),
      reaches(job, pod('users-api'), serviceNamed('users-api').port),
    ]).toEqual([true, true, false, false]);
    expect([reaches(neighbour, datastore, 5432), reaches(neighbour, datastore, 6379)]).toEqual([false, false]);
  });

  it('isolates every Mercato pod, and leaves other workloads of the namespace to their own policies', () => {
    const defaultDeny = named(services, 'NetworkPolicy', 'default-deny');
    for (const [name, p] of pods) expect([name, selects(defaultDeny.spec?.podSelector, p.labels)]).toEqual([name, true]);
    // e.g. a PostgreSQL operator's instances replicating to each other, and the services reaching them.
    const primary: Pod = { namespace, labels: { 'app.kubernetes.io/name': 'postgresql' }, ports: [{ containerPort: 5432 }] };
    const replica: Pod = { namespace, labels: { 'app.kubernetes.io/name': 'postgresql' } };
    expect([reaches(replica, primary, 5432), reaches(pod('users-api'), primary, 5432), reaches(pod('mercato-migrate'), primary, 5432)]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
