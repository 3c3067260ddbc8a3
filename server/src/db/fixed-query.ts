import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './schema.js';

/**
 * A query whose SQL never changes, only its values: built and compiled once per database handle, then run
 * with each call's values in their places. Building and compiling a query took more CPU than SQLite took to
 * run the session lookup that every signed-in request makes (ADR 0008, decision 7). The arguments are
 * strings (ids, hashes); each must reach the SQL as one parameter of its own.
 */
export function fixedQuery<A extends string[], R>(build: (db: Executor, ...args: A) => Compilable<R>) {
  const compiled = new WeakMap<Executor, { query: CompiledQuery<R>; slots: number[] }>();
  return async (db: Executor, ...args: A): Promise<R[]> => {
    let entry = compiled.get(db);
    if (!entry) {
      const markers = args.map((_, i) => `\u0000fixed-query-argument-${i}`) as A;
      const query = build(db, ...markers).compile();
      const slots = markers.map((marker) => query.parameters.indexOf(marker));
      if (slots.some((slot, i) => slot < 0 || query.parameters.lastIndexOf(markers[i]) !== slot)) {
        throw new Error('fixedQuery: each argument must be exactly one parameter of the query');
      }
      entry = { query, slots };
      compiled.set(db, entry);
    }
    const parameters = [...entry.query.parameters];
    entry.slots.forEach((slot, i) => (parameters[slot] = args[i]));
    return (await db.executeQuery<R>({ ...entry.query, parameters })).rows;
  };
}
