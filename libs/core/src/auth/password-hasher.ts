/** How passwords are hashed and checked; libs/security holds the argon2id implementation. */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** A hash of nothing in particular: verifying against it costs what a real check costs, so unknown users are not faster. */
  abstract dummyHash(): Promise<string>;
}
