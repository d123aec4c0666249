/** A local WebDAV server needs no prompt: these are declared in the manifest. */
export const LOOPBACK_SYNC_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'] as const;
/** What the browser may be asked for at run time, one origin at a time, when the user turns sync on. */
export const SYNC_SERVER_PATTERNS = ['https://*/*', 'http://*/*'] as const;

/** The match pattern for exactly one server origin (`permissions.request({ origins: [...] })`). */
export function originPattern(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The server URL must start with https://');
  return `${url.protocol}//${url.hostname}/*`;
}
