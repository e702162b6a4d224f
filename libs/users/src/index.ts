export * from './users-domain.module';
export * from './password-checks';
export * from './mcp/users.mcp';
