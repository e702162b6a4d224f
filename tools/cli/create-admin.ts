// npm run create-admin -- --email ops@example.com --username ops --password '…'  (or MERCATO_ADMIN_PASSWORD)
import { parseArgs } from 'node:util';
import { CreateUserDto, DomainError, parseInput, systemActor, ValidationError } from '@mercato/core';
import { withUsersService } from './accounts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' }, 'full-name': { type: 'string' } },
  });
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the database to create the admin in.');
  const dto = await parseInput(CreateUserDto, {
    email: values.email,
    username: values.username,
    password: values.password ?? process.env['MERCATO_ADMIN_PASSWORD'],
    ...(values['full-name'] ? { full_name: values['full-name'] } : {}),
  });
  const admin = await withUsersService(databaseUrl, (users) => users.create(systemActor('create-admin CLI'), dto, 'admin'));
  console.log(`Created admin #${admin.id} ${admin.username} <${admin.email}>`);
}

main().catch((error: unknown) => {
  if (error instanceof ValidationError) console.error(error.errors.map((e) => `--${e.field.replace('_', '-')}: ${e.message}`).join('\n'));
  else console.error(error instanceof DomainError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
