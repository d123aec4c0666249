/** Share of the first k ranked items that are relevant (k, not the list length, is the denominator). */
export function precisionAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / k;
}

/** Binary-gain NDCG@k: DCG of the ranking over the DCG of the best possible one; 0 when nothing is relevant. */
export function ndcgAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  const present = ranked.filter((id) => relevant.has(id)).length;
  let ideal = 0;
  for (let i = 0; i < Math.min(k, present); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}
