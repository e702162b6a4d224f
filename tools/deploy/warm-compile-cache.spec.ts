import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '@mercato/testing';

const SCRIPT = join(__dirname, 'warm-compile-cache.cjs');
let dir: string;

beforeAll(() => {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  // inside the checkout, so the bundle's dependencies resolve from its node_modules as a bundle's do
  dir = mkdtempSync(join(ROOT, 'tmp', 'warm-'));
  mkdirSync(join(dir, 'bundle'));
  writeFileSync(join(dir, 'bundle', 'package.json'), JSON.stringify({ dependencies: { pino: '*', '@modelcontextprotocol/sdk': '*' } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const warm = (env: Record<string, string>) =>
  spawnSync(process.execPath, [SCRIPT, join(dir, 'bundle')], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });

describe('warm-compile-cache', () => {
  it("fills the cache with the bundle's dependencies, passing over one that has no CommonJS entry point", () => {
    const cache = join(dir, 'cache');
    const run = warm({ NODE_COMPILE_CACHE: cache });
    expect(run.status).toBe(0);
    // pino loads; the MCP SDK exports subpaths only, which the bundle's start caches itself
    expect(run.stdout).toContain('1 of 2 packages compiled');
    const [versionDir] = readdirSync(cache);
    expect(readdirSync(join(cache, versionDir)).length).toBeGreaterThan(10);
  });

  it('fails rather than warm nothing when no cache directory is named', () => {
    const run = warm({});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NODE_COMPILE_CACHE');
  });
});
