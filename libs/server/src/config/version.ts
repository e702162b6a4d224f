import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The release version: APP_VERSION (set by the image build), else the workspace's package.json. */
export function findVersion(explicit?: string): string {
  if (explicit) return explicit;
  for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mercato' && pkg.version) return pkg.version;
    }
  }
  return 'unknown';
}
