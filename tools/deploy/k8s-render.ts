import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { k8sBinary } from './k8s-binaries';

/** Kubernetes objects as the deployment tests read them: from manifest files, and rendered by `kubectl kustomize`. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

export interface K8sObject extends JsonMap {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string } & JsonMap;
}

export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects in a multi-document YAML text; `source` names it in errors. */
export function parseObjects(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value = doc.toJS() as Json;
    if (value === null) return [];
    if (!isMap(value) || typeof value['apiVersion'] !== 'string' || typeof value['kind'] !== 'string' || !isMap(value['metadata'])) {
      throw new Error(`${source}: every document must be a Kubernetes object`);
    }
    return [value as K8sObject];
  });
}

export function readObjects(file: string): K8sObject[] {
  return parseObjects(readFileSync(file, 'utf8'), file);
}

const rendered = new Map<string, K8sObject[]>();

/**
 * `kubectl kustomize <dir>` with the kubectl a platform engineer would apply it with. Each directory is rendered
 * once per process, under Jest once per test file (each has its own module registry): kubectl takes a tenth of
 * a second or so, and specs render the same overlays again and again. Callers get their own copy. Anything kubectl writes to stderr fails the render: kustomize prints deprecation
 * warnings there and still succeeds, and the manifests are meant to need none.
 */
export function renderKustomization(dir: string): K8sObject[] {
  const path = resolve(dir);
  let objects = rendered.get(path);
  if (!objects) {
    const kubectl = spawnSync(k8sBinary('kubectl'), ['kustomize', path], { encoding: 'utf8' });
    if (kubectl.error) throw kubectl.error;
    const stderr = kubectl.stderr.trim();
    if (kubectl.status !== 0) throw new Error(`kubectl kustomize ${path} failed: ${stderr}`);
    if (stderr) throw new Error(`kubectl kustomize ${path} warned: ${stderr}`);
    objects = parseObjects(kubectl.stdout, `kubectl kustomize ${path}`);
    rendered.set(path, objects);
  }
  return structuredClone(objects);
}
