import { jsonSchemaOf } from '@mercato/server';

/**
 * JSON Schema (2020-12, as MCP expects) of a DTO or view class: the generator's OpenAPI flavour with
 * `nullable: true` turned into `anyOf` a single-type branch or `null`, the most portable spelling across
 * model providers (the MCP Inspector's strict check flags `type` arrays).
 */
export function schemaOf(cls: new () => object): Record<string, unknown> {
  const schema = JSON.parse(JSON.stringify(jsonSchemaOf(cls))) as { properties?: Record<string, Record<string, unknown>> };
  const properties = schema.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    if (property['nullable'] !== true) continue;
    const { nullable: _, description, default: fallback, ...value } = property;
    properties[name] = { anyOf: [value, { type: 'null' }], ...(description ? { description } : {}), ...(fallback !== undefined ? { default: fallback } : {}) };
  }
  return { type: 'object', ...schema };
}

export function pageOf(view: new () => object): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items: schemaOf(view) },
      total: { type: 'integer', description: 'Matching items across all pages' },
      skip: { type: 'integer' },
      limit: { type: 'integer' },
    },
    required: ['items', 'total', 'skip', 'limit'],
  };
}

export const DONE = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, id: { type: 'integer' } },
  required: ['ok', 'id'],
};
