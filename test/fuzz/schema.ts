import fc from 'fast-check';

/**
 * fast-check arbitraries from the served OpenAPI document's JSON Schemas: values the schema
 * accepts (as far as a schema can say: formats and patterns included), values one step off
 * (near-valid) and hostile ones.
 */
export type JsonSchema = Record<string, unknown>;
export type Components = Record<string, JsonSchema>;

const asSchema = (value: unknown): JsonSchema => (typeof value === 'object' && value !== null ? (value as JsonSchema) : {});

export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string') return resolve(components[ref.split('/').pop() ?? ''] ?? {}, components);
  return schema;
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 60);
  if (schema.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'uri') return fc.constantFrom('https://documents.example.org/a.docx', 's3://bucket/key.pdf', 'https://t.example.org/x');
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= Math.max(maxLength, minLength));
    } catch {
      // a pattern fast-check cannot generate from: plain strings below
    }
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
}

/** Values that follow the schema. */
export function valid(schemaOrRef: unknown, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(asSchema(schemaOrRef), components);
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return fc.oneof(...(schema[key] as unknown[]).map((option) => valid(option, components, depth + 1)));
  }
  if (Array.isArray(schema.allOf)) return valid((schema.allOf as unknown[])[0], components, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: typeof schema.minimum === 'number' ? schema.minimum : -10, max: typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e9) : 1e6 });
    case 'number':
      return fc.double({ min: typeof schema.minimum === 'number' ? schema.minimum : -1e6, max: typeof schema.maximum === 'number' ? schema.maximum : 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valid(schema.items, components, depth + 1), { maxLength: Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, 3) });
    case 'object':
    default: {
      const properties = asSchema(schema.properties);
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) record[name] = valid(property, components, depth + 1);
      if (Object.keys(record).length === 0) {
        return schema.additionalProperties ? fc.dictionary(fc.constantFrom('EUR', 'USD', 'JPY', 'XX'), valid(schema.additionalProperties, components, depth + 1), { maxKeys: 3 }) : fc.constant({});
      }
      return fc.record(record, { requiredKeys: [...required].filter((key) => key in record) });
    }
  }
}

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\u202e', '💥'.repeat(50), 'a'.repeat(5000), "' OR '1'='1", '"; DROP TABLE x; --', '${jndi:ldap://x}', '{{7*7}}', '<script>alert(1)</script>',
  '../../etc/passwd', 'javascript:alert(1)', 'http://169.254.169.254/latest', 'file:///etc/passwd', '-1', '1e309', 'NaN', 'null', 'true', '__proto__', 'constructor',
];

export const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));

/** Any JSON at all, strings from the hostile list included. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constant({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }),
  fc.integer().map((n) => ({ amount: n, donorId: n, symbol: n })),
  fc.constant(JSON.parse('{"__proto__": {"admin": true}}') as unknown),
);

/** A valid value, one step off: a field dropped, added, retyped, emptied or made huge. */
export function nearValid(schema: unknown, components: Components): fc.Arbitrary<unknown> {
  return fc.tuple(valid(schema, components), fc.nat(), fc.constantFrom('drop', 'extra', 'retype', 'null', 'huge', 'empty', 'hostile'), hostileJson).map(([value, n, how, hostile]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return how === 'retype' ? [value] : hostile;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length > 0 ? keys[n % keys.length] : 'unexpected';
    if (how === 'drop') return Object.fromEntries(Object.entries(copy).filter(([name]) => name !== key));
    else if (how === 'extra') copy[`extra${n % 7}`] = hostile;
    // JSON text, not String(): a generated record may have no prototype, which String() cannot convert.
    else if (how === 'retype') copy[key] = typeof copy[key] === 'string' ? n : JSON.stringify(copy[key] ?? null);
    else if (how === 'null') copy[key] = null;
    else if (how === 'huge') copy[key] = 'x'.repeat(300_000);
    else if (how === 'empty') copy[key] = typeof copy[key] === 'string' ? '' : typeof copy[key] === 'object' ? {} : 0;
    else copy[key] = hostile;
    return copy;
  });
}
