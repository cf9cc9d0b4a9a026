// The browser end-to-end test drives Debian's Chromium (never a downloaded browser). On a fresh
// Debian machine this installs it with apt when running as root; otherwise it says what to do.
// A missing browser is a failure, not a skip. Set CHROMIUM_PATH to use another Chromium binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(
    `ensure-chromium: ${path} is missing; the browser test needs it. Install it first: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}
console.log("ensure-chromium: installing Debian's chromium for the browser test (apt-get)");
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch {
  console.error(
    'ensure-chromium: apt-get could not install chromium; the browser test cannot run.',
  );
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`ensure-chromium: chromium was installed but ${path} does not exist.`);
  process.exit(1);
}
