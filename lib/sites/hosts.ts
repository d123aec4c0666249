/** Match patterns of every page Shelfmark augments (the content scripts' matches: its only site access). */
export const HUGGING_FACE_PAPERS_MATCHES = ['https://huggingface.co/papers', 'https://huggingface.co/papers?*', 'https://huggingface.co/papers/*'] as const;
export const ARXIV_MATCHES = ['https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://arxiv.org/abs/*'] as const;

