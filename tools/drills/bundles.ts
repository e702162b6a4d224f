import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '@mercato/testing';

/** The production bundle of a service, as `nx build` writes it and the image runs it. */
export const bundleOf = (app: string): string => `dist/apps/${app}/main.js`;

/** Newest modification time below a folder (the sources a bundle is built from). */
function newestIn(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the bundles of `apps` when one is missing or older than the sources (the app's and every lib's), so
 * a drill never measures yesterday's code; after `nx build` (as in CI) this costs a directory walk.
 */
export function ensureBundles(apps: string[]): void {
  // libs/testing never reaches a bundle
  const libs = readdirSync(join(ROOT, 'libs'))
    .filter((lib) => lib !== 'testing')
    .map((lib) => join(ROOT, 'libs', lib, 'src'));
  const sources = Math.max(...libs.map(newestIn));
  const stale = apps.filter((app) => {
    const bundle = join(ROOT, bundleOf(app));
    return !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(sources, newestIn(join(ROOT, 'apps', app, 'src')));
  });
  if (!stale.length) return;
  console.log(`building ${stale.join(', ')} (bundles missing or older than the sources)`);
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...stale, '--outputStyle=static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
}
