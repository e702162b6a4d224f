import { parse } from 'yaml';
import { readRepoText } from './compose';
import { engineMajor } from './dockerfile';
import { SERVICES } from './services';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  services?: Record<string, { image: string; ports?: string[]; options?: string }>;
  env?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  on: { push?: { branches: string[] }; pull_request?: unknown };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readRepoText('.github/workflows/ci.yml')) as Workflow;
const ciRun = readRepoText('.ci/run');
const job = (name: string): Job => {
  const found = workflow.jobs[name];
  if (!found) throw new Error(`the workflow has no job ${name}`);
  return found;
};
const stepUsing = (j: Job, action: string): Step => {
  const found = j.steps.find((s) => s.uses?.startsWith(`${action}@`));
  if (!found) throw new Error(`no step uses ${action}`);
  return found;
};

describe('the CI workflow', () => {
  it('runs on pull requests and pushes to main, reading the repository and nothing more', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('runs .ci/run on the Node package.json names against PostgreSQL and Redis service containers at the addresses .ci/run uses', () => {
    const verify = job('verify');
    expect(stepUsing(verify, 'actions/setup-node').with?.['node-version']).toBe(engineMajor());
    expect(verify.steps.map((s) => s.run)).toContain('.ci/run');
    expect(verify.services?.postgres.image).toMatch(/^postgres:\d+$/);
    expect(verify.services?.redis.image).toMatch(/^redis:\d+$/);
    expect(verify.services?.postgres.ports).toEqual(['5432:5432']);
    expect(verify.services?.redis.ports).toEqual(['6379:6379']);
    for (const svc of Object.values(verify.services ?? {})) expect(svc.options).toContain('--health-cmd');
    for (const name of ['DATABASE_URL', 'REDIS_URL']) {
      const fallback = new RegExp(`${name}="\\$\\{${name}:-([^}]+)\\}"`).exec(ciRun)?.[1];
      expect([name, verify.env?.[name]]).toEqual([name, fallback]);
    }
  });

  it("has .ci/run bring its own Node, of the version package.json names, where the machine's is older", () => {
    const useNode = readRepoText('.ci/use-node');
    expect(ciRun.indexOf('source .ci/use-node')).toBeGreaterThan(-1);
    expect(ciRun.indexOf('source .ci/use-node')).toBeLessThan(ciRun.search(/^npm ci\b/m));
    expect(/^NODE_MAJOR=(\d+)$/m.exec(useNode)?.[1]).toBe(String(engineMajor()));
    // an exact release from the npm registry's `node` package, of that major
    expect(/^NODE_PACKAGE=node@(\d+)\.\d+\.\d+$/m.exec(useNode)?.[1]).toBe(String(engineMajor()));
  });

  it('has .ci/run install from the lockfile, then lint, build and test everything', () => {
    expect(ciRun).toMatch(/^npm ci\b/m);
    expect(ciRun).toMatch(/^npx nx run-many -t lint build\b/m);
    expect(ciRun).toMatch(/^npm test\b/m);
    expect(ciRun).toMatch(/set -euo pipefail/);
  });

  it('has .ci/run smoke-run the benchmark after the tests, against the bundles the build made', () => {
    const smoke = ciRun.search(/^npm run bench -- --smoke\b/m);
    expect(smoke).toBeGreaterThan(ciRun.search(/^npm test\b/m));
    expect(ciRun.search(/^npx nx run-many -t lint build\b/m)).toBeLessThan(smoke);
  });

  it('builds every service image with buildx on pull requests and on main alike, after the checks pass', () => {
    const images = job('images');
    expect(images.if).toBeUndefined();
    expect(images.needs).toBe('verify');
    expect(images.strategy?.matrix.app).toEqual(SERVICES.map((s) => s.name));
    stepUsing(images, 'docker/setup-buildx-action');
    const build = stepUsing(images, 'docker/build-push-action').with ?? {};
    expect(String(build['build-args']).split('\n')).toContain('APP=${{ matrix.app }}');
    expect(build.tags).toBe('mercato/${{ matrix.app }}:${{ github.sha }}');
    expect(SERVICES.map((s) => s.image)).toEqual(SERVICES.map((s) => `mercato/${s.name}`));
    expect(build.push).toBe(false);
  });

  it('smoke-runs each image as far as its configuration check', () => {
    const run =
      job('images')
        .steps.map((s) => s.run ?? '')
        .find((r) => r.includes('docker run')) ?? '';
    expect(run).toContain('--read-only');
    expect(run).toContain("grep -q 'Invalid configuration'");
  });

  it('logs in to no registry and pushes nowhere', () => {
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    expect(steps.filter((s) => s.uses?.startsWith('docker/login-action'))).toEqual([]);
    expect(steps.filter((s) => s.with?.push === true)).toEqual([]);
  });
});
