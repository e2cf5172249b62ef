// The application's one Zeebe client (@camunda8/sdk over the gateway protocol), whether the engine
// behind the address is the embedded one or a Camunda 8 cluster.
import { Camunda8 } from '@camunda8/sdk';

export type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export function zeebeClient(address: string, opts: { retry?: boolean } = {}): ZeebeClient {
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_OAUTH_DISABLED: true,
    zeebeGrpcSettings: {
      ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
      ...(opts.retry === false ? { ZEEBE_GRPC_CLIENT_RETRY: false } : {}),
    },
  } as any);
  return c8.getZeebeGrpcApiClient();
}
