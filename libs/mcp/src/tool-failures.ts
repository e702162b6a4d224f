import { type DomainError, ERROR_CATALOGUE, type ErrorCode, isErrorCode, ReportedProblem, ServiceUnavailableError, UpstreamFailedError } from '@mercato/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

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
  if (problem?.type === 'service-unavailable') {
    return new ServiceUnavailableError(`A service we depend on is unreachable; try again shortly. Reference ${reference}.`);
  }
  return new UpstreamFailedError(`The tool failed; quote reference ${reference} when reporting it.`);
}

/**
 * The error a REST route answers with when running the tool threw instead of returning a result: the MCP
 * client or server failed around the tool (a protocol error, a timeout). That is the platform's failure, a
 * 502; what went wrong stays in the logs.
 */
export function toolCallError(reference: string): DomainError {
  return new UpstreamFailedError(`The tool could not be run; quote reference ${reference} when reporting it.`);
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
