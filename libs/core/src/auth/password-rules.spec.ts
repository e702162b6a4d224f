import { CreateUserDto, ValidationError, parseInput } from '../index';

const valid = { email: 'Ada@Example.COM ', username: 'ada.l', password: 'Secr3tPass' };

async function fieldErrors(input: object) {
  try {
    await parseInput(CreateUserDto, input);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.errors;
  }
}

describe('registration rules', () => {
  it('accepts a valid registration and normalises the e-mail', async () => {
    const dto = await parseInput(CreateUserDto, valid);
    expect(dto.email).toBe('ada@example.com');
  });

  it.each([
    ['short', 'Ab1', 'minLength'],
    ['without an upper-case letter', 'secr3tpass', 'matches'],
    ['without a digit', 'SecretPass', 'matches'],
    ['too long', `A1${'x'.repeat(200)}`, 'maxLength'],
  ])('refuses a password that is %s', async (_name, password, rule) => {
    const errors = await fieldErrors({ ...valid, password });
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password', rule })]));
  });

  it.each([['ab'], ['a'.repeat(51)], ['bad name'], ['émile']])('refuses the username %p', async (username) => {
    const errors = await fieldErrors({ ...valid, username });
    expect(errors.map((e) => e.field)).toContain('username');
  });

  it('refuses fields the caller may not set, naming them', async () => {
    const errors = await fieldErrors({ ...valid, role: 'admin', is_active: false });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'role', rule: 'whitelist' }),
        expect.objectContaining({ field: 'is_active', rule: 'whitelist' }),
      ]),
    );
  });

  it('refuses a body that is not an object', async () => {
    await expect(parseInput(CreateUserDto, 'hello')).rejects.toBeInstanceOf(ValidationError);
    await expect(parseInput(CreateUserDto, [valid])).rejects.toBeInstanceOf(ValidationError);
  });
});
