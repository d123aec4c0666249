import { LIMITS } from '../messaging/limits';
import type { ScrapedPaper } from '../paper';

/** One call per LIMITS.papersPerRequest papers, one after the other (a proceedings page's rest is several). */
export async function inRequests<T>(papers: ScrapedPaper[], send: (papers: ScrapedPaper[]) => Promise<T[]>): Promise<T[]> {
  if (papers.length <= LIMITS.papersPerRequest) return send(papers);
  const out: T[] = [];
  for (let start = 0; start < papers.length; start += LIMITS.papersPerRequest) {
    out.push(...(await send(papers.slice(start, start + LIMITS.papersPerRequest))));
  }
  return out;
}
