import { jsonSchemaOf } from '@mercato/server';

/**
 * JSON Schema (2020-12, as MCP expects) of a DTO or view class: the generator's OpenAPI flavour with
 * `nullable: true` turned into a `null` alternative of the type.
 */
export function schemaOf(cls: new () => object): Record<string, unknown> {
  const schema = JSON.parse(JSON.stringify(jsonSchemaOf(cls))) as { properties?: Record<string, Record<string, unknown>> };
  for (const property of Object.values(schema.properties ?? {})) {
    if (property['nullable'] !== true) continue;
    delete property['nullable'];
    if (typeof property['type'] === 'string') property['type'] = [property['type'], 'null'];
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
