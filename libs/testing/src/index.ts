export * from './keys';
export * from './test-app';
export * from './users';
export * from './tokens';
export * from './processes';
export * from './metrics';
export * from './tcp-proxy';
