import type { OpenAPIObject } from '@nestjs/swagger';
import { describePermissions, permissionNote } from './permissions';

const documentWith = (operations: Record<string, object>): OpenAPIObject =>
  ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/p': operations } }) as unknown as OpenAPIObject;

describe('permissions in the OpenAPI document', () => {
  it('names a permission with the roles the grant table gives it', () => {
    expect(permissionNote('product:read-stock')).toBe('`product:read-stock` (granted to: admin)');
    expect(permissionNote('user:read-self')).toBe('`user:read-self` (granted to: admin, user, guest)');
  });

  it("adds the declared permission to an operation's description and leaves the others as they are", () => {
    const doc = documentWith({
      get: { description: 'Lowest first.', 'x-permission': 'product:read-stock' },
      post: { 'x-permission': 'product:write' },
      put: { description: 'Yours.' },
    });
    describePermissions(doc);
    const ops = doc.paths['/p'] as Record<string, { description?: string }>;
    expect(ops['get'].description).toBe('Lowest first.\n\nNeeds the permission `product:read-stock` (granted to: admin).');
    expect(ops['post'].description).toBe('Needs the permission `product:write` (granted to: admin).');
    expect(ops['put'].description).toBe('Yours.');
  });
});
