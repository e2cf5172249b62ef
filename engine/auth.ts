// Who may talk to the engine. With client credentials configured, every gRPC call and every HTTP
// request (Operate-shaped reads, clock control) must carry `authorization: Bearer <token>`, where the
// token is a short-lived JWT this engine issued at POST /oauth/token for the client id and secret —
// the OAuth client-credentials flow that @camunda8/sdk (CAMUNDA_AUTH_STRATEGY=OAUTH) and zbctl
// (--clientId/--clientSecret/--authzUrl) already speak, so both connect unchanged.
// The signing key is derived from the secret, so every engine process sharing it accepts the others'
// tokens.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

const AUDIENCE = 'zeebe-api';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class EngineAuth {
  private readonly sign: (payload: Record<string, unknown>) => string;
  private readonly verify: (token: string) => Record<string, unknown>;

  constructor(
    private readonly creds: ClientCredentials,
    private readonly ttlSeconds = 3600,
  ) {
    const key = createHmac('sha256', creds.clientSecret).update('gc-engine/token-key/v1').digest();
    this.sign = createSigner({ key, algorithm: 'HS256', expiresIn: ttlSeconds * 1000, aud: AUDIENCE });
    this.verify = createVerifier({ key, algorithms: ['HS256'], allowedAud: AUDIENCE });
  }

  /** The token for a client presenting these credentials, or null when they are wrong. */
  issue(clientId: string, clientSecret: string): IssuedToken | null {
    if (!sameText(clientId, this.creds.clientId) || !sameText(clientSecret, this.creds.clientSecret)) return null;
    return { access_token: this.sign({ sub: clientId }), token_type: 'Bearer', expires_in: this.ttlSeconds };
  }

  /** Whether an Authorization header value carries a valid, unexpired token of ours. */
  accepts(authorization: string | undefined): boolean {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return false;
    try {
      return this.verify(m[1]).sub === this.creds.clientId;
    } catch {
      return false;
    }
  }
}
