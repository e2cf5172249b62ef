// The audit log reader for administrators and auditors.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../app.js';

export function auditRoutes(fastify: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'clock'>) {
  void fastify;
  void deps;
}
