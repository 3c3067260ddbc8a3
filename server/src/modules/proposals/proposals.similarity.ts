/**
 * Text similarity for Chinese without a tokenizer: character bigrams of the text's CJK letters, digits
 * and words, compared by the cosine of their bigram counts. Good enough to surface 同题提案 while writing and
 * candidates for 并案; cheap enough to run over one term (a few thousand proposals) per request.
 */
export function bigrams(text: string): Map<string, number> {
  const clean = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
  const out = new Map<string, number>();
  for (const chunk of clean.split(' ')) {
    const chars = [...chunk];
    if (chars.length === 1) out.set(chars[0], (out.get(chars[0]) ?? 0) + 1);
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = chars[i] + chars[i + 1];
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}

/** A text's bigram counts with their Euclidean norm, computed once. */
export interface TextVector {
  grams: Map<string, number>;
  norm: number;
}

export function textVector(text: string): TextVector {
  const grams = bigrams(text);
  let squares = 0;
  for (const n of grams.values()) squares += n * n;
  return { grams, norm: Math.sqrt(squares) };
}

/**
 * The top `limit` items by similarity to `query`, leaving out those sharing next to nothing. The query's
 * grams are walked as arrays: a term has thousands of items, and iterating a Map's entries allocates one.
 */
export function rankSimilar<T>(query: string, items: T[], vectorOf: (item: T) => TextVector | undefined, limit: number, threshold = 0.1) {
  const q = textVector(query);
  if (q.norm === 0) return [];
  const grams = [...q.grams.keys()];
  const counts = [...q.grams.values()];
  const ranked: { item: T; score: number }[] = [];
  for (const item of items) {
    const v = vectorOf(item);
    if (!v || v.norm === 0) continue;
    let dot = 0;
    for (let i = 0; i < grams.length; i++) dot += counts[i]! * (v.grams.get(grams[i]!) ?? 0);
    const score = dot / (q.norm * v.norm);
    if (score >= threshold) ranked.push({ item, score });
  }
  return ranked.sort((x, y) => y.score - x.score).slice(0, limit);
}

/**
 * Bigram vectors of proposals, kept between requests and keyed by id and last change, so that a request
 * compares against a term's few thousand proposals without re-reading and re-splitting their text.
 */
export class VectorCache {
  private readonly entries = new Map<string, { stamp: string; vector: TextVector }>();
  constructor(private readonly capacity = 120_000) {}

  get(id: string, stamp: string): TextVector | undefined {
    const hit = this.entries.get(id);
    return hit && hit.stamp === stamp ? hit.vector : undefined;
  }

  set(id: string, stamp: string, text: string): TextVector {
    if (this.entries.size >= this.capacity) this.entries.clear();
    const vector = textVector(text);
    this.entries.set(id, { stamp, vector });
    return vector;
  }
}
