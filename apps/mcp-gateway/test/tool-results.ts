import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';

/** The value of a successful tool call. */
export const structured = (r: unknown) => (r as { structuredContent: Record<string, unknown> }).structuredContent;

/** Refusals carry their problem as JSON text, not structuredContent (see src/mcp/tool-results.ts). */
export const problem = (r: unknown) => JSON.parse((r as { content: { text: string }[] }).content[0].text) as Record<string, unknown>;

/** The argument names a validation refusal blames, sorted. */
export const badFields = (r: unknown) => ((problem(r)['errors'] ?? []) as { field: string }[]).map((e) => e.field).sort();

const validator = new AjvJsonSchemaValidator();

/** Why a value breaks a tool's published output schema, or undefined when it conforms. */
export const schemaBreach = (schema: unknown, value: unknown) => {
  const result = validator.getValidator(schema as JsonSchemaType)(value);
  return result.valid ? undefined : result.errorMessage;
};
