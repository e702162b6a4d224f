import { CUSTOM_RULE_SCHEMAS } from '@mercato/core';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

/** JSON Schema of a DTO or view class, derived from its class-validator rules (the same rules that validate input). */
export function jsonSchemaOf(target: new () => object): ReturnType<typeof targetConstructorToSchema> {
  return targetConstructorToSchema(target, { additionalConverters: CUSTOM_RULE_SCHEMAS as never });
}
