import { CreateUserWithRoleDto, IdDto, ListUsersQuery, SetRoleByIdDto, UpdateUserByIdDto, UsersService, UserView } from '@mercato/core';
import { DONE, type McpTool, pageOf, schemaOf, tool } from '@mercato/mcp';

class NoInput {}

export function usersTools(users: UsersService): McpTool[] {
  const user = schemaOf(UserView);
  return [
    tool({
      name: 'whoami',
      title: 'Who am I',
      description:
        'Returns the account this session acts for: id, username, e-mail, role and status. Call it first when you need to know what you may do; it takes no input.',
      input: NoInput,
      output: user,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      // Every role holds it; naming it hides the tool from a token whose scopes leave out users:read.
      requires: 'user:read-self',
      run: (actor) => users.me(actor),
    }),
    tool({
      name: 'get_user',
      title: 'Get a user',
      description: 'Returns one user account by numeric id. You may read your own account; admins may read any. Never returns passwords or hashes.',
      input: IdDto,
      output: user,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      // As for whoami: reading anyone else's account (user:read-any) needs the same users:read scope.
      requires: 'user:read-self',
      run: (actor, { id }) => users.get(actor, id),
    }),
    tool({
      name: 'list_users',
      title: 'List users',
      description:
        'Admins only. Pages through user accounts (skip, limit ≤ 100, default 20) with the total count, optionally filtered by role, is_active, or a search term matched against e-mail, username and full name. Use skip to fetch further pages.',
      input: ListUsersQuery,
      output: pageOf(UserView),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      requires: 'user:list',
      run: (actor, query) => users.list(actor, query),
    }),
    tool({
      name: 'create_user',
      title: 'Create a user',
      description:
        'Admins only. Creates an account with an e-mail, a username (3-50 letters, digits, "_", "." or "-"), a password (8+ characters with an upper-case letter and a digit) and optionally a full name and a role (default "user"). Fails with a conflict if the e-mail or username is taken.',
      input: CreateUserWithRoleDto,
      output: user,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
      requires: 'user:create',
      run: (actor, { role, ...dto }) => users.create(actor, dto, role ?? 'user'),
    }),
    tool({
      name: 'update_user',
      title: 'Update a user',
      description:
        "Changes full_name, email or password of an account: your own, or anyone's for admins. Changing your own password requires current_password. It cannot change roles or deactivate accounts; use set_user_role or deactivate_user.",
      input: UpdateUserByIdDto,
      output: user,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      // Every role that may change anything can at least change itself (admins hold it too); guests cannot.
      requires: 'user:update-self',
      run: (actor, { id, ...dto }) => users.update(actor, id, dto),
    }),
    tool({
      name: 'set_user_role',
      title: "Change a user's role",
      description: 'Admins only. Sets the role of an account to admin, user or guest. Refuses to demote the last active admin.',
      input: SetRoleByIdDto,
      output: user,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      requires: 'user:set-role',
      run: (actor, { id, role }) => users.setRole(actor, id, { role }),
    }),
    tool({
      name: 'deactivate_user',
      title: 'Deactivate a user',
      description:
        'Admins only. Deactivates an account (soft delete): it can no longer sign in and its tokens stop working at once. The data is kept. Refuses to deactivate the last active admin.',
      input: IdDto,
      output: DONE,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      requires: 'user:deactivate',
      run: async (actor, { id }) => {
        await users.deactivate(actor, id);
        return { ok: true, id };
      },
    }),
  ];
}
