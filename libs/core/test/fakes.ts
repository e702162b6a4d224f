import {
  type GuardedChange,
  LoginThrottle,
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

/** In-memory stand-ins for the ports, so domain rules are tested without a database. */
export class InMemoryUsers extends UsersRepository {
  readonly rows: User[] = [];

  async insert(u: NewUser): Promise<User> {
    if (this.rows.some((r) => r.email === u.email)) throw new ConflictError('email taken', 'email');
    const now = new Date();
    const user: User = { ...u, id: this.rows.length + 1, isActive: true, isVerified: false, tokenVersion: 0, createdAt: now, updatedAt: now };
    this.rows.push(user);
    return { ...user };
  }
  async findById(id: number) {
    const u = this.rows.find((r) => r.id === id);
    return u ? { ...u } : null;
  }
  async findByLogin(login: string) {
    const l = login.toLowerCase();
    return this.rows.find((r) => r.email === l || r.username.toLowerCase() === l) ?? null;
  }
  async findAuthState(id: number): Promise<UserAuthState | null> {
    return this.findById(id);
  }
  async list(f: UserFilter): Promise<Page<User>> {
    const items = this.rows.filter((r) => (f.role ? r.role === f.role : true));
    return { items: items.slice(f.skip, f.skip + f.limit), total: items.length, skip: f.skip, limit: f.limit };
  }
  async update(id: number, c: UserChanges) {
    const u = this.rows.find((r) => r.id === id);
    if (!u) return null;
    if (c.email !== undefined) u.email = c.email;
    if (c.fullName !== undefined) u.fullName = c.fullName;
    if (c.passwordHash !== undefined) Object.assign(u, { passwordHash: c.passwordHash, tokenVersion: u.tokenVersion + 1 });
    return { ...u };
  }
  async setRoleKeepingAnAdmin(id: number, role: Role): Promise<GuardedChange> {
    const u = this.rows.find((r) => r.id === id);
    if (!u) return 'not-found';
    if (u.role === 'admin' && role !== 'admin' && this.otherActiveAdmins(id) === 0) return 'last-admin';
    u.role = role;
    return 'done';
  }
  async deactivateKeepingAnAdmin(id: number): Promise<GuardedChange> {
    const u = this.rows.find((r) => r.id === id);
    if (!u) return 'not-found';
    if (u.role === 'admin' && this.otherActiveAdmins(id) === 0) return 'last-admin';
    Object.assign(u, { isActive: false, tokenVersion: u.tokenVersion + 1 });
    return 'done';
  }
  async countByRole() {
    return this.rows.map((r) => ({ role: r.role, isActive: r.isActive, count: 1 }));
  }
  private otherActiveAdmins(id: number) {
    return this.rows.filter((r) => r.id !== id && r.role === 'admin' && r.isActive).length;
  }
}

export class InMemoryRefreshTokens extends RefreshTokensRepository {
  readonly rows: (RefreshTokenRecord & { tokenHash: string })[] = [];

  async create(t: NewRefreshToken) {
    this.rows.push({ ...t, id: this.rows.length + 1, usedAt: null, revokedAt: null });
  }
  async consume(hash: string) {
    const t = this.rows.find((r) => r.tokenHash === hash && !r.usedAt && !r.revokedAt && r.expiresAt > new Date());
    if (!t || this.rows.some((r) => r.familyId === t.familyId && r.revokedAt)) return null;
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

/** One budget per account, taken before each check and forgotten on success. */
export class CountingThrottle extends LoginThrottle {
  readonly taken = new Map<string, number>();
  constructor(private readonly max = 3) {
    super();
  }

  async take(k: { account: string; client: string }) {
    const taken = this.taken.get(k.account) ?? 0;
    if (taken >= this.max) throw new RateLimitedError('slow down', 60);
    this.taken.set(k.account, taken + 1);
  }
  async succeeded(k: { account: string; client: string }) {
    this.taken.delete(k.account);
  }
}
