import { validateSchema } from './k8s-inspect';
import type { K8sObject } from './k8s-render';

describe('schema validation', () => {
  it('fails for an unknown kind and for a malformed object', () => {
    const meta = { metadata: { name: 'x' } };
    expect(() => validateSchema({ apiVersion: 'v1', kind: 'Pod', ...meta })).toThrow(/no schema known/);
    const containers = [{ name: 'x', image: 'x', ports: [{ containerPort: 'http' }] }];
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', ...meta, spec: { selector: {}, template: { spec: { containers } } } };
    expect(() => validateSchema(deployment as unknown as K8sObject)).toThrow(/containerPort must be integer/);
  });
});
