import { arxivAdapter } from './arxiv';
import { huggingFaceAdapter } from './huggingface';
import type { SiteAdapter } from './types';

/** Every supported site. Adding a site: one adapter file, its fixtures, and one entry here. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [huggingFaceAdapter, arxivAdapter];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter.handles(url));
}
