import fc from 'fast-check';
import type { z } from 'zod';
import { UNKNOWN_ID } from './route-table.js';

/**
 * Values for a route's zod schema, found by walking the schema itself, so that every endpoint is covered
 * as soon as it is registered: `sampleValid` gives one plausible valid value, `hostile` an arbitrary of
 * mutated ones (wrong types, missing and extra fields, huge strings, unicode edge cases, injection text).
 */
type Any = z.ZodType & { _zod: { def: Record<string, any> } };
const defOf = (s: unknown) => (s as Any)._zod.def;

const STRING_CANDIDATES = [
  '示例文本',
  '2026-03-01',
  UNKNOWN_ID,
  '2026-03-01T08:00:00.000Z',
  'member@example.com',
  '13800000000',
  'https://example.com/a',
  '1',
  'all',
  'x',
];
const NUMBER_CANDIDATES = [1, 2, 10, 2026, 0, 100];

export const INJECTION = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1 UNION SELECT password_hash FROM users',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '${7*7}',
  '{{7*7}}',
  '%00',
  'a\u0000b',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '𠀀𪚥𝌆🀄️👩‍👩‍👧‍👦',
  '\ud800',
  '　全角　空格　',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  'null',
  '-1',
  '1e309',
  'NaN',
];

function unwrap(schema: unknown): unknown {
  const d = defOf(schema);
  if (
    d.type === 'optional' ||
    d.type === 'nullable' ||
    d.type === 'default' ||
    d.type === 'readonly' ||
    d.type === 'catch' ||
    d.type === 'prefault' ||
    d.type === 'nonoptional'
  )
    return unwrap(d.innerType);
  if (d.type === 'pipe') return unwrap(d.in);
  if (d.type === 'lazy') return unwrap(d.getter());
  return schema;
}

export function objectShape(schema: unknown): Record<string, unknown> | null {
  if (!schema) return null;
  const inner = unwrap(schema);
  return defOf(inner).type === 'object' ? (defOf(inner).shape as Record<string, unknown>) : null;
}

function isOptional(schema: unknown): boolean {
  const t = defOf(schema).type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}

const passes = (schema: unknown, value: unknown) => (schema as z.ZodType).safeParse(value).success;

/** One valid-looking value for the schema (required fields only), or undefined when none is found. */
export function sampleValid(schema: unknown, depth = 0): unknown {
  const d = defOf(schema);
  const pick = (candidates: unknown[]) => candidates.find((c) => passes(schema, c));
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return sampleValid(d.innerType, depth);
    case 'nullable':
      return sampleValid(d.innerType, depth) ?? null;
    case 'lazy':
      return depth > 4 ? undefined : sampleValid(d.getter(), depth + 1);
    case 'pipe': {
      const v = sampleValid(d.in, depth);
      return v;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(d.shape as Record<string, unknown>)) {
        if (isOptional(field)) continue;
        out[key] = sampleValid(field, depth + 1);
      }
      return out;
    }
    case 'array': {
      if (passes(schema, [])) return [];
      const item = sampleValid(d.element, depth + 1);
      for (let n = 1; n <= 5; n++) if (passes(schema, Array(n).fill(item))) return Array(n).fill(item);
      return [item];
    }
    case 'record':
      return {};
    case 'tuple':
      return (d.items as unknown[]).map((x) => sampleValid(x, depth + 1));
    case 'union':
      for (const option of d.options as unknown[]) {
        const v = sampleValid(option, depth + 1);
        if (v !== undefined && passes(option, v)) return v;
      }
      return sampleValid((d.options as unknown[])[0], depth + 1);
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'boolean':
      return true;
    case 'number':
    case 'int':
    case 'bigint':
      return pick(NUMBER_CANDIDATES) ?? 1;
    case 'string': {
      const found = pick(STRING_CANDIDATES);
      if (found !== undefined) return found;
      const pattern = d.pattern ?? (d.checks as any[] | undefined)?.map((c) => c._zod.def.pattern).find(Boolean);
      if (pattern) {
        const generated = fc.sample(fc.stringMatching(pattern), { numRuns: 20, seed: 1 }).find((v) => passes(schema, v));
        if (generated !== undefined) return generated;
      }
      for (let n = 1; n <= 64; n *= 2) if (passes(schema, '协'.repeat(n))) return '协'.repeat(n);
      return '示例';
    }
    case 'date':
      return new Date('2026-03-01');
    case 'null':
      return null;
    default:
      return 'x';
  }
}

const hostileString = fc.oneof(
  fc.constantFrom(...INJECTION),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('长'.repeat(70_000)),
  fc.constant('a'.repeat(5_000)),
  fc.constant(''),
  fc.constant('   '),
);

const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(-1),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }),
  hostileString,
);

/** A mutation of a valid object: one field changed, dropped or added, or the whole value replaced. */
export function hostile(schema: unknown): fc.Arbitrary<unknown> {
  const base = sampleValid(schema);
  const shape = objectShape(schema);
  if (!shape || typeof base !== 'object' || base === null) return fc.oneof(wrongType, fc.constant(base));
  const keys = Object.keys(shape);
  const record = base as Record<string, unknown>;
  const arbitraries: fc.Arbitrary<unknown>[] = [
    fc.constant(record),
    wrongType,
    fc.tuple(fc.string({ maxLength: 12 }), wrongType).map(([k, v]) => ({ ...record, [`x${k}`]: v })),
    fc.constant({ ...record, __proto__: { admin: true }, constructor: { prototype: { polluted: 1 } } }),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    arbitraries.push(
      fc.tuple(key, wrongType).map(([k, v]) => ({ ...record, [k]: v })),
      fc.tuple(key, hostileString).map(([k, v]) => ({ ...record, [k]: v })),
      key.map((k) => Object.fromEntries(Object.entries(record).filter(([name]) => name !== k))),
      fc.tuple(fc.subarray(keys), hostileString).map(([ks, v]) => ({ ...record, ...Object.fromEntries(ks.map((k) => [k, v])) })),
    );
  }
  return fc.oneof(...arbitraries);
}

/** encodeURIComponent, with lone surrogates replaced (they cannot be encoded as UTF-8). */
export function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'));
}

/** A querystring from a value: objects become repeated or JSON text, as a browser or a script might send. */
export function toQuery(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `q=${encode(String(JSON.stringify(value)))}`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    for (const item of values)
      parts.push(`${encode(k)}=${encode(typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))}`);
  }
  return parts.join('&');
}
