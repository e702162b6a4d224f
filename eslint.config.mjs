import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Module boundaries, in two dimensions; each lib's README says what belongs in it.
// Layers (type:*): app -> context -> server -> data/adapter -> domain. The domain depends on nothing.
const layers = [
  // Apps reach the test kit from their test/ folders only; it is never part of a build.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:context', 'type:server', 'type:data', 'type:adapter', 'type:domain', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:context', 'type:server', 'type:data', 'type:adapter', 'type:domain'] },
  { sourceTag: 'type:context', onlyDependOnLibsWithTags: ['type:server', 'type:data', 'type:adapter', 'type:domain'] },
  { sourceTag: 'type:server', onlyDependOnLibsWithTags: ['type:data', 'type:adapter', 'type:domain'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain'] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: [],
    // The domain stays free of adapters so it can be tested with in-memory fakes.
    bannedExternalImports: ['typeorm', 'pg', 'express', 'fastify', '@fastify/*', 'passport*', '@nestjs/*', '@modelcontextprotocol/*', 'redis'],
  },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:context', 'type:server', 'type:data', 'type:adapter', 'type:domain', 'type:testing'] },
];

// Contexts (scope:*): a context's app and libs see their own context and the shared kernel, never another
// context's. The MCP gateway is the one door to every context, so it may use them all.
const scopes = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:users', onlyDependOnLibsWithTags: ['scope:users', 'scope:shared'] },
  { sourceTag: 'scope:products', onlyDependOnLibsWithTags: ['scope:products', 'scope:shared'] },
  { sourceTag: 'scope:mcp', onlyDependOnLibsWithTags: ['scope:mcp', 'scope:users', 'scope:products', 'scope:shared'] },
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
    files: ['tools/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  { ...tseslint.configs.disableTypeChecked, files: ['**/*.js', '**/*.mjs', '**/*.cjs'] },
];
