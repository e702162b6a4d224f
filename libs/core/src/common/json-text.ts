/**
 * A value and its JSON text. A cached read hands out the text as it was stored (as UTF-8 bytes, straight from
 * Redis), so an HTTP response can send it as it is instead of decoding, parsing, serializing and encoding it
 * again; whoever needs the value parses it, once.
 */
export class JsonText<T> {
  #value?: T;
  #parsed = false;

  constructor(readonly json: string | Buffer) {}

  /** The text of `value`; `json`, when the caller has just made it, is not made again. */
  static of<T>(value: T, json: string = JSON.stringify(value)): JsonText<T> {
    const text = new JsonText<T>(json);
    text.#value = value;
    text.#parsed = true;
    return text;
  }

  get value(): T {
    if (!this.#parsed) {
      this.#value = JSON.parse(typeof this.json === 'string' ? this.json : this.json.toString('utf8')) as T;
      this.#parsed = true;
    }
    return this.#value as T;
  }

  /** Serialized by anyone else, it is the value, never the wrapper. */
  toJSON(): T {
    return this.value;
  }
}
