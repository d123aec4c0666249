/** Match patterns of every page Shelfmark augments; also the manifest's host permissions. */
export const HUGGING_FACE_PAPERS_MATCHES = ['https://huggingface.co/papers', 'https://huggingface.co/papers?*', 'https://huggingface.co/papers/*'] as const;
export const ARXIV_MATCHES = ['https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://arxiv.org/abs/*'] as const;

export const SUPPORTED_HOST_PATTERNS = ['https://huggingface.co/*', 'https://arxiv.org/*'] as const;
