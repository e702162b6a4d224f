export * from './users-domain.module';
export * from './password-checks';
