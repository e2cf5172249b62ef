// A GET that polls cheaply: it sends the ETag of the last answer (If-None-Match) and learns "nothing
// changed" from a 304 with no body. Anything but 200 and 304 is asked again through api(), which
// turns a 401 into the sign-in page and any error into ApiCallError, as for every other call.
import { api } from '../../api.js';
import { session } from '../../session.js';

export interface Fresh<T> {
  body: T;
  etag: string | null;
}

/** The answer and its ETag, or null when the server says it is the same as the one under `etag`. */
export async function getIfChanged<T>(url: string, etag: string | null): Promise<Fresh<T> | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (etag) headers['if-none-match'] = etag;
  let res: Response | null = null;
  try {
    // no-store: the page keeps the last answer itself; the browser's cache would only answer for it.
    res = await fetch(url, { headers, cache: 'no-store' });
  } catch {
    res = null; // offline for a moment: api() below reports it the usual way
  }
  if (res?.status === 304) return null;
  if (res?.ok) return { body: (await res.json()) as T, etag: res.headers.get('etag') };
  return { body: await api<T>('GET', url), etag: null };
}

/**
 * Calls `tick` every `ms` while the page is visible, and at once when it becomes visible again (a
 * hidden tab asks nothing). Returns the stop function.
 */
export function whileVisible(tick: () => void, ms: number): () => void {
  const run = () => {
    if (document.visibilityState === 'visible') tick();
  };
  const timer = window.setInterval(run, ms);
  document.addEventListener('visibilitychange', run);
  return () => {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', run);
  };
}
