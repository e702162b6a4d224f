import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';

class FieldErrorSchema {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'isEmail' }) rule!: string;
  @ApiProperty({ example: 'email must be a valid e-mail address' }) message!: string;
}

/** RFC 9457 problem details, as every error response carries them. */
export class ProblemSchema {
  @ApiProperty({ example: '/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Your request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'email: email must be a valid e-mail address' }) detail!: string;
  @ApiPropertyOptional({ example: '/api/v1/users' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'One entry per refused field (validation errors only)' })
  errors?: FieldErrorSchema[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors[]` names each refused field and rule',
  401: 'Missing, invalid or expired access token, or bad credentials',
  403: 'Authenticated, but not allowed to do this; `insufficient-scope` when the account may but the token’s scopes do not cover it (the `WWW-Authenticate` header names the scopes to ask for)',
  404: 'No such resource',
  409: 'Conflicts with current state (e.g. a duplicate e-mail)',
  422: 'Understood but cannot be done: the problem names the field (e.g. a product no longer sold, an Idempotency-Key reused for a different request)',
  429: 'Too many attempts; see the Retry-After header',
  502: '`upstream-failed`: a service this route calls failed; the detail gives a reference to quote',
  503: '`service-unavailable`: the database is unreachable; safe to retry after the Retry-After header',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };

/**
 * Documents the problem+json error statuses a route can answer with, and always 503: every route that uses it
 * reaches the database (its own queries, or the per-request account check behind a token), and the problem
 * mapper answers 503 for a lost connection.
 */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemSchema),
    ...[...statuses, 503].map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemSchema) } } },
      }),
    ),
  );
}

/**
 * Documents a read that revalidates: 200 carries an ETag, and a request whose If-None-Match still matches it
 * is answered 304 without a body (the ETag plugin in createApp does this for every GET).
 */
export function ApiConditionalRead(view: Type<unknown>) {
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy you hold; unchanged means 304' }),
    ApiOkResponse({ type: view, headers: { ETag: { description: 'Version of this representation', schema: { type: 'string' } } } }),
    ApiResponse({ status: 304, description: 'Not modified: the copy whose ETag you sent is current' }),
  );
}

/** Documents a `{ items, total, skip, limit }` page of the given view. */
export function ApiPage(view: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(view),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'total', 'skip', 'limit'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(view) } },
          total: { type: 'integer', description: 'Matching items in all pages' },
          skip: { type: 'integer' },
          limit: { type: 'integer' },
        },
      },
    }),
  );
}
