import type { UserAuthState } from './user';

/**
 * Each process's copy of the account standing it has read (ActorResolver reads it on every request), and the fence
 * a change to an account passes through so that no process keeps a copy from before it. libs/redis keeps the copies
 * valid through Redis client tracking; without Redis, NoAuthStateCache reads the database every time.
 */
export abstract class AuthStateCache {
  /** The account's standing: this process's copy while no change to the account began since it was read, else `load`'s. */
  abstract read(id: number, load: () => Promise<UserAuthState | null>): Promise<UserAuthState | null>;
  /**
   * Runs `write`, which must have committed when it settles, so that every process reads the account again afterwards.
   * Refuses with ServiceUnavailableError, before `write` runs, when the other processes could not be told.
   */
  abstract change<T>(id: number, write: () => Promise<T>): Promise<T>;
}

/** Without a cache shared by the processes: every read goes to the database, and a change needs no fence. */
export class NoAuthStateCache extends AuthStateCache {
  read(_id: number, load: () => Promise<UserAuthState | null>): Promise<UserAuthState | null> {
    return load();
  }

  change<T>(_id: number, write: () => Promise<T>): Promise<T> {
    return write();
  }
}
