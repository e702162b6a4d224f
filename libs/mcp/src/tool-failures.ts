import {
  type DomainError,
  ERROR_CATALOGUE,
  type ErrorCode,
  isErrorCode,
  RateLimitedError,
  ReportedProblem,
  ServiceUnavailableError,
  UnauthenticatedError,
  UpstreamFailedError,
} from '@mercato/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isDependencyUnreachable } from '@mercato/server';

/**
 * The error a REST route answers with when the MCP tool it ran reported `isError`. Only the caller's own
 * refusals (the catalogue's `fault: 'caller'`) keep their code, with its 4xx status; anything else the tool
 * says (an internal error, text that is not a problem, a code the catalogue does not know) is the platform's
 * failure, never a 400, and its wording stays in the logs.
 */
export function toolResultError(result: CallToolResult, reference: string): DomainError {
  const text = result.content.find((c) => c.type === 'text')?.text;
  const problem = parseProblem(text);
  if (problem && ERROR_CATALOGUE[problem.type].fault === 'caller') {
    const { type, title: _title, detail, ...extensions } = problem;
    return new ReportedProblem(type, detail, extensions);
  }
  if (problem?.type === 'service-unavailable') return unavailable(reference);
  return new UpstreamFailedError(`The tool failed; quote reference ${reference} when reporting it.`);
}

/**
 * The error a REST route answers with when calling the tool threw: the MCP endpoint unreachable (503), or the
 * client, transport or server failing otherwise (502). The endpoint's own 401 and 429 are about the caller.
 */
export function toolCallError(error: unknown, reference: string): DomainError {
  const status = (error as { code?: unknown } | null)?.code;
  if (status === 401) return new UnauthenticatedError('The access token was refused');
  if (status === 429) return new RateLimitedError('Too many MCP requests for this account; try again in a minute', 60);
  if (isDependencyUnreachable(error) || isDependencyUnreachable((error as { cause?: unknown } | null)?.cause)) return unavailable(reference);
  return new UpstreamFailedError(`The tool could not be run; quote reference ${reference} when reporting it.`);
}

function unavailable(reference: string): ServiceUnavailableError {
  return new ServiceUnavailableError(`A service we depend on is unreachable; try again shortly. Reference ${reference}.`);
}

interface ToolProblem {
  type: ErrorCode;
  title: string;
  detail: string;
  [extension: string]: unknown;
}

function parseProblem(text: string | undefined): ToolProblem | undefined {
  try {
    const value = JSON.parse(text ?? '') as Record<string, unknown> | null;
    if (value && isErrorCode(value['type']) && typeof value['title'] === 'string' && typeof value['detail'] === 'string') return value as ToolProblem;
  } catch {
    // not a problem document: the tool failed in a way we did not design for
  }
  return undefined;
}
