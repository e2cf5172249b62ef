// JSON over HTTP(S) for the Operate-shaped reads and the token endpoint, trusting a given CA (the
// embedded engine's own certificate, say) where `fetch` would only trust the system's.
import http from 'node:http';
import https from 'node:https';

export interface HttpOptions {
  /** PEM of a CA to trust for https URLs. */
  ca?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** One request, its answer read as text; `body` undefined for a GET. */
function send(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string | number>,
  opts: HttpOptions,
  body?: string,
): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method,
        headers: { ...headers, ...opts.headers },
        ...(u.protocol === 'https:' && opts.ca ? { ca: opts.ca } : {}),
        timeout: opts.timeoutMs ?? 10_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${u.origin} in time`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function postBody(
  url: string,
  body: string,
  contentType: string,
  opts: HttpOptions = {},
): Promise<{ status: number; text: string }> {
  return send(url, 'POST', { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }, opts, body);
}

/** GET returning the status and text (the clock actuator). */
export function getBody(url: string, opts: HttpOptions = {}): Promise<{ status: number; text: string }> {
  return send(url, 'GET', {}, opts);
}

export interface OAuthClient {
  url: string;
  clientId: string;
  clientSecret: string;
}

/** A bearer-token source by the client-credentials flow; tokens are reused until a minute before expiry. */
export function tokenSource(client: OAuthClient, ca?: string): () => Promise<string> {
  let cached: { token: string; until: number } | undefined;
  return async () => {
    if (cached && Date.now() < cached.until) return cached.token;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      audience: 'zeebe-api',
    });
    const r = await postBody(client.url, form.toString(), 'application/x-www-form-urlencoded', { ca });
    if (r.status !== 200) throw new Error(`the token endpoint ${client.url} answered ${r.status}`);
    const t = JSON.parse(r.text) as { access_token: string; expires_in?: number };
    cached = { token: t.access_token, until: Date.now() + Math.max(0, (t.expires_in ?? 300) - 60) * 1000 };
    return cached.token;
  };
}
