/**
 * Domain errors carry a stable `type` (a slug clients may branch on) and a human `detail`.
 * Only the adapters know how they travel: libs/server maps them to problem+json, the MCP gateway to tool results.
 */
export interface FieldError {
  /** Dotted path of the offending input field, e.g. `email` or `metadata.color`. */
  field: string;
  /** The rule that failed, e.g. `isEmail`, `minLength`, `whitelist`. */
  rule: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly type: string;
  abstract readonly title: string;
  /** Extra machine-readable members for the problem body (e.g. the current stock). */
  readonly extensions: Record<string, unknown> = {};

  constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly type = 'validation-failed';
  readonly title = 'Your request is not valid';

  constructor(
    readonly errors: FieldError[],
    detail = describeFieldErrors(errors),
  ) {
    super(detail);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly type = 'unauthenticated';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends DomainError {
  readonly type = 'forbidden';
  readonly title = 'Not allowed';
}

export class NotFoundError extends DomainError {
  readonly type = 'not-found';
  readonly title = 'Not found';

  constructor(resource: string, id: string | number) {
    super(`${resource} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  readonly type = 'conflict';
  readonly title = 'Conflict with the current state';

  constructor(detail: string, field?: string) {
    super(detail);
    if (field) this.extensions['field'] = field;
  }
}

export class InsufficientStockError extends DomainError {
  readonly type = 'insufficient-stock';
  readonly title = 'Not enough stock';

  constructor(productId: number, currentStock: number, requested: number) {
    super(`Product ${productId} has ${currentStock} in stock; removing ${-requested} would take it below zero`);
    this.extensions['product_id'] = productId;
    this.extensions['stock'] = currentStock;
    this.extensions['requested'] = requested;
  }
}

export class RateLimitedError extends DomainError {
  readonly type = 'too-many-requests';
  readonly title = 'Too many requests';

  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
    this.extensions['retry_after'] = retryAfterSeconds;
  }
}

/** A service this one depends on cannot be reached now; the caller may retry shortly. */
export class ServiceUnavailableError extends DomainError {
  readonly type = 'service-unavailable';
  readonly title = 'Service unavailable';
}

/** A service this one called failed in a way the caller cannot fix; the detail names only a reference. */
export class UpstreamFailedError extends DomainError {
  readonly type = 'upstream-failed';
  readonly title = 'A service we depend on failed';
}

/**
 * A refusal reported by another part of the platform (e.g. a tool result read back through an MCP client),
 * passed on with its type, title and detail unchanged so the caller sees the same problem.
 */
export class ReportedProblem extends DomainError {
  constructor(
    readonly type: string,
    readonly title: string,
    detail: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    Object.assign(this.extensions, extensions);
  }

  get errors(): FieldError[] | undefined {
    return this.extensions['errors'] as FieldError[] | undefined;
  }
}

function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'Invalid input';
}
