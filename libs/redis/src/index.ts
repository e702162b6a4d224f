export * from './redis-client';
export * from './rate-limiter';
export * from './login-throttle';
export * from './redis-product-cache';
export * from './redis-auth-state-cache';
