export * from './common/errors';
export * from './common/validation';
export * from './common/pagination';
export * from './common/transforms';
export * from './common/concurrency-limit';

export * from './auth/actor';
export * from './auth/permissions';
export * from './auth/password-rules';
export * from './auth/password-hasher';
export * from './auth/access-tokens';
export * from './auth/refresh-tokens';
export * from './auth/login-throttle';
export * from './auth/actor-resolver';
export * from './auth/auth.service';
export * from './auth/dto/login.dto';
export * from './auth/dto/refresh-token.dto';
export * from './auth/token-response.view';

export * from './users/user';
export * from './users/user.view';
export * from './users/users.repository';
export * from './users/users.policy';
export * from './users/users.service';
export * from './users/dto/create-user.dto';
export * from './users/dto/update-user.dto';
export * from './users/dto/set-role.dto';
export * from './users/dto/list-users.query';
