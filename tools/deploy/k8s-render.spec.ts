import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { K8S_ROOT, KUSTOMIZATIONS } from './k8s-overlays';
import { renderKustomization } from './k8s-render';

/** A kustomization of its own in a temporary directory, with one ConfigMap to build on. */
function withKustomization(kustomization: string, check: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-render-'));
  try {
    writeFileSync(join(dir, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  A: "1"\n');
    writeFileSync(join(dir, 'kustomization.yaml'), kustomization);
    check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('rendering with kubectl kustomize', () => {
  it.each(KUSTOMIZATIONS)("renders %s without a warning, every object in the overlay's namespace", (kustomization) => {
    const objects = renderKustomization(join(K8S_ROOT, kustomization));
    expect(objects.length).toBeGreaterThan(0);
    expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(new Set([kustomization.includes('prod') ? 'mercato' : 'mercato-dev']));
  });

  it("fails on kustomize's deprecation warnings, which kubectl prints but does not fail on", () => {
    withKustomization('bases: []\nresources:\n  - configmap.yaml\n', (dir) => {
      expect(() => renderKustomization(dir)).toThrow(/warned: .*'bases' is deprecated/);
    });
  });

  it("fails with kubectl's own message on a kustomization it cannot build", () => {
    withKustomization('resources:\n  - missing.yaml\n', (dir) => {
      expect(() => renderKustomization(dir)).toThrow(/failed: .*missing\.yaml/);
    });
  });

  it('hands every caller its own copy of a rendering', () => {
    withKustomization('resources:\n  - configmap.yaml\n', (dir) => {
      const [first] = renderKustomization(dir);
      first.metadata.name = 'changed';
      expect(renderKustomization(dir).map((o) => o.metadata.name)).toEqual(['settings']);
    });
  });
});
