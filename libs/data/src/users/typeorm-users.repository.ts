import {
  type GuardedChange,
  type NewUser,
  type Page,
  type Role,
  type User,
  type UserAuthState,
  type UserChanges,
  type UserFilter,
  UsersRepository,
} from '@mercato/core';
import type { EntityManager } from 'typeorm';
import { containsPattern, rethrowUniqueViolation } from '../postgres-errors';
import { type DatabaseHandle, managerOf, preparedRead, withSavepoint } from '../transactions';
import { UserEntity } from './user.entity';

const ACCOUNT_COLUMNS = `id, email, username, full_name AS "fullName", role,
  is_active AS "isActive", is_verified AS "isVerified", token_version AS "tokenVersion",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const USER_COLUMNS = `${ACCOUNT_COLUMNS}, password_hash AS "passwordHash"`;
const UNIQUE_FIELDS = { uq_users_email: 'email', uq_users_username: 'username' };
/** Serialises every change that could remove an admin, so two admins demoting each other cannot both succeed. */
const ADMIN_GUARD_LOCK = 0x6d657263; // arbitrary, fixed key

export class TypeormUsersRepository extends UsersRepository {
  private readonly db: EntityManager;

  constructor(db: DatabaseHandle) {
    super();
    this.db = managerOf(db);
  }

  private get repo() {
    return this.db.getRepository(UserEntity);
  }

  async insert(user: NewUser): Promise<User> {
    try {
      return await withSavepoint(this.db, () => this.repo.save(this.repo.create(user)));
    } catch (error) {
      rethrowUniqueViolation(error, 'user', UNIQUE_FIELDS);
    }
  }

  // The two reads every authenticated request makes run as plain SQL: TypeORM's query builder costs more
  // CPU than the database does for a primary-key look-up (measured with tools/bench).
  async findById(id: number): Promise<User | null> {
    const rows: User[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  findByLogin(login: string): Promise<User | null> {
    return this.repo
      .createQueryBuilder('u')
      .where(login.includes('@') ? 'lower(u.email) = lower(:login)' : 'lower(u.username) = lower(:login)', { login })
      .getOne();
  }

  async findAuthState(id: number): Promise<UserAuthState | null> {
    const rows = await preparedRead<UserAuthState>(this.db, 'users.auth-state', `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list({ role, isActive, search, skip, limit }: UserFilter): Promise<Page<User>> {
    const q = this.repo.createQueryBuilder('u').orderBy('u.id', 'ASC').skip(skip).take(limit);
    if (role) q.andWhere('u.role = :role', { role });
    if (isActive !== undefined) q.andWhere('u.is_active = :isActive', { isActive });
    if (search) {
      q.andWhere(`(u.email ILIKE :p ESCAPE '\\' OR u.username ILIKE :p ESCAPE '\\' OR u.full_name ILIKE :p ESCAPE '\\')`, {
        p: containsPattern(search),
      });
    }
    const [items, total] = await q.getManyAndCount();
    return { items, total, skip, limit };
  }

  async update(id: number, changes: UserChanges): Promise<User | null> {
    const set: Partial<UserEntity> = {};
    if (changes.email !== undefined) set.email = changes.email;
    if (changes.fullName !== undefined) set.fullName = changes.fullName;
    if (changes.passwordHash !== undefined) set.passwordHash = changes.passwordHash;
    const q = this.repo.createQueryBuilder().update().set(set).where('id = :id', { id }).returning('*');
    // The version bump is part of the same UPDATE, so no request can slip in with an old token in between.
    if (changes.passwordHash !== undefined) q.set({ ...set, tokenVersion: () => 'token_version + 1' });
    try {
      const result = await withSavepoint(this.db, () => q.execute());
      return result.affected ? this.findById(id) : null;
    } catch (error) {
      rethrowUniqueViolation(error, 'user', UNIQUE_FIELDS);
    }
  }

  setRoleKeepingAnAdmin(id: number, role: Role): Promise<GuardedChange> {
    return this.withAdminGuard(id, role !== 'admin', (tx) => tx.update(UserEntity, { id }, { role }));
  }

  deactivateKeepingAnAdmin(id: number): Promise<GuardedChange> {
    return this.withAdminGuard(id, true, (tx) => tx.update(UserEntity, { id }, { isActive: false, tokenVersion: () => 'token_version + 1' }));
  }

  async countByRole(): Promise<{ role: Role; isActive: boolean; count: number }[]> {
    const rows: { role: Role; is_active: boolean; count: string }[] = await this.repo
      .createQueryBuilder('u')
      .select(['u.role AS role', 'u.is_active AS is_active', 'count(*) AS count'])
      .groupBy('u.role')
      .addGroupBy('u.is_active')
      .getRawMany();
    return rows.map((r) => ({ role: r.role, isActive: r.is_active, count: Number(r.count) }));
  }

  /** Runs `change` unless it would take away the last active admin (when `removesAdmin` applies to this user). */
  private withAdminGuard(id: number, removesAdmin: boolean, change: (tx: EntityManager) => Promise<unknown>) {
    return this.db.transaction(async (tx): Promise<GuardedChange> => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_GUARD_LOCK]);
      const target = await tx.findOne(UserEntity, { where: { id }, select: { id: true, role: true, isActive: true } });
      if (!target) return 'not-found';
      if (removesAdmin && target.role === 'admin' && target.isActive) {
        const others = await tx.createQueryBuilder(UserEntity, 'u').where(`u.role = 'admin' AND u.is_active AND u.id <> :id`, { id }).getCount();
        if (others === 0) return 'last-admin';
      }
      await change(tx);
      return 'done';
    });
  }
}
