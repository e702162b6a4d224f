import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Renders a kustomization the way `kubectl kustomize` does, for exactly the subset k8s/ uses, so the tests
 * run where kubectl is not installed. The subset is what kustomize v5 and kubectl 1.20's bundled v2.0.3
 * both understand; any other field is an error here, so a new feature cannot be silently ignored.
 * When kubectl is on PATH, k8s-render.spec.ts checks that this output equals kubectl's.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

export interface K8sObject extends JsonMap {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string } & JsonMap;
}

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

interface Json6902Ref {
  target: { group?: string; version: string; kind: string; name: string };
  path: string;
}

interface Kustomization {
  bases?: string[];
  resources?: string[];
  namespace?: string;
  images?: ImageRule[];
  patchesStrategicMerge?: string[];
  patchesJson6902?: Json6902Ref[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'bases', 'resources', 'namespace', 'images', 'patchesStrategicMerge', 'patchesJson6902']);

/** Lists of these fields merge element by element on the key, as strategic merge does for pod specs. */
const MERGE_KEYS: Record<string, string> = { containers: 'name', initContainers: 'name', env: 'name', volumes: 'name', volumeMounts: 'mountPath' };

export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readYamlDocuments(file: string): Json[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS() as Json;
    return value === null ? [] : [value];
  });
}

export function readObjects(file: string): K8sObject[] {
  return readYamlDocuments(file).map((doc) => {
    if (!isMap(doc) || typeof doc['apiVersion'] !== 'string' || typeof doc['kind'] !== 'string' || !isMap(doc['metadata'])) {
      throw new Error(`${file}: every document must be a Kubernetes object`);
    }
    return doc as K8sObject;
  });
}

export function identity(o: K8sObject): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export function renderKustomization(dir: string): K8sObject[] {
  const k = readKustomization(dir);
  let objects = [
    ...(k.bases ?? []).flatMap((base) => renderKustomization(join(dir, base))),
    ...(k.resources ?? []).flatMap((file) => readObjects(resourceFile(dir, file))),
  ];
  const ids = objects.map(identity);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`${dir}: ${twice} is defined twice`);

  for (const file of k.patchesStrategicMerge ?? []) {
    for (const patch of readObjects(join(dir, file))) objects = replaceOne(objects, sameObject(patch), (o) => merge(o, patch) as K8sObject);
  }
  for (const { target, path } of k.patchesJson6902 ?? []) {
    const apiVersion = target.group ? `${target.group}/${target.version}` : target.version;
    const ops = readYamlDocuments(join(dir, path))[0];
    if (!Array.isArray(ops)) throw new Error(`${path}: a JSON 6902 patch is a list of operations`);
    objects = replaceOne(
      objects,
      (o) => o.apiVersion === apiVersion && o.kind === target.kind && o.metadata.name === target.name,
      (o) => ops.reduce(applyOperation, o as Json) as K8sObject,
    );
  }
  const { namespace, images = [] } = k;
  if (namespace) objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
  return objects.map((o) => images.reduce(retag, o));
}

function readKustomization(dir: string): Kustomization {
  const [doc] = readYamlDocuments(join(dir, 'kustomization.yaml'));
  if (!isMap(doc)) throw new Error(`${dir}: kustomization.yaml is empty`);
  const unknown = Object.keys(doc).filter((key) => !SUPPORTED.has(key));
  if (unknown.length) throw new Error(`${dir}: the renderer does not implement ${unknown.join(', ')}`);
  return doc as unknown as Kustomization;
}

/** kustomize v2.0.3 reads only files under `resources`; a directory there is an error in kubectl 1.20. */
function resourceFile(dir: string, file: string): string {
  const path = join(dir, file);
  if (statSync(path).isDirectory()) throw new Error(`${dir}: ${file} is a directory; list it under bases`);
  return path;
}

function sameObject(patch: K8sObject): (o: K8sObject) => boolean {
  return (o) => o.apiVersion === patch.apiVersion && o.kind === patch.kind && o.metadata.name === patch.metadata.name;
}

function replaceOne(objects: K8sObject[], matches: (o: K8sObject) => boolean, change: (o: K8sObject) => K8sObject): K8sObject[] {
  const found = objects.filter(matches);
  if (found.length !== 1) throw new Error(`a patch must match one object, it matched ${found.length}`);
  return objects.map((o) => (matches(o) ? change(structuredClone(o)) : o));
}

/** Strategic merge: maps merge, null deletes, keyed lists merge by key, any other list is replaced. */
export function merge(base: Json, patch: Json, field = ''): Json {
  if (isMap(base) && isMap(patch)) {
    const out: JsonMap = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$')) throw new Error(`the renderer does not implement the ${key} directive`);
      if (value === null) delete out[key];
      else out[key] = key in base ? merge(base[key], value, key) : value;
    }
    return out;
  }
  const key = MERGE_KEYS[field];
  if (key && Array.isArray(base) && Array.isArray(patch)) {
    const out = [...base];
    for (const item of patch) {
      const at = out.findIndex((b) => isMap(b) && isMap(item) && b[key] === item[key]);
      if (at < 0) out.push(item);
      else out[at] = merge(out[at], item);
    }
    return out;
  }
  return patch;
}

/** One RFC 6902 operation: add, replace or remove (the ones a host or TLS patch needs). */
export function applyOperation(doc: Json, op: Json): Json {
  if (!isMap(op) || typeof op['path'] !== 'string') throw new Error('a JSON 6902 operation needs a path');
  const keys = op['path']
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  if (last === undefined) throw new Error('a JSON 6902 path cannot be the whole document');
  let parent: Json = doc;
  for (const key of keys) {
    parent = Array.isArray(parent) ? parent[Number(key)] : isMap(parent) ? parent[key] : null;
    if (parent === undefined || parent === null) throw new Error(`${op['path']}: ${key} does not exist`);
  }
  const kind = op['op'];
  if (Array.isArray(parent)) {
    const at = last === '-' ? parent.length : Number(last);
    if (kind === 'add') parent.splice(at, 0, op['value'] ?? null);
    else if (kind === 'replace' && at < parent.length) parent[at] = op['value'] ?? null;
    else if (kind === 'remove' && at < parent.length) parent.splice(at, 1);
    else throw new Error(`the renderer does not implement ${String(kind)} at ${op['path']}`);
  } else if (isMap(parent)) {
    if (kind === 'add' || (kind === 'replace' && last in parent)) parent[last] = op['value'] ?? null;
    else if (kind === 'remove' && last in parent) delete parent[last];
    else throw new Error(`the renderer does not implement ${String(kind)} at ${op['path']}`);
  } else throw new Error(`${op['path']}: the parent is not a map or a list`);
  return doc;
}

/** The `images` transformer, on the containers of pod templates (Deployments and Jobs). */
function retag(o: K8sObject, rule: ImageRule): K8sObject {
  const template = isMap(o['spec']) ? o['spec']['template'] : undefined;
  const podSpec = isMap(template) ? template['spec'] : undefined;
  if (!isMap(podSpec)) return o;
  for (const list of [podSpec['containers'], podSpec['initContainers']]) {
    for (const container of Array.isArray(list) ? list : []) {
      if (isMap(container) && typeof container['image'] === 'string') container['image'] = retagImage(container['image'], rule);
    }
  }
  return o;
}

export function retagImage(image: string, rule: ImageRule): string {
  const [ref, digest] = image.split('@');
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > ref.lastIndexOf('/');
  const name = hasTag ? ref.slice(0, colon) : ref;
  if (name !== rule.name) return image;
  const newName = rule.newName ?? name;
  if (rule.digest) return `${newName}@${rule.digest}`;
  if (rule.newTag) return `${newName}:${rule.newTag}`;
  return newName + (hasTag ? ref.slice(colon) : '') + (digest ? `@${digest}` : '');
}
