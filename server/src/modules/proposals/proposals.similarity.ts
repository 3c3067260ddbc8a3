/**
 * Text similarity for Chinese without a tokenizer: character bigrams of the text's CJK letters, digits
 * and words, compared by cosine over bigram counts. Good enough to surface 同题提案 while writing and
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

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let dot = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [g, n] of small) dot += n * (large.get(g) ?? 0);
  if (dot === 0) return 0;
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0));
  return dot / (norm(a) * norm(b));
}

/** The top `limit` items by similarity to `query`, leaving out those sharing next to nothing. */
export function rankSimilar<T>(query: string, items: T[], vectorOf: (item: T) => Map<string, number>, limit: number, threshold = 0.1) {
  const q = bigrams(query);
  return items
    .map((item) => ({ item, score: cosine(q, vectorOf(item)) }))
    .filter((x) => x.score >= threshold)
    .sort((x, y) => y.score - x.score)
    .slice(0, limit);
}

/**
 * Bigram vectors of proposals, kept between requests and keyed by id and last change, so that a request
 * compares against a term's few thousand proposals without re-reading and re-splitting their text.
 */
export class VectorCache {
  private readonly entries = new Map<string, { stamp: string; vector: Map<string, number> }>();
  constructor(private readonly capacity = 120_000) {}

  get(id: string, stamp: string): Map<string, number> | undefined {
    const hit = this.entries.get(id);
    return hit && hit.stamp === stamp ? hit.vector : undefined;
  }

  set(id: string, stamp: string, text: string): Map<string, number> {
    if (this.entries.size >= this.capacity) this.entries.clear();
    const vector = bigrams(text);
    this.entries.set(id, { stamp, vector });
    return vector;
  }
}
