import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type IPod, Pod } from 'kubernetes-models/v1/Pod';
import { k8sBinary } from './k8s-binaries';
import { validateSchema } from './k8s-inspect';
import { K8S_ROOT } from './k8s-overlays';
import type { K8sObject } from './k8s-render';

/** The Helm chart in k8s/helm/mercato as the deployment tests see it, rendered by the real helm. */

export const CHART_DIR = join(K8S_ROOT, 'helm', 'mercato');
/** The release name the tests install under: the chart then names its objects mercato-<component>. */
export const RELEASE = 'mercato';
/** Values files shipped with the chart, relative to it. */
export const PRODUCTION_VALUES = 'values-production.yaml';
export const DEV_VALUES = 'ci/dev-values.yaml';

export interface HelmRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export interface ChartOptions {
  /** Values files, relative to the chart or absolute, applied in order after values.yaml. */
  values?: string[];
  /** `--set` assignments, applied last. */
  set?: string[];
  namespace?: string;
}

export function helm(args: string[]): HelmRun {
  const run = spawnSync(k8sBinary('helm'), args, { encoding: 'utf8', env: { ...process.env, HELM_DEBUG: '' } });
  if (run.error) throw run.error;
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
}

function optionArgs({ values = [], set = [], namespace = RELEASE }: ChartOptions): string[] {
  return [...values.flatMap((file) => ['-f', resolve(CHART_DIR, file)]), ...set.flatMap((s) => ['--set', s]), '--namespace', namespace];
}

export function lintChart(options: ChartOptions = {}): HelmRun {
  return helm(['lint', '--strict', CHART_DIR, ...optionArgs(options)]);
}

/** `helm template`, hooks and tests included; a failed render is returned, not thrown, for the negative tests. */
export function templateChart(options: ChartOptions = {}): HelmRun {
  return helm(['template', RELEASE, CHART_DIR, ...optionArgs(options)]);
}

const rendered = new Map<string, K8sObject[]>();

/** The objects `helm install` would create, rendered once per set of options in a process (helm takes ~200 ms). */
export function renderChart(options: ChartOptions = {}): K8sObject[] {
  const key = JSON.stringify(optionArgs(options));
  const cached = rendered.get(key);
  if (cached) return cached;
  const run = templateChart(options);
  if (!run.ok) throw new Error(`helm template failed:\n${run.stderr}`);
  const objects = parseAllDocuments(run.stdout).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`helm template printed invalid YAML: ${doc.errors[0].message}`);
    const value = doc.toJS() as K8sObject | null;
    return value === null ? [] : [value];
  });
  rendered.set(key, objects);
  return objects;
}

export function hookOf(o: K8sObject): string[] {
  const annotations = (o.metadata['annotations'] ?? {}) as Record<string, string>;
  return annotations['helm.sh/hook']?.split(',') ?? [];
}

/** A release split as the layouts compare: what install applies, the migration it runs first, and `helm test`'s objects. */
export interface RenderedChart {
  services: K8sObject[];
  migration: K8sObject[];
  tests: K8sObject[];
}

const component = (o: K8sObject) => ((o.metadata['labels'] ?? {}) as Record<string, string>)['app.kubernetes.io/component'];

export function splitRelease(objects: K8sObject[]): RenderedChart {
  const tests = objects.filter((o) => hookOf(o).includes('test'));
  const rest = objects.filter((o) => !tests.includes(o));
  const migration = rest.filter((o) => component(o) === 'migrate');
  return { services: rest.filter((o) => !migration.includes(o)), migration, tests };
}

/** The `helm test` pods: a kind the kustomize tree never renders, so validated here rather than by validateSchema. */
export function testPods(objects: K8sObject[]): IPod[] {
  return objects.filter((o) => o.apiVersion === Pod.apiVersion && o.kind === Pod.kind) as unknown as IPod[];
}

export function validateChartObject(o: K8sObject): void {
  if (o.apiVersion === Pod.apiVersion && o.kind === Pod.kind) new Pod(o as unknown as IPod).validate();
  else validateSchema(o);
}
