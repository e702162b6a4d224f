// npm run seed:products -- --count 100000   (DATABASE_URL; adds products only to an empty catalog)
import { parseArgs } from 'node:util';
import { seedCatalog } from './seed-catalog';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '300' } } });
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('Set DATABASE_URL to the database to seed.');
  const started = Date.now();
  const added = await seedCatalog(url, Number(values.count));
  console.log(added ? `Added ${added} products in ${((Date.now() - started) / 1000).toFixed(1)} s.` : 'The catalog already has products; nothing added.');
}

main().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
