import type { PlanNameKind, PlanNameMapping, PlanNameMatch, PlanNameTarget, PlanTargetKind } from '@xieshang/shared';

/** The organisation as the importer sees it: who and what a name in the document can mean. */
export interface OrgIndex {
  leaders: { id: string; name: string }[];
  departments: { id: string; name: string; kind: string; aliases: string[] }[];
  committees: { id: string; name: string; shortName: string | null; aliases: string[] }[];
  sectors: { id: string; name: string }[];
  /** Department groups of the organisation (e.g. 各专委会分党组) by the names the plan uses. */
  departmentGroups: Map<string, PlanNameTarget[]>;
  /** Mappings remembered from earlier imports, by `${kind}:${name}`. */
  remembered: Map<string, { targetKind: PlanTargetKind; recordId: string }>;
}

/** 各专委会工作室: every committee office; 其他专委会工作室: those not named on the same item. */
export const ALL_COMMITTEE_OFFICES = '各专委会工作室';
export const OTHER_COMMITTEE_OFFICES = '其他专委会工作室';

const ROOM = /^([一二三四五六七八九十]+)室$/;

/** Expands shorthand in a list such as 专委会工作一室、四室 into 专委会工作一室、专委会工作四室. */
export function expandDepartmentNames(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const previous = out[out.length - 1];
    const room = ROOM.exec(name);
    const base = previous && /[一二三四五六七八九十]+室$/.exec(previous);
    out.push(room && previous && base ? previous.slice(0, base.index) + name : name);
  }
  return out;
}

function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length];
}

function sharedChars(a: string, b: string): number {
  const pool = [...b];
  let n = 0;
  for (const ch of a) {
    const at = pool.indexOf(ch);
    if (at >= 0) {
      n++;
      pool.splice(at, 1);
    }
  }
  return n;
}

function commonSuffix(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

/**
 * The closest records to a name, at most three. A Chinese organisation name ends in what it is (委员会,
 * 党组, 室), so a shared ending weighs double; then characters in common, less the edits needed.
 */
export function closest(name: string, pool: PlanNameTarget[]): PlanNameTarget[] {
  const minShared = Math.min(2, [...name].length);
  return pool
    .map((t) => {
      const shared = sharedChars(name, t.name);
      return { t, shared, score: shared + 2 * commonSuffix(name, t.name) - levenshtein(name, t.name) };
    })
    .filter((c) => c.shared >= minShared)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((c) => c.t);
}

function poolOf(index: OrgIndex, kind: PlanNameKind): PlanNameTarget[] {
  if (kind === 'leader') return index.leaders.map((l) => ({ kind: 'member', id: l.id, name: l.name }));
  const departments = index.departments.map((d) => ({ kind: 'department' as const, id: d.id, name: d.name }));
  if (kind === 'department') return departments;
  return [
    ...index.committees.map((c) => ({ kind: 'committee' as const, id: c.id, name: c.name })),
    ...index.sectors.map((s) => ({ kind: 'sector' as const, id: s.id, name: s.name })),
    ...departments,
  ];
}

export function targetName(index: OrgIndex, kind: PlanTargetKind, id: string): string | null {
  const list =
    kind === 'member' ? index.leaders : kind === 'department' ? index.departments : kind === 'committee' ? index.committees : index.sectors;
  return list.find((x) => x.id === id)?.name ?? null;
}

/** Matches one name of the document to the organisation: by name, alias, remembered mapping or group. */
export function matchName(index: OrgIndex, kind: PlanNameKind, name: string): PlanNameMatch {
  const found = (via: PlanNameMatch['via'], targets: PlanNameTarget[]): PlanNameMatch => ({ kind, name, via, targets, candidates: [] });
  const pool = poolOf(index, kind);
  const exact = pool.find((t) => t.name === name);
  if (exact) return found('name', [exact]);
  if (kind === 'department' && (name === ALL_COMMITTEE_OFFICES || name === OTHER_COMMITTEE_OFFICES)) {
    return found(
      'group',
      index.departments.filter((d) => d.kind === 'committee_office').map((d) => ({ kind: 'department', id: d.id, name: d.name })),
    );
  }
  if (kind !== 'leader') {
    const committee = kind === 'organizer' && index.committees.find((c) => c.shortName === name || c.aliases.includes(name));
    if (committee) return found('alias', [{ kind: 'committee', id: committee.id, name: committee.name }]);
    const department = index.departments.find((d) => d.aliases.includes(name));
    if (department) return found('alias', [{ kind: 'department', id: department.id, name: department.name }]);
  }
  const group = kind === 'department' && index.departmentGroups.get(name);
  if (group && group.length) return found('group', group);
  const remembered = index.remembered.get(`${kind}:${name}`);
  const rememberedName = remembered && targetName(index, remembered.targetKind, remembered.recordId);
  if (remembered && rememberedName)
    return found('mapping', [{ kind: remembered.targetKind, id: remembered.recordId, name: rememberedName }]);
  return { kind, name, via: null, targets: [], candidates: closest(name, pool) };
}

export const mappingKey = (kind: PlanNameKind, name: string) => `${kind}:${name}`;

/**
 * Resolves a name to record ids with the user's decisions: a match wins unless the user mapped the name
 * to something else; an unmatched name without a decision stays as text only.
 */
export function resolveName(index: OrgIndex, decisions: Map<string, PlanNameMapping>, kind: PlanNameKind, name: string): PlanNameTarget[] {
  const decision = decisions.get(mappingKey(kind, name));
  if (decision?.action === 'ignore') return [];
  if (decision?.action === 'map' && decision.targetKind && decision.recordId) {
    const n = targetName(index, decision.targetKind, decision.recordId);
    return n ? [{ kind: decision.targetKind, id: decision.recordId, name: n }] : [];
  }
  return matchName(index, kind, name).targets;
}

/** The departments of one item, with 其他专委会工作室 meaning the committee offices not otherwise named there. */
export function resolveItemDepartments(index: OrgIndex, decisions: Map<string, PlanNameMapping>, written: string[]): string[] {
  const names = expandDepartmentNames(written);
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const name of names)
    if (name !== OTHER_COMMITTEE_OFFICES) resolveName(index, decisions, 'department', name).forEach((t) => add(t.id));
  if (names.includes(OTHER_COMMITTEE_OFFICES) && !decisions.has(mappingKey('department', OTHER_COMMITTEE_OFFICES))) {
    index.departments.filter((d) => d.kind === 'committee_office').forEach((d) => add(d.id));
  } else if (names.includes(OTHER_COMMITTEE_OFFICES)) {
    resolveName(index, decisions, 'department', OTHER_COMMITTEE_OFFICES).forEach((t) => add(t.id));
  }
  return ids;
}
