// The gateway_protocol.Gateway gRPC service from Zeebe's own proto (shipped with @camunda8/sdk),
// plain text. A thin mapping: requests → Engine commands, EngineError → gRPC status.
import path from 'node:path';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { Engine, ActivatedJob } from '../engine.js';
import type { Notifier } from '../store/notifier.js';
import { EngineError, invalid, parseKey, MAX_VARIABLES_BYTES } from '../errors.js';
import type { EngineAuth } from '../auth.js';
import { findUnstorableText } from '../../platform/text.js';

const PROTO = path.join(path.dirname(createRequire(import.meta.url).resolve('@camunda8/sdk')), 'proto', 'zeebe.proto');
export const GATEWAY_VERSION = '8.6.0';
const DEFAULT_LONG_POLL_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

function loadService(): grpc.ServiceDefinition {
  const def = protoLoader.loadSync(PROTO, { longs: String, enums: String, defaults: true, oneofs: true });
  const pkg = grpc.loadPackageDefinition(def) as any;
  return pkg.gateway_protocol.Gateway.service;
}

/**
 * Zeebe words a refused command as "Command 'COMPLETE' rejected with code 'NOT_FOUND': …"; clients rely on
 * it (the SDK's worker ignores a NOT_FOUND on COMPLETE or FAIL: the instance went away meanwhile).
 */
const REJECTED_AS: Partial<Record<EngineError['code'], string>> = {
  NOT_FOUND: 'NOT_FOUND',
  FAILED_PRECONDITION: 'INVALID_STATE',
};

function toStatus(err: unknown, log: Engine['log'], intent?: string): Partial<grpc.StatusObject> {
  if (err instanceof EngineError) {
    const rejection = intent && REJECTED_AS[err.code];
    const details = rejection ? `Command '${intent}' rejected with code '${rejection}': ${err.message}` : err.message;
    return { code: grpc.status[err.code], details };
  }
  log.error({ err }, 'gateway command failed');
  return { code: grpc.status.INTERNAL, details: 'internal error in the engine; see its log' };
}

function jobMessage(j: ActivatedJob) {
  return {
    key: j.key,
    type: j.type,
    processInstanceKey: j.processInstanceKey,
    bpmnProcessId: j.bpmnProcessId,
    processDefinitionVersion: j.version,
    processDefinitionKey: j.processDefinitionKey,
    elementId: j.elementId,
    elementInstanceKey: j.elementInstanceKey,
    customHeaders: JSON.stringify(j.customHeaders),
    worker: j.worker ?? '',
    retries: j.retries,
    deadline: String(j.deadline ? new Date(j.deadline).getTime() : 0),
    variables: JSON.stringify(j.variables),
    tenantId: '<default>',
  };
}

const ms = (v: unknown) => Number(v ?? 0);

/** Long polls and job streams in progress, ended when the engine stops (clients then see a clean end). */
const openStreams = new WeakMap<grpc.Server, Set<AbortController>>();

export function endStreams(server: grpc.Server): void {
  for (const a of openStreams.get(server) ?? []) a.abort();
}

function track(server: grpc.Server, call: grpc.ServerWritableStream<any, any>): AbortController {
  const abort = new AbortController();
  let set = openStreams.get(server);
  if (!set) openStreams.set(server, (set = new Set()));
  set.add(abort);
  call.on('cancelled', () => abort.abort());
  call.on('close', () => set!.delete(abort));
  call.on('finish', () => set!.delete(abort));
  return abort;
}

/**
 * Answers advertise that the gateway accepts uncompressed messages only. @camunda8/sdk gzips every
 * request by default; grpc-js clients stop once the server says it does not want it. Gateway
 * messages are small and travel over loopback or a LAN, where compressing costs both ends CPU and a
 * thread-pool round trip per message for nothing. (A client that compresses anyway is still served.)
 */
const identityOnly: grpc.ServerInterceptor = (_method, call) =>
  new grpc.ServerInterceptingCall(call, {
    sendMetadata: (md, next) => {
      md.set('grpc-accept-encoding', 'identity');
      next(md);
    },
  });

/** Refuses every call without a valid bearer token (see ../auth.ts) before it reaches a handler. */
const requireToken =
  (auth: EngineAuth): grpc.ServerInterceptor =>
  (_method, call) => {
    const listener = new grpc.ServerListenerBuilder()
      .withOnReceiveMetadata((md, next) => {
        if (auth.accepts(String(md.get('authorization')[0] ?? ''))) return next(md);
        call.sendStatus({
          code: grpc.status.UNAUTHENTICATED,
          details: 'Expected a valid bearer token (client credentials at the engine /oauth/token), but got none',
          metadata: new grpc.Metadata(),
        });
      })
      .build();
    return new grpc.ServerInterceptingCall(
      call,
      new grpc.ResponderBuilder().withStart((next) => next(listener)).build(),
    );
  };

export function createGateway(engine: Engine, notifier: Notifier, auth?: EngineAuth): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_VARIABLES_BYTES * 2 + 1024 * 1024,
    interceptors: auth ? [requireToken(auth), identityOnly] : [identityOnly],
  });
  const unary =
    (fn: (req: any) => Promise<unknown>, intent?: string) =>
    (call: grpc.ServerUnaryCall<any, any>, cb: grpc.sendUnaryData<any>) => {
      Promise.resolve()
        .then(() => checkText(call.request))
        .then(() => fn(call.request))
        .then(
          (r) => cb(null, r as any),
          (err) => cb(toStatus(err, engine.log, intent) as grpc.ServiceError),
        );
    };
  const unimplemented = (name: string) => (_call: unknown, cb: grpc.sendUnaryData<any>) =>
    cb({
      code: grpc.status.UNIMPLEMENTED,
      details: `${name} is not supported by the embedded engine`,
    } as grpc.ServiceError);

  const deployResult = (r: Awaited<ReturnType<Engine['deploy']>>) =>
    r.processes.map((p) => ({ ...p, tenantId: '<default>' }));

  server.addService(loadService(), {
    Topology: unary(async () => ({
      brokers: [
        {
          nodeId: 0,
          host: '127.0.0.1',
          port: 26501,
          version: GATEWAY_VERSION,
          partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
    })),
    DeployResource: unary(async (req) => {
      const r = await engine.deploy(
        (req.resources ?? []).map((x: any) => ({ name: x.name, content: Buffer.from(x.content ?? []) })),
      );
      return {
        key: r.key,
        tenantId: '<default>',
        deployments: [
          ...deployResult(r).map((process) => ({ process })),
          ...r.forms.map((form) => ({ form: { ...form, tenantId: '<default>' } })),
        ],
      };
    }),
    DeployProcess: unary(async (req) => {
      const r = await engine.deploy(
        (req.processes ?? []).map((x: any) => ({ name: x.name, content: Buffer.from(x.definition ?? []) })),
      );
      return { key: r.key, processes: deployResult(r) };
    }),
    CreateProcessInstance: unary(async (req) => {
      const r = await createInstance(engine, req);
      return r;
    }),
    CreateProcessInstanceWithResult: unary(async (req) => {
      const r = await createInstance(engine, req.request ?? {});
      const timeout = ms(req.requestTimeout) > 0 ? ms(req.requestTimeout) : DEFAULT_REQUEST_TIMEOUT_MS;
      const vars = await engine.completions.wait(r.processInstanceKey, timeout);
      const fetch: string[] = req.fetchVariables ?? [];
      const out = fetch.length ? Object.fromEntries(Object.entries(vars).filter(([k]) => fetch.includes(k))) : vars;
      return { ...r, variables: JSON.stringify(out) };
    }),
    CancelProcessInstance: unary(async (req) => {
      await engine.cancelInstance(parseKey(req.processInstanceKey, 'processInstanceKey'));
      return {};
    }, 'CANCEL'),
    CompleteJob: unary(async (req) => {
      await engine.completeJob(parseKey(req.jobKey, 'jobKey'), req.variables);
      return {};
    }, 'COMPLETE'),
    FailJob: unary(async (req) => {
      await engine.failJob(
        parseKey(req.jobKey, 'jobKey'),
        Number(req.retries),
        req.errorMessage ?? '',
        ms(req.retryBackOff),
        req.variables,
      );
      return {};
    }, 'FAIL'),
    ThrowError: unary(async (req) => {
      await engine.throwError(
        parseKey(req.jobKey, 'jobKey'),
        req.errorCode ?? '',
        req.errorMessage ?? '',
        req.variables,
      );
      return {};
    }, 'THROW_ERROR'),
    UpdateJobRetries: unary(async (req) => {
      await engine.updateJobRetries(parseKey(req.jobKey, 'jobKey'), Number(req.retries));
      return {};
    }, 'UPDATE_RETRIES'),
    UpdateJobTimeout: unary(async (req) => {
      await engine.updateJobTimeout(parseKey(req.jobKey, 'jobKey'), ms(req.timeout));
      return {};
    }, 'UPDATE_TIMEOUT'),
    ResolveIncident: unary(async (req) => {
      await engine.resolveIncident(parseKey(req.incidentKey, 'incidentKey'));
      return {};
    }, 'RESOLVE'),
    PublishMessage: unary(async (req) => {
      const key = await engine.publishMessage({
        name: req.name ?? '',
        correlationKey: req.correlationKey ?? '',
        timeToLiveMs: ms(req.timeToLive),
        messageId: req.messageId ?? '',
        variables: req.variables,
      });
      return { key, tenantId: '<default>' };
    }),
    SetVariables: unary(async (req) => ({
      key: await engine.setVariables(
        parseKey(req.elementInstanceKey, 'elementInstanceKey'),
        req.variables,
        !!req.local,
      ),
    })),
    ActivateJobs: (call: grpc.ServerWritableStream<any, any>) => {
      activateJobs(engine, notifier, call, track(server, call)).catch((err) =>
        call.destroy(Object.assign(new Error('activation failed'), toStatus(err, engine.log))),
      );
    },
    StreamActivatedJobs: (call: grpc.ServerWritableStream<any, any>) => {
      streamJobs(engine, notifier, call, track(server, call)).catch((err) =>
        call.destroy(Object.assign(new Error('stream failed'), toStatus(err, engine.log))),
      );
    },
    EvaluateDecision: unimplemented('EvaluateDecision'),
    ModifyProcessInstance: unimplemented('ModifyProcessInstance'),
    MigrateProcessInstance: unimplemented('MigrateProcessInstance'),
    DeleteResource: unimplemented('DeleteResource'),
    BroadcastSignal: unimplemented('BroadcastSignal'),
  } as any);
  return server;
}

async function createInstance(engine: Engine, req: any) {
  if (req.startInstructions?.length) throw invalid('startInstructions are not supported by the embedded engine');
  const key =
    req.processDefinitionKey && req.processDefinitionKey !== '0'
      ? parseKey(req.processDefinitionKey, 'processDefinitionKey')
      : undefined;
  const version = Number(req.version ?? -1);
  const { processInstanceKey, def } = await engine.createInstance({
    bpmnProcessId: req.bpmnProcessId || undefined,
    processDefinitionKey: key,
    version: version <= 0 ? -1 : version,
    variables: req.variables,
  });
  return {
    processDefinitionKey: def.row.key,
    bpmnProcessId: def.row.bpmnProcessId,
    version: def.row.version,
    processInstanceKey,
    tenantId: '<default>',
  };
}

/** Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused before any command runs. */
function checkText(req: unknown): void {
  const bad = findUnstorableText(req);
  if (bad) throw invalid(`Expected the request to hold no NUL character or unpaired surrogate, but '${bad}' has one`);
}

function checkActivation(req: any): void {
  checkText(req);
  if (!req.type) throw invalid('Expected to activate jobs of a type, but no type given');
  if (ms(req.timeout) < 1)
    throw invalid(`Expected to activate jobs with a timeout greater than zero, but got ${req.timeout}`);
}

/** Long polling: wait (server side) until jobs of the type appear or the request timeout passes. */
async function activateJobs(
  engine: Engine,
  notifier: Notifier,
  call: grpc.ServerWritableStream<any, any>,
  abort: AbortController,
): Promise<void> {
  const req = call.request;
  checkActivation(req);
  const max = Number(req.maxJobsToActivate);
  if (!(max >= 1))
    throw invalid(`Expected to activate at least one job, but maxJobsToActivate is ${req.maxJobsToActivate}`);
  const requestTimeout = ms(req.requestTimeout);
  const deadline = Date.now() + (requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : Math.max(requestTimeout, 0));
  for (;;) {
    const waiter = notifier.jobsWaiter(req.type, abort.signal);
    const jobs = await engine.activateJobs(req.type, req.worker ?? '', max, ms(req.timeout), req.fetchVariable ?? []);
    if (jobs.length) {
      waiter.cancel();
      if (abort.signal.aborted) {
        // The client left: give the jobs back at once rather than waiting for their time-out.
        await engine.releaseActivated(jobs.map((j) => j.key));
        return;
      }
      call.write({ jobs: jobs.map(jobMessage) });
      call.end();
      return;
    }
    const left = deadline - Date.now();
    if (requestTimeout < 0 || left <= 0 || abort.signal.aborted) {
      waiter.cancel();
      call.end();
      return;
    }
    await waiter.wait(left);
  }
}

/** Job push (Zeebe 8.4+): jobs are streamed as they appear, until the client goes away. */
async function streamJobs(
  engine: Engine,
  notifier: Notifier,
  call: grpc.ServerWritableStream<any, any>,
  abort: AbortController,
): Promise<void> {
  const req = call.request;
  checkActivation(req);
  while (!abort.signal.aborted) {
    const waiter = notifier.jobsWaiter(req.type, abort.signal);
    const jobs = await engine.activateJobs(req.type, req.worker ?? '', 32, ms(req.timeout), req.fetchVariable ?? []);
    for (const j of jobs) call.write(jobMessage(j));
    if (jobs.length) waiter.cancel();
    else await waiter.wait(5_000);
  }
  call.end();
}
