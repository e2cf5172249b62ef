// The application's one Zeebe client (@camunda8/sdk over the gateway protocol), whether the engine
// behind the address is the embedded one or a Camunda 8 cluster. With `oauth` it fetches tokens by
// the client-credentials flow (the embedded engine's /oauth/token or a cluster's identity provider);
// with `caCert` it speaks TLS and trusts that certificate authority.
import { Camunda8 } from '@camunda8/sdk';

export type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export interface ZeebeConnection {
  retry?: boolean;
  /** PEM of the CA (or the self-signed certificate) to trust; switches the connection to TLS. */
  caCert?: string;
  oauth?: { url: string; clientId: string; clientSecret: string };
  /**
   * How long a worker's job activation waits for work (the SDK's default is 50 s). The SDK leaves a
   * timer of this length behind for a long poll cut short (a worker closed): a process that should
   * exit soon after closing its client (a test file) waits that long.
   */
  longPollSeconds?: number;
}

export function zeebeClient(address: string, opts: ZeebeConnection = {}): ZeebeClient {
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `${opts.caCert ? 'grpcs' : 'grpc'}://${address}`,
    ...(opts.caCert ? { CAMUNDA_CUSTOM_ROOT_CERT_STRING: opts.caCert } : {}),
    ...(opts.oauth
      ? {
          CAMUNDA_AUTH_STRATEGY: 'OAUTH',
          CAMUNDA_OAUTH_URL: opts.oauth.url,
          ZEEBE_CLIENT_ID: opts.oauth.clientId,
          ZEEBE_CLIENT_SECRET: opts.oauth.clientSecret,
          ZEEBE_TOKEN_AUDIENCE: 'zeebe-api',
          CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true,
        }
      : { CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_OAUTH_DISABLED: true }),
    zeebeGrpcSettings: {
      ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
      // Bounded: a command the engine does not take within ~30 s fails instead of retrying for
      // ever (services/process-start.ts relies on it: its claim outlives these retries).
      ZEEBE_GRPC_CLIENT_MAX_RETRIES: 6,
      ZEEBE_GRPC_CLIENT_MAX_RETRY_TIMEOUT_SECONDS: 5,
      ...(opts.retry === false ? { ZEEBE_GRPC_CLIENT_RETRY: false } : {}),
      ...(opts.longPollSeconds ? { ZEEBE_GRPC_WORKER_LONGPOLL_SECONDS: opts.longPollSeconds } : {}),
    },
  } as ConstructorParameters<typeof Camunda8>[0]);
  return c8.getZeebeGrpcApiClient();
}
