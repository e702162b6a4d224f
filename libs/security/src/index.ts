export * from './concurrency-limit';
export * from './argon2-password-hasher';
export * from './jwt-access-token-issuer';
export * from './sha256-refresh-token-secrets';
