/**
 * Counts failed logins per account and per client. The server lib backs it with Redis when there is one,
 * so the limit holds across replicas.
 */
export abstract class LoginThrottle {
  /** Throws RateLimitedError while any of the keys is over its limit. */
  abstract assertAllowed(keys: LoginThrottleKeys): Promise<void>;
  abstract recordFailure(keys: LoginThrottleKeys): Promise<void>;
  abstract forgetAccount(account: string): Promise<void>;
}

export interface LoginThrottleKeys {
  /** The login name as typed, lower-cased, so `Alice` and `alice` share one budget. */
  account: string;
  client: string;
}
