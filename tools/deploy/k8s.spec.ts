import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, type ServerConfig } from '@mercato/server';
import { containerPortOf, containersOf, environmentOf, named, ofKind, secretsReadBy, selects, validateSchema, workloads } from './k8s-inspect';
import { OVERLAYS, renderOverlay, secretTemplates } from './k8s-overlays';
import { MIGRATION, PROBES, SERVICES, SHARED_SETTINGS, serviceNamed } from './services';

const EVERY_SERVICE_NEEDS = ['DATABASE_URL', 'REDIS_URL', 'NODE_ENV', 'TRUST_PROXY', 'LOG_LEVEL', 'PORT'];
const ALSO_NEEDS: Record<string, string[]> = {
  'users-api': ['JWT_PRIVATE_KEY', 'MCP_RESOURCE_URL'],
  'products-api': ['JWT_JWKS_URL'],
  'mcp-gateway': ['JWT_JWKS_URL', 'PUBLIC_URL', 'AUTHORIZATION_SERVER_URL', 'MCP_ALLOWED_ORIGINS', ...SHARED_SETTINGS],
  'orders-api': ['JWT_JWKS_URL', ...SHARED_SETTINGS],
};
/** Credentials: they come from Secrets, never from a ConfigMap or a literal. */
const CREDENTIALS = ['DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY'];
const SIGNING_KEY_SECRET = 'users-api-signing-key';
/** The schema owner's URL, for the migration Job alone; the services' DATABASE_URL names a role that only reads and writes rows. */
const SCHEMA_OWNER_SECRET = 'mercato-schema-owner';

/** Stand-ins for the Secrets' contents, so the config classes can validate what the manifests set. */
const SECRET_VALUES: Record<string, string> = {
  DATABASE_URL: 'postgres://mercato:pw@postgres:5432/mercato',
  REDIS_URL: 'redis://redis:6379',
  JWT_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

const secrets = secretTemplates();
const repository = (image = '') => image.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
const tag = (image = '') => image.slice(repository(image).length);

describe.each(OVERLAYS)('the %s overlay', (overlay) => {
  const { services, migration } = renderOverlay(overlay);
  const all = [...services, ...migration];
  const deployment = (name: string) => named(services, 'Deployment', name);
  const containerOf = (name: string) => {
    const containers = deployment(name).spec?.template.spec?.containers ?? [];
    expect(containers).toHaveLength(1);
    return containers[0];
  };

  it('holds only objects of known kinds, each valid against its Kubernetes schema', () => {
    for (const o of all) expect(() => validateSchema(o)).not.toThrow();
    expect(new Set(all.map((o) => o.kind))).toEqual(
      new Set(['ConfigMap', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Ingress', 'NetworkPolicy', 'Job']),
    );
  });

  it('runs each service from its own image of one pinned release, listening on its own port', () => {
    expect(
      ofKind(services, 'Deployment')
        .map((d) => d.metadata?.name)
        .sort(),
    ).toEqual(SERVICES.map((s) => s.name).sort());
    const tags = new Set<string>();
    for (const s of SERVICES) {
      const c = containerOf(s.name);
      expect(repository(c.image)).toMatch(new RegExp(`(^|/)${s.image}$`));
      expect(tag(c.image)).toMatch(overlay === 'prod' ? /^(:\d+\.\d+\.\d+[\w.-]*|@sha256:[0-9a-f]{64})$/ : /^[:@]/);
      expect(tag(c.image)).not.toBe(':latest');
      tags.add(tag(c.image));
      expect(c.ports).toEqual([{ name: 'http', containerPort: s.port }]);
    }
    expect(tags.size).toBe(1);
  });

  it('probes liveness, readiness and startup on the service port, and lets Prometheus scrape /metrics there', () => {
    for (const s of SERVICES) {
      const c = containerOf(s.name);
      const probes = { liveness: c.livenessProbe, readiness: c.readinessProbe, startup: c.startupProbe };
      expect(Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, p?.httpGet?.path]))).toEqual({
        liveness: PROBES.live,
        readiness: PROBES.ready,
        startup: PROBES.live,
      });
      for (const p of Object.values(probes)) expect(containerPortOf(c, p?.httpGet?.port)).toBe(s.port);
      expect(deployment(s.name).spec?.template.metadata?.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(s.port),
        'prometheus.io/path': PROBES.metrics,
      });
    }
  });

  it('gives each service only env vars its config reads, every one it needs, with values its config accepts', () => {
    for (const s of SERVICES) {
      const env = environmentOf(containerOf(s.name), services, secrets);
      expect([...env.keys()].filter((name) => !s.env.has(name))).toEqual([]);
      expect([...env.keys()]).toEqual(expect.arrayContaining([...EVERY_SERVICE_NEEDS, ...ALSO_NEEDS[s.name]]));
      for (const name of CREDENTIALS.filter((n) => env.has(n))) expect([name, env.get(name)?.secret]).toEqual([name, expect.anything()]);

      const values = Object.fromEntries([...env].map(([name, src]) => [name, src.secret ? SECRET_VALUES[src.secret.key] : src.value]));
      for (const settings of s.configs) expect(() => loadConfig(settings, values)).not.toThrow();
      const config = loadConfig(s.config, values) as Record<string, unknown>;
      expect(config).toMatchObject({
        NODE_ENV: 'production',
        TRUST_PROXY: true,
        HOST: '0.0.0.0',
        PORT: s.port,
        LOG_LEVEL: overlay === 'dev' ? 'debug' : 'info',
      });
      if (s.name !== 'users-api') expect(config['JWT_JWKS_URL']).toBe(`http://users-api:${serviceNamed('users-api').port}/.well-known/jwks.json`);
    }
  });

  it('gives every service that sells one currency and one checkout lifetime, from one ConfigMap', () => {
    for (const name of SHARED_SETTINGS) {
      const readers = SERVICES.filter((s) => s.env.has(name));
      expect([name, readers.length > 1]).toEqual([name, true]);
      const values = readers.map((s) => environmentOf(containerOf(s.name), services, secrets).get(name)?.value);
      expect([name, new Set(values).size, values[0]]).toEqual([name, 1, expect.any(String)]);
      // Set in one ConfigMap every reader takes whole, so changing it there changes it for all of them.
      const holders = ofKind(services, 'ConfigMap').filter((cm) => name in (cm.data ?? {}));
      expect([name, holders.map((cm) => cm.metadata?.name)]).toEqual([name, ['mercato-orders']]);
      for (const s of readers) {
        const fromMaps = (containerOf(s.name).envFrom ?? []).map((f) => f.configMapRef?.name);
        expect([s.name, fromMaps]).toEqual([s.name, expect.arrayContaining(['mercato-orders'])]);
        expect([s.name, (containerOf(s.name).env ?? []).map((e) => e.name)]).toEqual([s.name, expect.not.arrayContaining([name])]);
      }
    }
  });

  it('names one public origin for the gateway: its resource, its authorization server and its allowed browser origin', () => {
    const env = environmentOf(containerOf('mcp-gateway'), services, secrets);
    const origin = new URL(env.get('PUBLIC_URL')?.value ?? '').origin;
    expect(new URL(env.get('AUTHORIZATION_SERVER_URL')?.value ?? '').origin).toBe(origin);
    expect(env.get('MCP_ALLOWED_ORIGINS')?.value?.split(',')).toContain(origin);
  });

  it('gives every service the issuer the gateway names as its authorization server', () => {
    const authorizationServer = environmentOf(containerOf('mcp-gateway'), services, secrets).get('AUTHORIZATION_SERVER_URL')?.value;
    for (const s of SERVICES) {
      const issuer = environmentOf(containerOf(s.name), services, secrets).get('JWT_ISSUER')?.value;
      expect({ service: s.name, issuer }).toEqual({ service: s.name, issuer: authorizationServer });
    }
  });

  it('tells users-api the resource the gateway accepts tokens for, so a sign-in naming it gets a token the gateway takes', () => {
    const publicUrl = environmentOf(containerOf('mcp-gateway'), services, secrets).get('PUBLIC_URL')?.value;
    const gateway = Object.assign(new (serviceNamed('mcp-gateway').config)() as ServerConfig, { PUBLIC_URL: publicUrl });
    const resource = environmentOf(containerOf('users-api'), services, secrets).get('MCP_RESOURCE_URL')?.value;
    expect(resource).toBe(gateway.acceptedAudience());
    expect(resource).toMatch(overlay === 'prod' ? /^https:\/\/[^/]+\/mcp$/ : /^https?:\/\/[^/]+\/mcp$/);
  });

  it('runs every pod as non-root with a read-only root, no privilege escalation, no capabilities, RuntimeDefault seccomp and /tmp on an emptyDir', () => {
    for (const w of workloads(all)) {
      const pod = w.template.spec;
      expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod?.automountServiceAccountToken).toBe(false);
      const tmp = pod?.volumes?.find((v) => v.emptyDir)?.name;
      for (const c of containersOf(w)) {
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect(c.securityContext?.capabilities?.add ?? []).toEqual([]);
        expect(c.securityContext?.privileged ?? false).toBe(false);
        expect(c.volumeMounts).toEqual([{ name: tmp, mountPath: '/tmp' }]);
      }
    }
  });

  it('bounds every container with requests and limits, and leaves graceful shutdown to the app', () => {
    for (const w of workloads(all)) {
      for (const c of containersOf(w)) {
        expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
        // The image guarantees no shell, so no `preStop: exec sleep`; the app turns unready on SIGTERM itself.
        expect(c.lifecycle).toBeUndefined();
      }
    }
    for (const s of SERVICES) {
      // The pod stays up, unready, for SHUTDOWN_DELAY_SECONDS, then needs time for in-flight requests.
      const delay = Number(environmentOf(containerOf(s.name), services, secrets).get('SHUTDOWN_DELAY_SECONDS')?.value);
      expect(delay).toBeGreaterThan(0);
      expect(deployment(s.name).spec?.template.spec?.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(delay + 30);
    }
  });

  it('scales each Deployment with an autoscaler it alone controls, and budgets disruptions so a node can still drain', () => {
    for (const s of SERVICES) {
      const d = deployment(s.name);
      expect(d.spec?.replicas).toBeUndefined();
      expect(selects(d.spec?.selector, d.spec?.template.metadata?.labels ?? {})).toBe(true);
      const hpas = ofKind(services, 'HorizontalPodAutoscaler').filter((h) => h.spec?.scaleTargetRef.name === s.name);
      expect(hpas.map((h) => [h.spec?.scaleTargetRef.apiVersion, h.spec?.scaleTargetRef.kind])).toEqual([['apps/v1', 'Deployment']]);
      const { minReplicas = 1, maxReplicas } = hpas[0].spec ?? { maxReplicas: 0 };
      if (overlay === 'dev') expect([minReplicas, maxReplicas]).toEqual([1, 1]);
      else {
        expect(minReplicas).toBeGreaterThanOrEqual(2);
        expect(maxReplicas).toBeGreaterThanOrEqual(minReplicas);
      }
      expect(containerOf(s.name).resources?.requests?.['cpu']).toBeDefined();

      const pdbs = ofKind(services, 'PodDisruptionBudget').filter((p) => selects(p.spec?.selector, d.spec?.template.metadata?.labels ?? {}));
      expect(pdbs).toHaveLength(1);
      const { maxUnavailable, minAvailable } = pdbs[0].spec ?? {};
      expect(maxUnavailable !== undefined ? Number(maxUnavailable) >= 1 : Number(minAvailable) < minReplicas).toBe(true);
    }
    for (const p of ofKind(services, 'PodDisruptionBudget')) {
      expect(ofKind(services, 'Deployment').filter((d) => selects(p.spec?.selector, d.spec?.template.metadata?.labels ?? {}))).toHaveLength(1);
    }
  });

  it("migrates with a separate Job on the users-api image of the same release, given only the schema owner's DATABASE_URL", () => {
    expect(ofKind(services, 'Job')).toEqual([]);
    const [job, ...others] = ofKind(migration, 'Job');
    expect(others).toEqual([]);
    const [c] = job.spec?.template.spec?.containers ?? [];
    expect(c.image).toBe(containerOf(MIGRATION.service).image);
    expect(c.command).toEqual([...MIGRATION.command]);
    expect([...environmentOf(c, migration, secrets)].map(([name, src]) => [name, src.secret?.name])).toEqual([['DATABASE_URL', SCHEMA_OWNER_SECRET]]);
    expect(job.spec?.template.spec?.restartPolicy).toBe('Never');
    expect(new Set(migration.map((o) => o.metadata.namespace))).toEqual(new Set([deployment('users-api').metadata?.namespace]));
  });

  it("keeps the schema owner's credentials inside the migration Job, and the services on their own role's", () => {
    for (const w of workloads(all)) {
      const isJob = ofKind(migration, 'Job').some((j) => j.metadata?.name === w.name);
      expect([w.name, secretsReadBy(w).has(SCHEMA_OWNER_SECRET)]).toEqual([w.name, isJob]);
    }
    for (const s of SERVICES)
      expect(environmentOf(containerOf(s.name), services, secrets).get('DATABASE_URL')?.secret).toEqual({ name: 'mercato-datastores', key: 'DATABASE_URL' });
  });

  it('keeps credentials out of the manifests and the signing key inside users-api', () => {
    expect(all.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const cm of ofKind(all, 'ConfigMap')) expect(Object.keys(cm.data ?? {}).filter((k) => CREDENTIALS.includes(k))).toEqual([]);
    for (const w of workloads(all)) {
      const readsKey = secretsReadBy(w).has(SIGNING_KEY_SECRET);
      const seesKey = containersOf(w).some((c) => environmentOf(c, all, secrets).has('JWT_PRIVATE_KEY'));
      expect([w.name, readsKey, seesKey]).toEqual([w.name, w.name === 'users-api', w.name === 'users-api']);
    }
  });
});

describe('the Secret template', () => {
  it('holds only placeholders, as plain stringData, for every key a workload reads', () => {
    for (const o of secrets) expect(() => validateSchema(o)).not.toThrow();
    for (const secret of ofKind(secrets, 'Secret')) {
      expect(secret.data).toBeUndefined();
      for (const value of Object.values(secret.stringData ?? {})) {
        expect(value).toMatch(/<[a-z][^<>]*>/i);
        expect(value).not.toMatch(/-----BEGIN|[A-Za-z0-9+/=]{40}/);
      }
    }
    expect(Object.keys(named(secrets, 'Secret', SIGNING_KEY_SECRET).stringData ?? {})).toEqual(['JWT_PRIVATE_KEY']);

    const read = new Set<string>();
    for (const { services, migration } of OVERLAYS.map(renderOverlay)) {
      for (const w of workloads([...services, ...migration])) {
        for (const c of containersOf(w)) {
          for (const { secret } of environmentOf(c, [...services, ...migration], secrets).values()) if (secret) read.add(`${secret.name}/${secret.key}`);
        }
      }
    }
    const provided = ofKind(secrets, 'Secret').flatMap((s) => Object.keys(s.stringData ?? {}).map((key) => `${s.metadata?.name}/${key}`));
    expect([...read].sort()).toEqual(provided.sort());
  });
});
