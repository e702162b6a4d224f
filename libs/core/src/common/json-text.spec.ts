import { JsonText } from './json-text';

describe('JsonText', () => {
  it('keeps the text it was given and parses it once, when the value is asked for', () => {
    const text = new JsonText<{ items: number[] }>('{"items":[1,2]}');
    expect(text.json).toBe('{"items":[1,2]}');
    const first = text.value;
    expect(first).toEqual({ items: [1, 2] });
    expect(text.value).toBe(first);
  });

  it('reads its text from UTF-8 bytes as well', () => {
    expect(new JsonText<{ name: string }>(Buffer.from('{"name":"Crème"}')).value).toEqual({ name: 'Crème' });
  });

  it('wraps a value with its text, made once, and serializes as the value anywhere else', () => {
    const value = { name: 'Lamp', price: 12.5 };
    const text = JsonText.of(value);
    expect(text.value).toBe(value);
    expect(text.json).toBe('{"name":"Lamp","price":12.5}');
    expect(JSON.stringify({ page: text })).toBe('{"page":{"name":"Lamp","price":12.5}}');
  });
});
