/** An attribute, or a path into a map attribute (`['languages', 'en']`). */
export type AttributePath = string | readonly string[];

/** What an UpdateCommand takes besides its table and key. */
export interface UpdateParts {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The SET/REMOVE expression of an UpdateItem and its condition, built from attribute paths and
 * values. Every name and value goes through a placeholder, so reserved words (`status`, `name`)
 * and keys that are data (a language code) are safe; conditions are ANDed.
 */
export class UpdateExpression {
  private readonly names = new Map<string, string>();
  private readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private readonly conditions: string[] = [];

  /** The placeholder path of an attribute (`['languages', 'en']` → `#n0.#n1`), one placeholder per name. */
  name(path: AttributePath): string {
    const parts = typeof path === 'string' ? [path] : path;
    return parts
      .map((part) => {
        let placeholder = this.names.get(part);
        if (placeholder === undefined) {
          placeholder = `#n${this.names.size}`;
          this.names.set(part, placeholder);
        }
        return placeholder;
      })
      .join('.');
  }

  /** The placeholder of a value. */
  value(value: unknown): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** Sets an attribute; an undefined value sets nothing (as the document client drops undefined). */
  set(path: AttributePath, value: unknown): this {
    if (value !== undefined) this.sets.push(`${this.name(path)} = ${this.value(value)}`);
    return this;
  }

  /** Sets an attribute only where it is missing (`if_not_exists`): a map created once, then kept. */
  setIfAbsent(path: AttributePath, value: unknown): this {
    const name = this.name(path);
    this.sets.push(`${name} = if_not_exists(${name}, ${this.value(value)})`);
    return this;
  }

  setAll(fields: Record<string, unknown>): this {
    for (const [field, value] of Object.entries(fields)) this.set(field, value);
    return this;
  }

  remove(...paths: AttributePath[]): this {
    for (const path of paths) this.removes.push(this.name(path));
    return this;
  }

  /** A condition written with this expression's `name()` and `value()` placeholders. */
  when(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  exists(path: AttributePath): this {
    return this.when(`attribute_exists(${this.name(path)})`);
  }

  notExists(path: AttributePath): this {
    return this.when(`attribute_not_exists(${this.name(path)})`);
  }

  equals(path: AttributePath, value: unknown): this {
    return this.when(`${this.name(path)} = ${this.value(value)}`);
  }

  /** The attribute is missing or holds something other than `value`. */
  differs(path: AttributePath, value: unknown): this {
    const name = this.name(path);
    return this.when(`(attribute_not_exists(${name}) OR ${name} <> ${this.value(value)})`);
  }

  /** The attribute holds one of `values` (a status among those a rule allows). */
  oneOf(path: AttributePath, values: readonly unknown[]): this {
    if (values.length === 1) return this.equals(path, values[0]);
    return this.when(`${this.name(path)} IN (${values.map((value) => this.value(value)).join(', ')})`);
  }

  build(): UpdateParts {
    const clauses = [this.sets.length > 0 ? `SET ${this.sets.join(', ')}` : '', this.removes.length > 0 ? `REMOVE ${this.removes.join(', ')}` : ''].filter(Boolean);
    if (clauses.length === 0) throw new Error('An update sets or removes at least one attribute');
    const names = Object.fromEntries([...this.names].map(([name, placeholder]) => [placeholder, name]));
    return {
      UpdateExpression: clauses.join(' '),
      ...(this.conditions.length > 0 && { ConditionExpression: this.conditions.join(' AND ') }),
      ...(this.names.size > 0 && { ExpressionAttributeNames: names }),
      ...(Object.keys(this.values).length > 0 && { ExpressionAttributeValues: { ...this.values } }),
    };
  }
}

export const updateExpression = (): UpdateExpression => new UpdateExpression();
