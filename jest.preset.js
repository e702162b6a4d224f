const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// One transform for every project: swc keeps decorator metadata (Nest DI, class-validator) and is fast on 2 cores.
const swcrc = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
// The @mercato/* paths come from tsconfig.base.json alone, so a new lib is one line there.
const { paths } = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8')).compilerOptions;
swcrc.jsc.baseUrl = __dirname;
swcrc.jsc.paths = Object.fromEntries(Object.entries(paths).map(([name, [target]]) => [name, [target.replace(/^\.\//, '')]]));

// ESM-only packages that jest cannot require; compiled to CommonJS for tests only. (NestJS 12's own ES modules load
// through Jest's VM modules instead: the test targets run with NODE_OPTIONS=--experimental-vm-modules, see nx.json.)
const esmOnly = ['content-disposition'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    [`node_modules/(${esmOnly.join('|')})/.+\\.js$`]: ['@swc/jest', { swcrc: false, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/?(*.)+(spec|e2e-spec).ts'],
  // Hooks start apps, clone databases and hash passwords; Jest's 5 s default fails them on a loaded 2-core machine.
  testTimeout: 60_000,
  // `*.redis.spec.ts` suites test what Mercato keeps in Redis; without REDIS_URL (the embedded quick start) the
  // services keep nothing there, so those suites run only where a Redis is.
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.REDIS_URL ? [] : ['\\.redis\\.(e2e-)?spec\\.ts$'])],
};
