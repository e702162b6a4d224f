// Runs the TypeScript sources directly (dev launcher, CLIs, benchmarks): swc transpiles on the fly with
// decorator metadata and resolves the @mercato/* paths from tsconfig.base.json.
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
