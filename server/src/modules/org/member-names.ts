import { pinyin } from 'pinyin-pro';
import cnchar from 'cnchar';
import strokeOrder from 'cnchar-order';

cnchar.use(strokeOrder);

/**
 * The five stroke classes of 笔画序 (横竖撇点折), keyed by the stroke letters of cnchar-order: 提 counts as
 * 横, 捺 as 点, and every stroke with a turn or hook (竖钩, 撇点, 横折 …) as 折.
 */
const STROKE_CLASS: Record<string, string> = { j: '1', i: '1', d: '1', f: '2', s: '3', k: '4', l: '4' };
const strokeClasses = (letters: string) => [...letters].map((l) => STROKE_CLASS[l] ?? '5').join('');

const collator = new Intl.Collator('zh-u-co-stroke');

interface StrokeTable {
  /** Characters with stroke data, in 姓氏笔画 order: stroke count, then 横竖撇点折 stroke by stroke. */
  rank: Map<string, number>;
  count: Map<string, number>;
  /** The same characters in the collator's stroke order, to estimate the stroke count of others. */
  byCollator: string[];
}

let table: StrokeTable | undefined;
function strokeTable(): StrokeTable {
  if (table) return table;
  const chars: string[] = [];
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) chars.push(String.fromCodePoint(cp));
  const letters = cnchar.stroke(chars.join(''), 'order') as (string | undefined)[];
  const known = chars.flatMap((ch, i) => (letters[i] ? [{ ch, classes: strokeClasses(letters[i]) }] : []));
  known.sort(
    (a, b) =>
      a.classes.length - b.classes.length || (a.classes < b.classes ? -1 : a.classes > b.classes ? 1 : 0) || collator.compare(a.ch, b.ch),
  );
  table = {
    rank: new Map(known.map((k, i) => [k.ch, i + 1])),
    count: new Map(known.map((k) => [k.ch, k.classes.length])),
    byCollator: known.map((k) => k.ch).sort(collator.compare),
  };
  return table;
}

const keyCache = new Map<string, string>();
/**
 * A fixed-width key per character: its rank among the characters with stroke data, or for a rare character
 * without it, just after the last known character of its estimated stroke count (the collator orders by
 * stroke count first) and then by the collator. Other characters (·, letters) sort first.
 */
function charKey(ch: string): string {
  let key = keyCache.get(ch);
  if (key !== undefined) return key;
  const { rank, count, byCollator } = strokeTable();
  const known = rank.get(ch);
  if (known !== undefined) {
    key = known.toString(16).padStart(4, '0') + '0000';
  } else if (/\p{Script=Han}/u.test(ch)) {
    let lo = 0;
    let hi = byCollator.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (collator.compare(byCollator[mid]!, ch) < 0) lo = mid + 1;
      else hi = mid;
    }
    const strokes = lo > 0 ? count.get(byCollator[lo - 1]!)! : 1;
    let last = 0;
    for (const [c, r] of rank) if (count.get(c)! <= strokes && r > last) last = r;
    key = last.toString(16).padStart(4, '0') + (lo + 1).toString(16).padStart(4, '0');
  } else {
    key = '00000000';
  }
  keyCache.set(ch, key);
  return key;
}

/**
 * Member lists sort by surname strokes (姓氏笔画): fewer strokes first; with the same count, by the class of
 * the first stroke in the order 横竖撇点折, then the second, and so on (李 before 宋 before 张). The
 * databases cannot collate so, so each name gets this key on write (ADR 0007).
 */
export function strokeKey(name: string): string {
  return [...name].map(charKey).join('');
}

export const compareByStrokes = (a: string, b: string) => {
  const x = strokeKey(a);
  const y = strokeKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Full pinyin without tones ("wangfang") and initials ("wf"), for search. */
export function pinyinKeys(name: string): { pinyin: string; pinyinInitials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' });
  return {
    pinyin: syllables.join('').toLowerCase(),
    pinyinInitials: syllables
      .map((s) => s[0] ?? '')
      .join('')
      .toLowerCase(),
  };
}

export function memberSortKeys(name: string): { strokeKey: string; pinyin: string; pinyinInitials: string } {
  return { strokeKey: strokeKey(name), ...pinyinKeys(name) };
}
