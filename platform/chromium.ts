// The browser tests drive Debian's Chromium (playwright-core, no browser download). `npm test` makes
// sure it is there: as root with apt-get it installs the package (the test command's promise in the
// README); otherwise it says how, and the browser tests fail with the same words.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_HOW = 'apt-get update && apt-get install -y chromium (as root)';

/** Installs Chromium when it is missing and this user can; returns a reason when it is still missing. */
export function ensureChromium(log: (line: string) => void = console.log): string | null {
  if (fs.existsSync(CHROMIUM)) return null;
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) return `Chromium is not installed at ${CHROMIUM}: run ${CHROMIUM_HOW}`;
  log(`Chromium is missing: installing it with apt-get (${CHROMIUM_HOW})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, stdio: 'inherit' });
  if (install().status !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'inherit' });
    install();
  }
  return fs.existsSync(CHROMIUM) ? null : `apt-get could not install Chromium: run ${CHROMIUM_HOW}`;
}
