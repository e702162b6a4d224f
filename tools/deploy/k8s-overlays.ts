import { join } from 'node:path';
import { type K8sObject, readObjects, renderKustomization } from './k8s-render';
import type { Pod } from './k8s-network';

/** The overlays in k8s/ as the deployment tests see them, and the cluster neighbours they assume. */

export const K8S_ROOT = join(__dirname, '..', '..', 'k8s');
export const OVERLAYS = ['dev', 'prod'] as const;
export type OverlayName = (typeof OVERLAYS)[number];

export interface RenderedOverlay {
  name: OverlayName;
  /** `kubectl apply -k k8s/overlays/<name>`: the services. */
  services: K8sObject[];
  /** `kubectl apply -k k8s/overlays/<name>/migrate`: the one-shot migration, applied before the services. */
  migration: K8sObject[];
}

export function renderOverlay(name: OverlayName): RenderedOverlay {
  const dir = join(K8S_ROOT, 'overlays', name);
  return { name, services: renderKustomization(dir), migration: renderKustomization(join(dir, 'migrate')) };
}

/** Every kustomization a platform engineer applies. */
export const KUSTOMIZATIONS = OVERLAYS.flatMap((name) => [`overlays/${name}`, `overlays/${name}/migrate`]);

/** The Secrets the workloads read, as the template describes them; the real ones are created out of band. */
export function secretTemplates(): K8sObject[] {
  return readObjects(join(K8S_ROOT, 'secrets.example.yaml'));
}

/** ingress-nginx's own chart labels, in its usual namespace (k8s/README.md says how to adapt both). */
export const INGRESS_CONTROLLER: Pod = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
export const PROMETHEUS: Pod = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };
