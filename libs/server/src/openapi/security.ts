import type { OpenAPIObject } from '@nestjs/swagger';

/** The scheme every operation requires unless public, as the global JWT guard does. */
export const BEARER_SCHEME = 'bearer';

/**
 * An empty security requirement: "no credentials needed" (OpenAPI 3, Security Requirement Object). `@Public()`
 * attaches it, so the document follows the same route metadata as the guard rather than a list kept by hand.
 */
export const NO_CREDENTIALS: Record<string, string[]> = {};

/**
 * Nest's explorer drops an empty `security` array, so `@Public()` can only say `[{}]`; this rewrites that
 * as the canonical `security: []` (generators and Swagger UI then show no lock). `[{}, { bearer: [] }]`, a
 * public route whose answer depends on the caller, is left as is: the token is optional there.
 */
export function clearSecurityOfPublicOperations(document: OpenAPIObject): void {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as { security?: Record<string, string[]>[] }[]) {
      if (operation.security?.every((requirement) => Object.keys(requirement).length === 0)) operation.security = [];
    }
  }
}
