import { CUSTOM_RULE_SCHEMAS } from '@mercato/core';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

type Schema = ReturnType<typeof targetConstructorToSchema>;

/**
 * JSON Schema of a DTO or view class, derived from its class-validator rules (the same rules that validate
 * input), in OpenAPI 3.0 flavour: a property marked IsOptional, which accepts null, is `nullable`.
 */
export function jsonSchemaOf(target: new () => object): Schema {
  const schema = targetConstructorToSchema(target, { additionalConverters: CUSTOM_RULE_SCHEMAS as never });
  const nullable = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .filter((m) => m.name === 'isOptional')
    .map((m) => m.propertyName);
  for (const property of nullable) {
    const propertySchema = schema.properties?.[property] as Record<string, unknown> | undefined;
    if (propertySchema) propertySchema['nullable'] = true;
  }
  return schema;
}
