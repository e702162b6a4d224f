export * from './data-source';
export * from './data.module';
export * from './postgres-errors';
export * from './embedded/embedded-postgres';
export * from './users/user.entity';
export * from './users/typeorm-users.repository';
export * from './auth/refresh-token.entity';
export * from './auth/typeorm-refresh-tokens.repository';
export { createTestDatabase, type TestDatabase } from './testing/test-database';
