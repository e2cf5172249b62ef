// Start-up failures a person can act on. Every way `npm start` (or `npm test`'s database start-up)
// can fail ends in ONE human line naming the cause and what to do; the structured log keeps the
// error with its stack. A StartError carries such a line; `explainStartFailure` finds one for the
// errors raised by libraries (ports, connections, logins).
import net from 'node:net';

export class StartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartError';
  }
}

/** A port the configuration asks for, with the variable that moves it. */
export interface WantedPort {
  host: string;
  port: number;
  variable: string;
  what: string;
}

/** Throws a StartError for the first port in `ports` that another program already listens on. */
export async function assertPortsFree(ports: WantedPort[]): Promise<void> {
  for (const p of ports) {
    if (p.port === 0) continue; // 0 asks the system for any free port
    const code = await tryListen(p.host, p.port);
    if (code === 'EADDRINUSE') {
      throw new StartError(
        `port ${p.port} (${p.what}) is already in use by another program: stop it, or set ${p.variable} to a free port`,
      );
    }
    if (code === 'EACCES') {
      throw new StartError(
        `port ${p.port} (${p.what}) needs privileges this user lacks: set ${p.variable} to a port above 1023`,
      );
    }
    if (code === 'EADDRNOTAVAIL') {
      throw new StartError(`${p.host} (${p.what}) is not an address of this machine: check the host setting`);
    }
  }
}

function tryListen(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'ERROR'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

interface SystemError extends Error {
  code?: string;
  port?: number;
  address?: string;
  syscall?: string;
  path?: string;
}

/** One line saying why start-up failed and what to do. */
export function explainStartFailure(err: unknown): string {
  if (err instanceof StartError) return err.message;
  const e = (err ?? {}) as SystemError;
  const message = firstLine(e.message ?? String(err));
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${e.port ?? '?'} is already in use by another program: stop it, or move this part to a free port`;
    case 'ECONNREFUSED':
      return `nothing answers at ${e.address ?? '?'}:${e.port ?? '?'}: is PostgreSQL running there (DATABASE_URL)?`;
    case 'ENOTFOUND':
      return `host not found (${message}): check DATABASE_URL / ZEEBE_ADDRESS`;
    case 'EACCES':
      return `permission denied: ${message}: check who owns the project folder and PG_DATA_DIR`;
    case 'ENOSPC':
      return `the disk is full: ${message}`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the login (${message}): check the user and password in DATABASE_URL`;
    case '3D000':
      return `${message}: create the database named in DATABASE_URL first`;
    default:
      return `start failed: ${message}`;
  }
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0].trim();
}
