import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validateSchema } from './k8s-inspect';
import { K8S_ROOT, KUSTOMIZATIONS } from './k8s-overlays';
import { applyOperation, identity, type Json, type K8sObject, merge, renderKustomization, retagImage } from './k8s-render';

/** kubectl on PATH, plus any listed in KUBECTL (e.g. kubectl 1.20, whose kustomize is v2.0.3). */
function kubectlBinaries(): string[] {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const onPath = (process.env['PATH'] ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'kubectl'))
    .find(executable);
  const listed = (process.env['KUBECTL'] ?? '').split(delimiter).filter(Boolean);
  return [...new Set([...listed, ...(onPath ? [onPath] : [])])];
}

const sorted = (objects: K8sObject[]) => [...objects].sort((a, b) => identity(a).localeCompare(identity(b)));

describe('the kustomize renderer', () => {
  const pod = (containers: Json) => ({ spec: { template: { spec: { containers } } } });

  it('merges containers and env vars by name, replaces other lists and deletes what a patch sets to null', () => {
    const base = pod([
      {
        name: 'app',
        image: 'a',
        args: ['x', 'y'],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        stdin: true,
      },
      { name: 'sidecar', image: 's' },
    ]);
    const patch = pod([
      {
        name: 'app',
        args: ['z'],
        env: [
          { name: 'B', value: '3' },
          { name: 'C', value: '4' },
        ],
        stdin: null,
      },
    ]);
    expect(merge(base, patch)).toEqual(
      pod([
        {
          name: 'app',
          image: 'a',
          args: ['z'],
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '3' },
            { name: 'C', value: '4' },
          ],
        },
        { name: 'sidecar', image: 's' },
      ]),
    );
  });

  it('retags only the image it names, keeping or replacing the registry', () => {
    expect(retagImage('mercato/users-api', { name: 'mercato/users-api', newTag: 'dev' })).toBe('mercato/users-api:dev');
    expect(retagImage('mercato/users-api:1', { name: 'mercato/users-api', newName: 'r.io:5000/m/users-api', newTag: '2' })).toBe('r.io:5000/m/users-api:2');
    expect(retagImage('mercato/users-api:1', { name: 'mercato/users-api', digest: 'sha256:ab' })).toBe('mercato/users-api@sha256:ab');
    expect(retagImage('mercato/users-api-extra:1', { name: 'mercato/users-api', newTag: '2' })).toBe('mercato/users-api-extra:1');
  });

  it('applies JSON 6902 add, replace and remove, and refuses a path that does not exist', () => {
    const doc: Json = { spec: { rules: [{ http: {} }], old: 1 } };
    const ops: Json[] = [
      { op: 'add', path: '/spec/rules/0/host', value: 'h' },
      { op: 'add', path: '/spec/tls', value: [{ hosts: ['h'] }] },
      { op: 'replace', path: '/spec/rules/0/http', value: { paths: [] } },
      { op: 'remove', path: '/spec/old' },
    ];
    expect(ops.reduce(applyOperation, doc)).toEqual({ spec: { rules: [{ host: 'h', http: { paths: [] } }], tls: [{ hosts: ['h'] }] } });
    expect(() => applyOperation(doc, { op: 'add', path: '/spec/missing/host', value: 'h' })).toThrow(/does not exist/);
  });

  it('refuses kustomize features it does not implement, and directories under resources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-render-'));
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'kustomization.yaml'), 'commonLabels:\n  a: b\n');
      expect(() => renderKustomization(dir)).toThrow(/does not implement commonLabels/);
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - sub\n');
      expect(() => renderKustomization(dir)).toThrow(/directory; list it under bases/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails schema validation for an unknown kind and for a malformed object', () => {
    const meta = { metadata: { name: 'x' } };
    expect(() => validateSchema({ apiVersion: 'v1', kind: 'Pod', ...meta })).toThrow(/no schema known/);
    const containers = [{ name: 'x', image: 'x', ports: [{ containerPort: 'http' }] }];
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', ...meta, spec: { selector: {}, template: { spec: { containers } } } };
    expect(() => validateSchema(deployment as unknown as K8sObject)).toThrow(/containerPort must be integer/);
  });
});

// Defined only where kubectl exists: fresh machines run the renderer alone, CI and workstations compare it.
const kubectls = kubectlBinaries();
if (kubectls.length) {
  describe.each(kubectls)('the renderer beside %s kustomize', (kubectl) => {
    it.each(KUSTOMIZATIONS)('renders %s exactly as kubectl does', (dir) => {
      const path = join(K8S_ROOT, dir);
      const output = execFileSync(kubectl, ['kustomize', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const theirs = parseAllDocuments(output).map((d) => d.toJS() as K8sObject);
      expect(sorted(renderKustomization(path))).toEqual(sorted(theirs));
    });
  });
}
