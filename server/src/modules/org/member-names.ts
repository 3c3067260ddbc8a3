import { pinyin } from 'pinyin-pro';

const strokeCollator = new Intl.Collator('zh-u-co-stroke');

/**
 * Member lists sort by surname strokes (姓氏笔画). The database cannot collate by strokes, so each name
 * gets a sort key on write: the rank of each character in stroke order, as fixed-width hex.
 */
export function strokeKey(name: string): string {
  return [...name].map((ch) => strokeRank(ch).toString(16).padStart(6, '0')).join('');
}

const rankCache = new Map<string, number>();
function strokeRank(ch: string): number {
  let rank = rankCache.get(ch);
  if (rank === undefined) {
    rank = strokeOrdinal(ch);
    rankCache.set(ch, rank);
  }
  return rank;
}

/** Position of a character among all CJK unified ideographs in stroke collation order. */
let ordered: string[] | undefined;
function strokeOrdinal(ch: string): number {
  if (!ordered) {
    const all: string[] = [];
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) all.push(String.fromCodePoint(cp));
    ordered = all.sort(strokeCollator.compare);
  }
  // Binary search by the collator keeps this exact for characters outside the base block too.
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strokeCollator.compare(ordered[mid], ch) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

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

export const compareByStrokes = strokeCollator.compare;
