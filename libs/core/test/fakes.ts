import {
  type GuardedChange,
  LoginThrottle,
  type LoginThrottleKeys,
  type NewUser,
  type Page,
  PasswordHasher,
  type RefreshTokenRecord,
  type NewRefreshToken,
  RefreshTokensRepository,
  type Role,
  type User,
  type UserAuthState,
  type UserChanges,
  type UserFilter,
  UsersRepository,
  ConflictError,
  RateLimitedError,
} from '../src';

export * from './product-fakes';

/**
 * In-memory stand-ins for the ports, so domain rules are tested without a database. Each keeps the promises
 * its port documents (uniqueness, guarded changes, version bumps), as the PostgreSQL repositories do; the
 * repository specs in libs/data pin the real ones to the same rules.
 */
export class InMemoryUsers extends UsersRepository {
  readonly rows: User[] = [];

  async insert(u: NewUser): Promise<User> {
    this.assertUnique(u);
    const now = new Date();
    const user: User = { ...u, id: this.rows.length + 1, isActive: true, isVerified: false, tokenVersion: 0, createdAt: now, updatedAt: now };
    this.rows.push(user);
    return { ...user };
  }
  async findById(id: number) {
    const u = this.rows.find((r) => r.id === id);
    return u ? { ...u } : null;
  }
  // As the real one: a name with "@" is an e-mail, anything else a username; both case-insensitive.
  async findByLogin(login: string) {
    const l = login.toLowerCase();
    const u = this.rows.find((r) => (login.includes('@') ? r.email.toLowerCase() : r.username.toLowerCase()) === l);
    return u ? { ...u } : null;
  }
  async findAuthState(id: number): Promise<UserAuthState | null> {
    const u = await this.findById(id);
    if (!u) return null;
    const { passwordHash: _, ...account } = u;
    return account;
  }
  async list(f: UserFilter): Promise<Page<User>> {
    const term = f.search?.toLowerCase();
    const items = this.rows.filter(
      (r) =>
        (f.role === undefined || r.role === f.role) &&
        (f.isActive === undefined || r.isActive === f.isActive) &&
        (term === undefined || [r.email, r.username, r.fullName ?? ''].some((text) => text.toLowerCase().includes(term))),
    );
    return { items: items.slice(f.skip, f.skip + f.limit).map((u) => ({ ...u })), total: items.length, skip: f.skip, limit: f.limit };
  }
  async update(id: number, c: UserChanges) {
    const u = this.rows.find((r) => r.id === id);
    if (!u) return null;
    if (c.email !== undefined) {
      this.assertUnique({ email: c.email }, id);
      u.email = c.email;
    }
    if (c.fullName !== undefined) u.fullName = c.fullName;
    if (c.passwordHash !== undefined) Object.assign(u, { passwordHash: c.passwordHash, tokenVersion: u.tokenVersion + 1 });
    u.updatedAt = new Date();
    return { ...u };
  }
  async setRoleKeepingAnAdmin(id: number, role: Role): Promise<GuardedChange> {
    const u = this.rows.find((r) => r.id === id);
    if (!u) return 'not-found';
    if (role !== 'admin' && this.isLastActiveAdmin(u)) return 'last-admin';
    u.role = role;
    return 'done';
  }
  async deactivateKeepingAnAdmin(id: number): Promise<GuardedChange> {
    const u = this.rows.find((r) => r.id === id);
    if (!u) return 'not-found';
    if (this.isLastActiveAdmin(u)) return 'last-admin';
    Object.assign(u, { isActive: false, tokenVersion: u.tokenVersion + 1 });
    return 'done';
  }
  async countByRole() {
    const groups = new Map<string, { role: Role; isActive: boolean; count: number }>();
    for (const { role, isActive } of this.rows) {
      const group = groups.get(`${role}/${isActive}`) ?? { role, isActive, count: 0 };
      group.count++;
      groups.set(`${role}/${isActive}`, group);
    }
    return [...groups.values()];
  }
  private isLastActiveAdmin(u: User) {
    return u.role === 'admin' && u.isActive && !this.rows.some((r) => r.id !== u.id && r.role === 'admin' && r.isActive);
  }
  /** The unique indexes are on lower(email) and lower(username). */
  private assertUnique(u: { email: string; username?: string }, ownId?: number) {
    const others = this.rows.filter((r) => r.id !== ownId);
    if (others.some((r) => r.email.toLowerCase() === u.email.toLowerCase())) throw new ConflictError('A user with this email already exists', 'email');
    if (u.username !== undefined && others.some((r) => r.username.toLowerCase() === u.username?.toLowerCase())) {
      throw new ConflictError('A user with this username already exists', 'username');
    }
  }
}

export class InMemoryRefreshTokens extends RefreshTokensRepository {
  readonly rows: (RefreshTokenRecord & { tokenHash: string })[] = [];

  /** Given the users, consume also refuses tokens issued under an older account version, as the port says. */
  constructor(private readonly users?: InMemoryUsers) {
    super();
  }

  async create(t: NewRefreshToken) {
    this.rows.push({ ...t, resource: t.resource ?? null, id: this.rows.length + 1, usedAt: null, revokedAt: null });
  }
  // Synchronous up to the write, so of consumers racing for one token exactly one gets it, as with the guarded UPDATE.
  async consume(hash: string) {
    const t = this.rows.find((r) => r.tokenHash === hash && !r.usedAt && !r.revokedAt && r.expiresAt > new Date());
    if (!t || this.rows.some((r) => r.familyId === t.familyId && r.revokedAt)) return null;
    if (this.users && this.users.rows.find((u) => u.id === t.userId)?.tokenVersion !== t.tokenVersion) return null;
    t.usedAt = new Date();
    return { ...t };
  }
  async revokeFamily(familyId: string) {
    for (const r of this.rows) if (r.familyId === familyId) r.revokedAt ??= new Date();
  }
  async revokeFamilyOf(hash: string) {
    const t = this.rows.find((r) => r.tokenHash === hash);
    if (t) await this.revokeFamily(t.familyId);
  }
  async revokeFamilyOfUsed(hash: string) {
    const t = this.rows.find((r) => r.tokenHash === hash && r.usedAt);
    if (t) await this.revokeFamily(t.familyId);
  }
  async revokeAllForUser(userId: number) {
    for (const r of this.rows) if (r.userId === userId) r.revokedAt ??= new Date();
  }
  /** Tokens that could still be refreshed: what "every session ended" is checked against. */
  liveFor(userId: number) {
    return this.rows.filter((r) => r.userId === userId && !r.usedAt && !r.revokedAt);
  }
}

/** Reversible "hash" so tests run in microseconds; the real argon2 hasher has its own spec. */
export class PlainHasher extends PasswordHasher {
  async hash(p: string) {
    return `plain:${p}`;
  }
  async verify(h: string, p: string) {
    return h === `plain:${p}`;
  }
  async dummyHash() {
    return 'plain:\u0000';
  }
}

/** One budget per account, taken before each check and forgotten on success; every take is recorded. */
export class CountingThrottle extends LoginThrottle {
  readonly taken = new Map<string, number>();
  readonly takes: LoginThrottleKeys[] = [];
  constructor(private readonly max = 3) {
    super();
  }

  async take(k: LoginThrottleKeys) {
    this.takes.push(k);
    const taken = this.taken.get(k.account) ?? 0;
    if (taken >= this.max) throw new RateLimitedError('slow down', 60);
    this.taken.set(k.account, taken + 1);
  }
  async succeeded(k: LoginThrottleKeys) {
    this.taken.delete(k.account);
  }
}
