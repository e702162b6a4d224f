import { applyDecorators, Headers } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '@mercato/core';

/** Documents the Idempotency-Key header (the IETF Idempotency-Key draft) on a route that takes one. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: `1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters of your choosing, e.g. a UUID. The same key with the same body returns the first response again (kept 24 hours); with a different body, 422; while the first request still runs, 409.`,
    }),
  );

/** The header's value; core refuses a missing or oversized key with 400. */
export const IdempotencyKey = () => Headers('idempotency-key');
