import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '@mercato/testing';

/**
 * The layer rules of ARCHITECTURE.md are enforced by lint, so this lints small probe files inside the very
 * projects a forbidden import would be written in, and expects lint to refuse them. They live in a `tmp`
 * folder of each project's test/ tree: the projects' own lint ignores tmp folders and their builds skip
 * test/, so a lint or build running alongside never sees a probe; this run lints them with --no-ignore.
 * One ESLint run for all probes: each builds the TypeScript program for the type-aware rules.
 */
const PROBES = {
  domainWithAdapters: [
    'libs/core/test/tmp/lint-probe.ts',
    `import { DataSource } from 'typeorm';\nimport { Server } from '@modelcontextprotocol/sdk/server/index.js';\nimport { createApp } from '@mercato/server';\nexport const probe = [DataSource, Server, createApp];\n`,
  ],
  // Probes import libs that do not depend back on the prober: for those the rule reports the cycle instead.
  dataWithAdapterAndDeepImport: [
    'libs/data/test/tmp/lint-probe-forbidden.ts',
    `import { createRedisClient } from '@mercato/redis';\nimport { UsersService } from '../../../core/src/users/users.service';\nexport const probe = [createRedisClient, UsersService];\n`,
  ],
  dataWithDomain: ['libs/data/test/tmp/lint-probe-allowed.ts', `import { UsersRepository } from '@mercato/core';\nexport const probe = UsersRepository;\n`],
  serverWithDatabaseDriver: ['libs/server/test/tmp/lint-probe.ts', `import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n`],
  productsWithUsersContext: [
    'apps/products-api/test/tmp/lint-probe.ts',
    `import { UsersDomainModule } from '@mercato/users';\nimport { ProductsDomainModule } from '@mercato/products';\nexport const probe = [UsersDomainModule, ProductsDomainModule];\n`,
  ],
  gatewayWithEveryContext: [
    'apps/mcp-gateway/test/tmp/lint-probe.ts',
    `import { UsersDomainModule } from '@mercato/users';\nimport { ProductsDomainModule } from '@mercato/products';\nexport const probe = [UsersDomainModule, ProductsDomainModule];\n`,
  ],
  domainWithCryptoAndEngines: [
    'libs/core/test/tmp/lint-probe-crypto.ts',
    `import * as argon2 from 'argon2';\nimport * as jwt from 'jsonwebtoken';\nimport { Container } from '@nlpjs/core';\nimport { randomUUID } from 'node:crypto';\nimport { readFileSync } from 'fs';\nimport { IsString } from 'class-validator';\nexport const probe = [argon2, jwt, Container, randomUUID, readFileSync, IsString];\n`,
  ],
  adapterWithData: [
    'libs/security/test/tmp/lint-probe.ts',
    `import { PasswordHasher } from '@mercato/core';\nimport { createDataSource } from '@mercato/data';\nexport const probe = [PasswordHasher, createDataSource];\n`,
  ],
} as const;

/** The boundary rule, and the import ban that keeps Node's I/O and crypto modules (no npm packages) out of the domain. */
const LAYER_RULES = ['@nx/enforce-module-boundaries', 'no-restricted-imports'];

let refusals: Record<keyof typeof PROBES, string[]>;

beforeAll(async () => {
  const files = Object.values(PROBES).map(([path, source]) => {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), source);
    return join(ROOT, path);
  });
  try {
    // The CLI, as `nx lint` runs it: ESLint loads its flat config with a dynamic import jest cannot host.
    const stdout = await new Promise<string>((resolve) =>
      execFile(
        process.execPath,
        [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--no-ignore', ...files],
        { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
        (_error, out) => resolve(out),
      ),
    );
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
    const boundaryMessages = (path: string) =>
      (results.find((r) => r.filePath === join(ROOT, path))?.messages ?? []).filter((m) => LAYER_RULES.includes(m.ruleId ?? '')).map((m) => m.message);
    refusals = Object.fromEntries(Object.entries(PROBES).map(([name, [path]]) => [name, boundaryMessages(path)])) as typeof refusals;
  } finally {
    for (const file of files) rmSync(dirname(file), { recursive: true, force: true });
  }
}, 120_000);

describe('module boundaries', () => {
  it('refuses adapters (TypeORM, the MCP SDK) and other libs inside the domain', () => {
    const messages = refusals.domainWithAdapters.join('\n');
    expect(messages).toMatch(/not allowed to import "typeorm"/);
    expect(messages).toMatch(/not allowed to import "@modelcontextprotocol/);
    expect(messages).toMatch(/core -> server/); // the domain may import no other lib
  });

  it('refuses the data layer importing another adapter, and a deep import into another lib', () => {
    const [adapter, deep, ...rest] = refusals.dataWithAdapterAndDeepImport;
    expect(adapter).toMatch(/"type:data" can only depend on libs tagged with "type:domain"/);
    expect(deep).toMatch(/relative or absolute path/);
    expect(rest).toEqual([]);
  });

  it('refuses the HTTP kit reaching the database except through the data lib', () => {
    expect(refusals.serverWithDatabaseDriver).toEqual([expect.stringMatching(/not allowed to import "typeorm"/)]);
  });

  it('refuses one context importing another: products-api may not use the users context', () => {
    const messages = refusals.productsWithUsersContext;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/"scope:products" can only depend on libs tagged with "scope:products", "scope:shared"/);
  });

  it('lets the MCP gateway, the door to every context, use them all', () => {
    expect(refusals.gatewayWithEveryContext).toEqual([]);
  });

  it('refuses crypto, hashing, JWT and lexicon engines inside the domain, which keeps only their ports', () => {
    const messages = refusals.domainWithCryptoAndEngines;
    expect(messages).toEqual([
      expect.stringMatching(/not allowed to import "argon2"/),
      expect.stringMatching(/not allowed to import "jsonwebtoken"/),
      expect.stringMatching(/not allowed to import "@nlpjs\/core"/),
      expect.stringMatching(/'node:crypto' import is restricted/),
      expect.stringMatching(/'fs' import is restricted/),
    ]); // class-validator, one of the domain's own packages, passes
  });

  it('refuses an adapter lib importing anything but the domain', () => {
    expect(refusals.adapterWithData).toEqual([expect.stringMatching(/"type:adapter" can only depend on libs tagged with "type:domain"/)]);
  });

  it('accepts what the layers allow: the data layer using the domain through its public face', () => {
    expect(refusals.dataWithDomain).toEqual([]);
  });
});
