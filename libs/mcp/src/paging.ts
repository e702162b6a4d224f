import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

export const LIST_PAGE_SIZE = 50;

/** Opaque cursors for MCP list methods: the offset of the next page, base64url-encoded. */
export function offsetFrom(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(offset) || offset < 0) throw new McpError(ErrorCode.InvalidParams, 'Invalid cursor');
  return offset;
}

export function nextCursor(offset: number, returned: number, total: number): string | undefined {
  return offset + returned < total ? Buffer.from(String(offset + returned)).toString('base64url') : undefined;
}
