/** Whether an operation needs a bearer token; `optional`: public, but a token changes the answer. */
export type OperationToken = 'bearer' | 'optional' | 'none';

export interface OpenApiOperation {
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  description?: string;
  /** The permission the route declares with `@Requires()`. */
  'x-permission'?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  security?: Record<string, string[]>[];
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
}

/** Every operation of the document, keyed `METHOD /path`. */
export function operationsOf(doc: OpenApiDocument): [key: string, operation: OpenApiOperation][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): [string, OpenApiOperation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

/**
 * Each operation's documented statuses and token, to compare with the list a test expects. Only the three exact
 * security shapes count; any other is reported as a string, so a malformed requirement fails instead of
 * passing as public.
 */
export function documentedOperations(doc: OpenApiDocument): Record<string, [statuses: number[], token: OperationToken | string]> {
  return Object.fromEntries(operationsOf(doc).map(([key, op]) => [key, [statusesOf(op), tokenOf(op, doc)]]));
}

function statusesOf(op: OpenApiOperation): number[] {
  return Object.keys(op.responses)
    .map(Number)
    .sort((x, y) => x - y);
}

function tokenOf(op: OpenApiOperation, doc: OpenApiDocument): OperationToken | string {
  const security = JSON.stringify(op.security ?? doc.security);
  const shapes: Record<string, OperationToken> = { '[]': 'none', '[{},{"bearer":[]}]': 'optional', '[{"bearer":[]}]': 'bearer' };
  return shapes[security] ?? `unexpected security ${security}`;
}

/** The permission each operation declares (`x-permission`), for the operations that declare one. */
export function documentedPermissions(doc: OpenApiDocument): Record<string, string> {
  return Object.fromEntries(operationsOf(doc).flatMap(([key, op]) => (op['x-permission'] ? [[key, op['x-permission']]] : [])));
}
