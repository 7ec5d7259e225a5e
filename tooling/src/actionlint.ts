/**
 * `pnpm lint:workflows`: actionlint on the GitHub workflows. actionlint is ACTIONLINT_PATH, or on
 * PATH, or built once with Go from the module proxy at the version pinned in requirements-go.txt
 * (about 10 s) and kept in .tools/actionlint/<version>/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MissingProgramError, findGo, goPin, onPath, run } from './cluster-binaries';
import { repoRoot } from './paths';

async function findActionlint(): Promise<string> {
  const fromEnv = process.env.ACTIONLINT_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`ACTIONLINT_PATH is ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const onThePath = onPath('actionlint');
  if (onThePath) return onThePath;
  const { module, version } = goPin('github.com/rhysd/actionlint/');
  const home = path.join(repoRoot, '.tools', 'actionlint', version);
  const actionlint = path.join(home, 'actionlint');
  if (existsSync(actionlint)) return actionlint;
  const go = findGo(
    'pnpm lint:workflows runs actionlint: install it (https://github.com/rhysd/actionlint), set ACTIONLINT_PATH, or install Go (https://go.dev/dl/) to build it.',
  );
  console.error(`Building actionlint ${version} with ${go} (once; kept in ${home})`);
  // Built into a fresh folder renamed at the end, so a stopped build leaves nothing half-done.
  const partial = `${home}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await run(go, ['install', `${module}@${version}`], { ...process.env, GOBIN: partial, GOFLAGS: '-buildvcs=false' });
  rmSync(home, { recursive: true, force: true });
  renameSync(partial, home);
  return actionlint;
}

try {
  const actionlint = await findActionlint();
  const { status } = spawnSync(actionlint, process.argv.slice(2), { cwd: repoRoot, stdio: 'inherit' });
  if (status === 0) console.log('actionlint: .github/workflows are clean');
  process.exitCode = status ?? 1;
} catch (error) {
  console.error(error instanceof MissingProgramError ? error.message : error);
  process.exitCode = 1;
}
