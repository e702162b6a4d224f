import { SCOPES, type Scope } from '../auth/scopes';
import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue';

/**
 * Domain errors carry a code from the error catalogue (a slug clients may branch on) and a human `detail`; the
 * title and status come from the catalogue. Only the adapters know how they travel: libs/server maps them to
 * problem+json, the MCP gateway to tool results and JSON-RPC errors.
 */
export interface FieldError {
  /** Dotted path of the offending input field, e.g. `email` or `metadata.color`. */
  field: string;
  /** The rule that failed, e.g. `isEmail`, `minLength`, `whitelist`. */
  rule: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly type: ErrorCode;
  /** Extra machine-readable members for the problem body (e.g. the current stock). */
  readonly extensions: Record<string, unknown> = {};

  constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }

  get title(): string {
    return ERROR_CATALOGUE[this.type].title;
  }
}

export class ValidationError extends DomainError {
  readonly type = 'validation-failed';

  constructor(
    readonly errors: FieldError[],
    detail = describeFieldErrors(errors),
  ) {
    super(detail);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly type = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  // Either code, so that a missing scope (InsufficientScopeError) is still a ForbiddenError to whoever checks.
  readonly type: 'forbidden' | 'insufficient-scope' = 'forbidden';
}

/**
 * The role allows this but the token's scopes do not: a refusal another token could lift, unlike a plain
 * ForbiddenError. `scope` names the scope missing; `stepUpScopes` the set to ask the authorization server for,
 * the token's own plus that one, because a client re-authorizes with exactly the set it is given (MCP
 * 2025-11-25, "Scope challenge handling": include the scopes already granted so the client keeps them).
 */
export class InsufficientScopeError extends ForbiddenError {
  override readonly type = 'insufficient-scope';
  readonly stepUpScopes: readonly Scope[];

  constructor(
    readonly scope: Scope,
    granted: readonly Scope[],
  ) {
    super(`This token's scopes do not allow this; it needs the scope ${scope}`);
    this.stepUpScopes = SCOPES.filter((s) => s === scope || granted.includes(s));
    this.extensions['scope'] = scope;
  }
}

export class NotFoundError extends DomainError {
  readonly type = 'not-found';

  constructor(resource: string, id: string | number) {
    super(`${resource} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  readonly type = 'conflict';

  constructor(detail: string, field?: string) {
    super(detail);
    if (field) this.extensions['field'] = field;
  }
}

export class InsufficientStockError extends DomainError {
  readonly type = 'insufficient-stock';

  constructor(productId: number, currentStock: number, requested: number) {
    super(`Product ${productId} has ${currentStock} in stock; removing ${-requested} would take it below zero`);
    this.extensions['product_id'] = productId;
    this.extensions['stock'] = currentStock;
    this.extensions['requested'] = requested;
  }
}

/** One checkout line short of stock: what was asked and what there is. */
export interface StockShortage {
  product_id: number;
  requested: number;
  available: number;
}

/** A checkout's reservation refused as a whole: every short line is named, and nothing was reserved. */
export class StockShortfallError extends DomainError {
  readonly type = 'insufficient-stock';

  constructor(readonly items: StockShortage[]) {
    super(
      `Not enough stock for ${items.map((i) => `product ${i.product_id} (${i.requested} requested, ${i.available} available)`).join(', ')}; nothing was reserved`,
    );
    this.extensions['items'] = items;
  }
}

/** Well formed, but naming something that cannot be used (an unknown product, a key used for another request). */
export class UnprocessableError extends DomainError {
  readonly type = 'unprocessable';

  constructor(detail: string, field?: string) {
    super(detail);
    if (field) this.extensions['field'] = field;
  }
}

export class RateLimitedError extends DomainError {
  readonly type = 'too-many-requests';

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
}

/** A service this one called failed in a way the caller cannot fix; the detail names only a reference. */
export class UpstreamFailedError extends DomainError {
  readonly type = 'upstream-failed';
}

/**
 * A refusal reported by another part of the platform (e.g. a tool result read back through an MCP client),
 * passed on with its code and detail unchanged so the caller sees the same problem. The code must be one from
 * the catalogue (see isErrorCode), so the title and status are the catalogue's, whoever reported it.
 */
export class ReportedProblem extends DomainError {
  constructor(
    readonly type: ErrorCode,
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
