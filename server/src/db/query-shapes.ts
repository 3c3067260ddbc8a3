import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { Actor } from '../platform/permissions/actor.js';
import type { Executor } from './schema.js';

type Scalar = string | number | boolean | null | undefined;

/** The values a query's parameters take, by name: scalars and lists of scalars. */
export type ShapeValues = Record<string, Scalar | readonly Scalar[]>;

/**
 * A query as its key and values (ADR 0109). Building a list page's queries and compiling them took about a
 * quarter of its CPU, as much as SQLite took to run them; a shape is built and compiled once per key, and
 * afterwards only its values are put in their places.
 *
 * `build` must depend on nothing but `values` and what `key` names: the clock, the actor's permissions, a
 * search's words are read outside it and passed in `values` or named in `key`. It may test a value for
 * truthiness and a list for its length (both are part of the key by themselves); anything else it does with
 * a value (compare it, compute with it) makes the shape fail its check and be built each time.
 */
export interface QueryShape<V extends ShapeValues, R> {
  key: string;
  values: V;
  build: (values: V) => Compilable<R>;
}

const keys = new Set<string>();

/** A shape's key for one place in the code: two places with one key would share their templates. */
export function shapeKey(name: string): string {
  if (keys.has(name)) throw new Error(`query shape ${name} is named twice`);
  keys.add(name);
  return name;
}

/** A value's place among a template's parameters while the template is compiled. */
class Slot {
  constructor(
    readonly name: string,
    readonly index: number,
  ) {}
}

interface Template {
  sql: string;
  /** Constants as compiled, and slots where the values go. */
  parameters: readonly unknown[];
  query: CompiledQuery['query'];
}

/** Shapes per compiler (per dialect), each a handful per list; bounded, oldest out first. */
const CAPACITY = 1000;
const templates = new WeakMap<object, Map<string, Template | null>>();

/** Under test every use is checked against a fresh build (vitest.config.ts sets it). */
const verifying = process.env.XS_VERIFY_QUERY_SHAPES === '1';

/** What the values themselves decide of the SQL: which are falsy, exactly (they are not parameters), and the lists' lengths. */
function valuesKey(values: ShapeValues): string {
  let key = '';
  for (const name in values) {
    const value = values[name];
    key += `\u0000${name}=${Array.isArray(value) ? `#${value.length}` : value ? '+' : `${typeof value} ${String(value)}`}`;
  }
  return key;
}

function probe<V extends ShapeValues>(values: V): V {
  const slots: Record<string, unknown> = {};
  for (const name in values) {
    const value = values[name];
    slots[name] = Array.isArray(value) ? value.map((_, i) => new Slot(name, i)) : value ? new Slot(name, -1) : value;
  }
  return slots as V;
}

function fill(parameter: unknown, values: ShapeValues): unknown {
  if (parameter instanceof Slot) {
    const value = values[parameter.name];
    return parameter.index < 0 ? value : (value as readonly Scalar[])[parameter.index];
  }
  return Array.isArray(parameter) ? parameter.map((p) => fill(p, values)) : parameter;
}

const sameParameters = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i] || (Array.isArray(x) && JSON.stringify(x) === JSON.stringify(b[i])));

function mismatch(key: string, what: string): Error {
  return new Error(`query shape ${JSON.stringify(key)}: ${what} depends on something outside its key and values`);
}

/** The shape's query compiled for its values: from its template when it has one. */
export function compileShaped<V extends ShapeValues, R>(db: Executor, shape: QueryShape<V, R>): CompiledQuery<R> {
  const compiler = db.getExecutor().adapter;
  let byKey = templates.get(compiler);
  if (!byKey) templates.set(compiler, (byKey = new Map()));
  const key = shape.key + valuesKey(shape.values);
  const template = byKey.get(key);
  if (template) {
    const parameters = template.parameters.map((p) => fill(p, shape.values));
    if (verifying) {
      const fresh = shape.build(shape.values).compile();
      if (fresh.sql !== template.sql || !sameParameters(parameters, fresh.parameters)) throw mismatch(key, 'its SQL');
    }
    return { sql: template.sql, parameters, query: template.query, queryId: createQueryId() };
  }
  const compiled = shape.build(shape.values).compile();
  if (template === undefined) {
    let probed: CompiledQuery<R> | null = null;
    try {
      probed = shape.build(probe(shape.values)).compile();
    } catch (error) {
      // A build that does more with a value than pass it on may fail on a marker: it is built each time.
      if (verifying) throw error;
    }
    const holds =
      probed !== null &&
      probed.sql === compiled.sql &&
      sameParameters(
        probed.parameters.map((p) => fill(p, shape.values)),
        compiled.parameters,
      );
    if (!holds && verifying) throw mismatch(key, 'its SQL');
    if (byKey.size >= CAPACITY) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, holds && probed ? { sql: compiled.sql, parameters: probed.parameters, query: compiled.query } : null);
  }
  return compiled;
}

export async function executeShaped<V extends ShapeValues, R>(db: Executor, shape: QueryShape<V, R>): Promise<R[]> {
  return (await db.executeQuery(compileShaped(db, shape))).rows;
}

/** Rows read by these ids (`build` from the ids alone) as a shape; none without ids. */
export async function executeForIds<R>(
  db: Executor,
  key: string,
  ids: readonly string[],
  build: (ids: string[]) => Compilable<R>,
): Promise<R[]> {
  if (ids.length === 0) return [];
  return executeShaped(db, { key, values: { ids }, build: (v) => build(v.ids as string[]) });
}

let fixedQueries = 0;

/**
 * A query whose SQL never changes, only its arguments (strings: ids, hashes): a shape whose key is the
 * query itself (ADR 0008, decision 7).
 */
export function fixedQuery<A extends string[], R>(build: (db: Executor, ...args: A) => Compilable<R>) {
  const key = `fixed:${++fixedQueries}`;
  return (db: Executor, ...args: A): Promise<R[]> =>
    executeShaped(db, { key, values: { ...args } as unknown as ShapeValues, build: (v) => build(db, ...(args.map((_, i) => v[i]) as A)) });
}

/** Each actor's permissions as a key, computed once per frozen access object (they are shared per user). */
const accessKeys = new WeakMap<object, string>();
/**
 * Permissions written out are a few hundred characters, and every shape key of a scoped list holds them:
 * looking such a key up hashed it anew each time. Each set of permissions gets a short name instead.
 */
const accessNames = new Map<string, string>();

function accessKey(actor: Actor): string {
  let key = accessKeys.get(actor.grants);
  if (key === undefined) {
    key = JSON.stringify([actor.system ?? false, [...actor.roles].sort(), Object.entries(actor.grants).sort()]);
    let name = accessNames.get(key);
    // Role sets of a committee are few; past the bound a key stays written out.
    if (name === undefined && accessNames.size < 10_000) accessNames.set(key, (name = `access#${accessNames.size}`));
    key = name ?? key;
    if (Object.isFrozen(actor.grants)) accessKeys.set(actor.grants, key);
  }
  return key;
}

/**
 * The part of a shape an actor gives: the key of its permissions and the values of who it is, for queries
 * scoped to what the actor may see. `asActor` rebuilds the actor from those values inside `build`.
 */
export function actorShape(actor: Actor) {
  return {
    key: accessKey(actor),
    values: {
      actorUserId: actor.userId,
      actorMemberId: actor.memberId,
      actorUnitId: actor.unitId,
      actorDepartmentIds: actor.departmentIds,
    },
  };
}

export function asActor(actor: Actor, v: ReturnType<typeof actorShape>['values']): Actor {
  return {
    ...actor,
    userId: v.actorUserId,
    memberId: v.actorMemberId,
    unitId: v.actorUnitId,
    departmentIds: v.actorDepartmentIds as string[],
  };
}
