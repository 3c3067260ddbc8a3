import type { Executor } from '../../db/schema.js';

export async function structure(db: Executor) {
  const [terms, committees, departments, sectors, parties, streetGroups, studios, units] = await Promise.all([
    db.selectFrom('terms').selectAll().orderBy('number', 'desc').execute(),
    db.selectFrom('committees').selectAll().orderBy('sortOrder').orderBy('name').execute(),
    db.selectFrom('departments').selectAll().orderBy('sortOrder').orderBy('name').execute(),
    db.selectFrom('sectors').selectAll().orderBy('sortOrder').orderBy('name').execute(),
    db.selectFrom('parties').selectAll().orderBy('sortOrder').orderBy('name').execute(),
    db.selectFrom('streetGroups').selectAll().orderBy('sortOrder').orderBy('name').execute(),
    db.selectFrom('studios').selectAll().orderBy('name').execute(),
    db.selectFrom('units').selectAll().orderBy('sortOrder').orderBy('name').execute(),
  ]);
  return { terms, committees, departments, sectors, parties, streetGroups, studios, units };
}
