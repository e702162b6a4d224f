import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DomainError, ERROR_CATALOGUE, type ErrorCode, ValidationError } from '@mercato/core';
import { retryableFailure } from '@mercato/server';

/** Success: the JSON as structuredContent, and the same JSON as text for clients that predate structured output. */
export function toolResult(value: object): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value as Record<string, unknown> };
}

/**
 * A refusal the model can act on: the same type, title and detail REST would send, and for invalid
 * arguments every bad field with the rule it broke, as a JSON object in the text block. It is not put in
 * structuredContent: clients (the official SDK's among them) check structuredContent against the tool's
 * success schema even on errors. Unexpected failures say only "internal error" and a reference, never the
 * cause (which may hold SQL or paths).
 */
export function toolError(error: unknown, reference: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(problemOf(error, reference)) }] };
}

/** The problem type a refusal or failure is counted and logged under, as in the tool result. */
export function outcomeOf(error: unknown): ErrorCode {
  return problemOf(error, '').type;
}

function problemOf(error: unknown, reference: string): Record<string, unknown> & { type: ErrorCode } {
  if (error instanceof DomainError) {
    return {
      type: error.type,
      title: error.title,
      detail: error.detail,
      ...error.extensions,
      ...(error instanceof ValidationError ? { errors: error.errors } : {}),
    };
  }
  const retryable = retryableFailure(error);
  // As REST's 503: worth retrying shortly, and not the model's fault.
  if (retryable) return catalogued('service-unavailable', `${retryable}; retry shortly. Reference ${reference}.`);
  return catalogued('internal-error', `The tool failed on our side. Quote reference ${reference} when reporting it.`);
}

function catalogued(type: ErrorCode, detail: string) {
  return { type, title: ERROR_CATALOGUE[type].title, detail };
}
