import { aclAdapter } from './acl';
import { arxivAdapter } from './arxiv';
import { cvfAdapter } from './cvf';
import { huggingFaceAdapter } from './huggingface';
import { neuripsAdapter } from './neurips';
import { openReviewAdapter } from './openreview';
import { pmlrAdapter } from './pmlr';
import type { SiteKey } from './registry';
import { scholarAdapter } from './scholar';
import type { SiteAdapter } from './types';

/**
 * Every site's adapter, by its registry key (the registry, `registry.ts`, holds everything else about a site). The
 * type makes a registry line without an adapter a compile error; the registry test checks each adapter's key.
 */
const ADAPTERS: { readonly [K in SiteKey]: SiteAdapter } = {
  hf: huggingFaceAdapter,
  arxiv: arxivAdapter,
  openreview: openReviewAdapter,
  acl: aclAdapter,
  pmlr: pmlrAdapter,
  neurips: neuripsAdapter,
  cvf: cvfAdapter,
  scholar: scholarAdapter,
};

export const SITE_ADAPTERS: readonly SiteAdapter[] = Object.values(ADAPTERS);

export function adapterFor(url: URL): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter.handles(url));
}
