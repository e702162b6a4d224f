import { CUSTOM_RULE_SCHEMAS, nestedTypeOf } from '@mercato/core';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

type Schema = ReturnType<typeof targetConstructorToSchema>;

/**
 * JSON Schema of a DTO or view class, derived from its class-validator rules (the same rules that validate
 * input), in OpenAPI 3.0 flavour: a property marked IsOptional, which accepts null, is `nullable`, and
 * initialised fields carry their `default`.
 */
export function jsonSchemaOf(target: new () => object): Schema {
  const nested = (meta: { target: object; propertyName: string }) => {
    const type = nestedTypeOf(meta.target, meta.propertyName);
    return type ? jsonSchemaOf(type) : { type: 'object' };
  };
  const converters = { ...CUSTOM_RULE_SCHEMAS, [ValidationTypes.NESTED_VALIDATION]: nested };
  const schema = targetConstructorToSchema(target, { additionalConverters: converters as never });
  const nullable = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .filter((m) => m.name === 'isOptional')
    .map((m) => m.propertyName);
  for (const property of nullable) {
    const propertySchema = schema.properties?.[property] as Record<string, unknown> | undefined;
    if (propertySchema) propertySchema['nullable'] = true;
  }
  // Field initialisers are the defaults parseInput applies (e.g. limit = 20); say so in the schema.
  const defaults = new target() as Record<string, unknown>;
  for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
    if (defaults[property] !== undefined) (propertySchema as Record<string, unknown>)['default'] = defaults[property];
  }
  return schema;
}
