import type { OpenAPIObject } from '@nestjs/swagger';
import { rolesGranted, type Permission } from '@mercato/core';

/** The operation extension `@Requires()` sets: the permission the route needs, in core's vocabulary. */
export const PERMISSION_EXTENSION = 'x-permission';

/** How a document names a permission for people: the permission, and the roles the grant table gives it to today. */
export function permissionNote(permission: Permission): string {
  return `\`${permission}\` (granted to: ${rolesGranted(permission).join(', ') || 'no role'})`;
}

/**
 * Says in each operation's description what its `x-permission` says to machines, so Swagger UI readers see
 * it too; the roles come from core's grant table, never from a list kept here.
 */
export function describePermissions(document: OpenAPIObject): void {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as { description?: string; [PERMISSION_EXTENSION]?: Permission }[]) {
      const permission = operation[PERMISSION_EXTENSION];
      if (!permission) continue;
      const note = `Needs the permission ${permissionNote(permission)}.`;
      operation.description = operation.description ? `${operation.description}\n\n${note}` : note;
    }
  }
}
