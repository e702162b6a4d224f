/**
 * Every error code the platform answers with, and the one place that says what each means. REST sends the
 * code as the problem type `/problems/<code>` with this status and title; MCP tools put the code and title in
 * their `isError` results; resources and prompts in JSON-RPC errors; a REST route that runs a tool passes on
 * only the caller's own refusals. docs/ERRORS.md is generated from this table.
 */
export interface ErrorEntry {
  /** The HTTP status REST answers with. */
  readonly status: number;
  /** Short and the same for every occurrence; the detail says what happened this time. */
  readonly title: string;
  /**
   * Whose to fix: `caller` means the request or the account behind it (change it, sign in, wait for the
   * limit); `platform` means ours (retry later or report the reference), never the caller's input.
   */
  readonly fault: 'caller' | 'platform';
  /** When it happens and what a client should do, for the documentation. */
  readonly description: string;
}

export const ERROR_CATALOGUE = {
  'validation-failed': {
    status: 400,
    title: 'Your request is not valid',
    fault: 'caller',
    description: 'The input broke a rule. `errors[]` names each field (or tool argument) and the rule; fix those and send again.',
  },
  'bad-request': {
    status: 400,
    title: 'Bad request',
    fault: 'caller',
    description:
      'The body could not be read at all: malformed or empty JSON, a cut-off upload. Also the answer to any other client error the HTTP layer raises that has no code of its own here.',
  },
  unauthenticated: {
    status: 401,
    title: 'Authentication required',
    fault: 'caller',
    description:
      'No access token, or one that is invalid, expired, issued for another service, or whose account was deactivated or changed password; also wrong credentials or refresh token. Sign in again or refresh.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    fault: 'caller',
    description:
      'Signed in, but this account may not do this (or not to this target, such as demoting the last admin); or a Host or Origin the MCP server does not answer to. Retrying will not help.',
  },
  'insufficient-scope': {
    status: 403,
    title: 'Insufficient scope',
    fault: 'caller',
    description:
      'The account may do this, but the access token’s scopes do not cover it. `scope` names the scope needed; the `WWW-Authenticate` header (`error="insufficient_scope"`) names the scopes to ask for. Get a token with them (MCP clients: re-authorize) and send again.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    fault: 'caller',
    description: 'No such resource, or none this caller may see; also an unknown route.',
  },
  conflict: {
    status: 409,
    title: 'Conflict with the current state',
    fault: 'caller',
    description:
      'The change clashes with what is stored: an e-mail or username already taken, or stock past the most a product can hold. `field` names the input.',
  },
  'insufficient-stock': {
    status: 409,
    title: 'Not enough stock',
    fault: 'caller',
    description:
      'Removing that much stock would take it below zero; `stock` is what there is and `requested` what was asked. For a checkout, `items[]` names every line short of stock with its `product_id`, `requested` and `available`. Nothing changed.',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    fault: 'caller',
    description: 'An `If-Match` or `If-Unmodified-Since` on a static file (Swagger UI) did not hold. Fetch it again without the condition.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    fault: 'caller',
    description: 'The body is over 1 MiB. Send less.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    fault: 'caller',
    description: 'The body’s `Content-Type` is not one the service reads. Send `application/json`.',
  },
  'requested-range-not-satisfiable': {
    status: 416,
    title: 'Requested range not satisfiable',
    fault: 'caller',
    description: 'A `Range` header on a static file (Swagger UI) asked for bytes past its end. Ask for the whole file.',
  },
  unprocessable: {
    status: 422,
    title: 'Request cannot be processed',
    fault: 'caller',
    description:
      'The request is well formed but names something that cannot be used: a product that does not exist or is no longer sold (`field` names the line), or an `Idempotency-Key` already used for a different request. Change the request or use a new key.',
  },
  'too-many-requests': {
    status: 429,
    title: 'Too many requests',
    fault: 'caller',
    description: 'A limit on sign-ins, registrations or MCP requests is spent. Wait `retry_after` seconds (REST: the `Retry-After` header).',
  },
  'internal-error': {
    status: 500,
    title: 'Internal error',
    fault: 'platform',
    description: 'Something failed on our side. The detail holds only a reference to quote when reporting it; the cause stays in our logs.',
  },
  'upstream-failed': {
    status: 502,
    title: 'A service we depend on failed',
    fault: 'platform',
    description: 'A route that runs an MCP tool got a failure it cannot pass on. Quote the reference in the detail.',
  },
  'service-unavailable': {
    status: 503,
    title: 'Service unavailable',
    fault: 'platform',
    description:
      'The database, the signing keys or another service cannot be reached now, or the service is not ready. Safe to retry shortly (REST: after `Retry-After` when it is sent).',
  },
} as const satisfies Record<string, ErrorEntry>;

/** A code from the catalogue; any other string does not compile. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as readonly ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}
