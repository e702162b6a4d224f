import type { Actor, Permission } from '@mercato/core';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/**
 * One MCP tool: a thin adapter that validates its input with a core DTO and calls one core service method.
 * `requires` only decides whether the tool is listed to a caller; the service still authorizes every call.
 */
export interface McpTool<I extends object = object> {
  name: string;
  title: string;
  /** A prompt for the model: what the tool does, when to use it, and what it will not do. */
  description: string;
  input: new () => I;
  /** JSON Schema of `structuredContent` on success. */
  output: Record<string, unknown>;
  annotations: ToolAnnotations;
  /** Listed only to callers holding this permission; unset means every signed-in caller. */
  requires?: Permission;
  run(actor: Actor, input: I): Promise<object>;
}

export function tool<I extends object>(definition: McpTool<I>): McpTool {
  return definition as unknown as McpTool;
}
