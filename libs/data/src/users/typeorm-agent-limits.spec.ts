import { repositoryDatabase, type RepositoryDatabase } from '../testing/repository-database';
import { TypeormAgentLimits } from './typeorm-agent-limits';

let setup: RepositoryDatabase;
let limits: TypeormAgentLimits;
beforeAll(async () => {
  setup = await repositoryDatabase();
  limits = new TypeormAgentLimits(setup.db);
}, 60_000);
afterAll(() => setup.close());

const person = (name: string) => setup.users.insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'x', role: 'user' });

describe('TypeormAgentLimits', () => {
  it('keeps each account its own limit in cents, null following the default', async () => {
    const [ann, ben] = [await person('ann'), await person('ben')];
    expect(await limits.find(ann.id)).toBeNull();

    await limits.set(ann.id, 12_345);
    expect([await limits.find(ann.id), await limits.find(ben.id)]).toEqual([12_345, null]);
    await limits.set(ann.id, null);
    expect(await limits.find(ann.id)).toBeNull();
  });

  it('refuses a limit beyond a million, leaving the stored one', async () => {
    const cal = await person('cal');
    await limits.set(cal.id, 500);

    await expect(limits.set(cal.id, 100_000_001)).rejects.toThrow();
    expect(await limits.find(cal.id)).toBe(500);
  });
});

describe('checkout approval', () => {
  it('is set, kept through other changes, and cleared only when asked', async () => {
    const dee = await person('dee');
    const { id } = await setup.checkouts.insert({
      userId: dee.id,
      currency: 'EUR',
      lines: [{ productId: 1, name: 'Mug', unitPriceCents: 500, quantity: 1 }],
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await setup.checkouts.findById(id))?.approval).toBeNull();

    const asked = { state: 'pending', requestedBy: 'https://agent.example/client.json' } as const;
    expect((await setup.checkouts.save(id, { approval: asked })).approval).toEqual(asked);
    expect((await setup.checkouts.save(id, { status: 'ready_for_complete' })).approval).toEqual(asked);
    expect((await setup.checkouts.findById(id))?.approval).toEqual(asked);
    expect((await setup.checkouts.save(id, { approval: null })).approval).toBeNull();
  });
});
