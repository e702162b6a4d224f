import { type Role, UsersService, systemActor } from '@mercato/core';
import type { TestApp } from './test-app';

let counter = 0;

export interface SignedInUser {
  id: number;
  username: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  /** `Authorization` header value for supertest's `.set(...)`. */
  auth: { Authorization: string };
}

/** Creates a user with the given role through core (as the seeding tools do) and signs in over HTTP. */
export async function signedInUser(users: TestApp, role: Role = 'user', name = `${role}${++counter}x${process.pid}`): Promise<SignedInUser> {
  const password = 'Passw0rd!x';
  const service = users.app.get(UsersService);
  const view = await service.create(systemActor('test setup'), { email: `${name}@example.com`, username: name, password }, role);
  const res = await users.http.post('/api/v1/auth/login').send({ username: name, password }).expect(200);
  const token = res.body.access_token as string;
  return { id: view.id, username: name, email: view.email, password, token, refreshToken: res.body.refresh_token, auth: { Authorization: `Bearer ${token}` } };
}
