import type { INestApplication } from '@nestjs/common';
import { ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { jsonSchemaOf } from './json-schema';
import { describePermissions } from './permissions';
import { BEARER_SCHEME, clearSecurityOfPublicOperations } from './security';
import type { ServiceInfo } from '../service-info';

/**
 * Serves Swagger UI at /docs and the document at /docs-json. DTOs and views are described from their
 * class-validator rules, so the OpenAPI schema is derived from the very rules that validate requests.
 */
export function setupOpenApi(app: INestApplication, service: ServiceInfo): void {
  const config = new DocumentBuilder()
    .setTitle(service.title)
    .setDescription(service.description)
    .setVersion(service.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/v1/auth/login' }, BEARER_SCHEME)
    // the default, as for the global JWT guard; @Public() routes say otherwise on their operation
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  // Built on the first request for it, once, rather than before the service is ready (about 45 ms of its start).
  const document = () => {
    describeValidatedClasses();
    const built = SwaggerModule.createDocument(app, config);
    clearSecurityOfPublicOperations(built);
    describePermissions(built);
    return built;
  };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

const described = new WeakSet<object>();

/** Adds @ApiProperty metadata, derived from the validation rules, to every class-validator decorated class. */
export function describeValidatedClasses(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<new () => object, { propertyName: string }[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (described.has(target)) continue;
    described.add(target);
    const schema = jsonSchemaOf(target);
    const own = new Set(metadatas.map((m) => m.propertyName));
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
      if (!own.has(property)) continue;
      ApiProperty({ ...(propertySchema as object), required: schema.required?.includes(property) ?? false })(target.prototype, property);
    }
  }
}
