/** The labelled fields under a plan item: 责任领导, 主责部门, 完成时限 and the other names committees use for them. */

export type FieldKind = 'leaders' | 'departments' | 'deadline';

const LABELS: Record<FieldKind, string[]> = {
  leaders: ['责任领导', '牵头领导', '分管领导'],
  departments: ['主责部门', '主责单位', '责任部门', '责任单位', '牵头部门', '牵头单位'],
  deadline: ['完成时限', '完成时间', '完成期限', '时间要求'],
};

const KIND_OF = new Map<string, FieldKind>(
  (Object.entries(LABELS) as [FieldKind, string[]][]).flatMap(([kind, labels]) => labels.map((label) => [label, kind] as const)),
);

/** Any label, also with spaces between its characters ("责 任 领 导"), then a full- or half-width colon. */
const LABEL = new RegExp(`(${[...KIND_OF.keys()].map((label) => [...label].join('[\\s\\u3000]*')).join('|')})[\\s\\u3000]*[:：]`, 'g');

export interface FieldValue {
  kind: FieldKind;
  /** The value as written, up to the next label or the end of the line. */
  value: string;
}

export interface FieldSplit {
  /** Text before the first label (the end of an item's text when fields share its line). */
  before: string;
  fields: FieldValue[];
}

/**
 * The fields on one line. A line that starts with a label is all fields, split at every label
 * ("责任领导：张三、李四 主责部门：办公室 完成时限：2020年底"). In other text a label counts only after white
 * space or the end of a sentence, so that prose mentioning a 责任单位 is left alone. Null when there is none.
 */
export function splitFields(line: string): FieldSplit | null {
  if (!line.includes('：') && !line.includes(':')) return null;
  const text = line.trim();
  const matches = [...text.matchAll(LABEL)];
  const startsWithLabel = matches.length > 0 && matches[0].index === 0;
  const labels = startsWithLabel ? matches : matches.filter((m) => /[\s\u3000。；;]/.test(text[m.index - 1] ?? ''));
  if (labels.length === 0) return null;
  const fields = labels.map((m, i) => ({
    kind: KIND_OF.get(m[1].replace(/[\s\u3000]+/g, ''))!,
    value: text.slice(m.index + m[0].length, labels[i + 1]?.index ?? text.length).trim(),
  }));
  return { before: text.slice(0, labels[0].index).trim(), fields };
}

/** Chinese names of the fields, for messages. */
export const FIELD_NAMES: Record<FieldKind, string> = { leaders: '责任领导', departments: '主责部门', deadline: '完成时限' };
