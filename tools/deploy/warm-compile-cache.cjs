// Fills NODE_COMPILE_CACHE with V8's compiled code for a bundle's production dependencies, so the service
// starts without compiling them again: the image build runs it beside the installed dependencies, and the
// bench before it times the bundles' start. Plain CommonJS with no dependencies, as it runs where only the
// bundle's own node_modules exist.
//   NODE_COMPILE_CACHE=<dir> node warm-compile-cache.cjs [bundle dir, default .]
const { getCompileCacheDir } = require('node:module');
const { resolve } = require('node:path');

const dir = resolve(process.argv[2] ?? '.');
if (!getCompileCacheDir()) {
  console.error('NODE_COMPILE_CACHE names no usable directory: nothing to warm');
  process.exit(1);
}
// A package with no CommonJS entry point (only subpath exports, or ESM only) is loaded through its subpaths by
// the bundle, whose own start then caches them; any other failure means a broken install, and fails the build.
const SKIPPED = new Set(['MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_REQUIRE_ESM']);
const names = Object.keys(require(resolve(dir, 'package.json')).dependencies ?? {});
let warmed = 0;
for (const name of names) {
  try {
    require(require.resolve(name, { paths: [dir] }));
    warmed++;
  } catch (error) {
    if (!SKIPPED.has(error.code)) throw error;
  }
}
console.log(`compile cache: ${warmed} of ${names.length} packages compiled into ${getCompileCacheDir()}`);
