import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROLES } from '@mercato/core';
import { ROOT } from '@mercato/testing';

/**
 * Permissions are the one vocabulary of access (ARCHITECTURE.md): roles turn into permissions in
 * libs/core/src/auth/permissions.ts and nowhere else. The doors (the apps and the server kit) declare and ask
 * for permissions; they never name a role to decide who may do something.
 */
const GRANT_TABLE = 'libs/core/src/auth/permissions.ts';

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const doors = readdirSync(join(ROOT, 'apps'))
  .flatMap((app) => sourcesUnder(`apps/${app}/src`))
  .concat(sourcesUnder('libs/server/src'));
const core = sourcesUnder('libs/core/src').filter((file) => file !== GRANT_TABLE);
const names = ROLES.join('|');

/** Every place in `files` where `pattern` matches, as `file: text`. */
function findings(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(pattern)].map((m) => `${file}: ${m[0]}`));
}

describe('one permission vocabulary', () => {
  it('finds the sources it checks', () => {
    expect(doors).toEqual(expect.arrayContaining(['apps/products-api/src/products.controller.ts', 'libs/server/src/auth/jwt-auth.guard.ts']));
    expect(core).toContain('libs/core/src/products/products.policy.ts');
  });

  it('keeps roles out of the doors: no role type or role names imported, no list of roles', () => {
    expect(findings(doors, /import\s+(type\s+)?\{[^}]*\b(Role|ROLES)\b[^}]*\}\s*from\s*'@mercato\/core'/g)).toEqual([]);
    expect(findings(doors, new RegExp(`\\[\\s*'(${names})'\\s*[,\\]]`, 'g'))).toEqual([]);
    expect(findings(doors, /@Roles\(/g)).toEqual([]);
  });

  it("decides access from an actor's role only in the grant table", () => {
    expect(findings([...doors, ...core], /\bactor\??\.role\b/g)).toEqual([]);
    expect(findings([GRANT_TABLE], /\bactor\.role\b/g).length).toBeGreaterThan(0);
  });
});
