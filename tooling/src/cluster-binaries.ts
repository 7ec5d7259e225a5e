/**
 * What `pnpm cluster` runs: the Temporal Server and its schema tool, built once from the Go module
 * proxy at the version pinned in requirements-go.txt and kept under .tools/, and the machine's own
 * PostgreSQL programs.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

const otherWays =
  'or use Temporal Cloud, or the official Docker Compose setup (https://github.com/temporalio/samples-server/tree/main/compose)';

/** A program a command needs (Go, PostgreSQL) is missing: the message says in one line what to install. */
export class MissingProgramError extends Error {
  override name = 'MissingProgramError';
}

/**
 * A Go program pinned in requirements-go.txt, by its module path's start: for
 * `go.temporal.io/server@`, go.temporal.io/server at v1.29.1.
 */
export function goPin(
  prefix: string,
  file = path.join(repoRoot, 'requirements-go.txt'),
): { module: string; version: string } {
  const pin = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .find((line) => line.startsWith(prefix));
  const [module, version] = pin?.split('@') ?? [];
  if (!module || !version) throw new Error(`${file} must pin ${prefix}<version>`);
  return { module, version };
}

/** The server module and version pinned in requirements-go.txt, e.g. go.temporal.io/server@v1.29.1. */
export function pinnedServer(file?: string): { module: string; version: string } {
  return goPin('go.temporal.io/server@', file);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(command: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs];
  return dirs
    .filter((dir) => dir)
    .map((dir) => path.join(dir, command))
    .find(isExecutable);
}

/** Go: on PATH, or where the official installer puts it; without it, `missing` says what to do. */
export function findGo(
  missing = `pnpm cluster builds the Temporal Server with Go: install Go 1.25 or newer (https://go.dev/dl/), ${otherWays}.`,
): string {
  const go = onPath('go', ['/usr/local/go/bin']);
  if (!go) throw new MissingProgramError(missing);
  return go;
}

export interface PostgresPrograms {
  initdb: string;
  postgres: string;
}

/** PostgreSQL's initdb and postgres: on PATH, or in Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgres(): PostgresPrograms {
  const debianDirs = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  const initdb = onPath('initdb', debianDirs);
  if (!initdb)
    throw new MissingProgramError(
      `pnpm cluster runs PostgreSQL: install it (12 or newer, e.g. apt-get install postgresql, brew install postgresql@16), point PGHOST/PGPORT/PGUSER/PGPASSWORD at one you have, ${otherWays}.`,
    );
  return { initdb, postgres: path.join(path.dirname(initdb), 'postgres') };
}

export interface ClusterBinaries {
  version: string;
  server: string;
  sqlTool: string;
  /** The server's PostgreSQL schemas: temporal/ and visibility/, each with versioned/ migrations. */
  schemaDir: string;
}

export async function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output}`);
  return output;
}

/**
 * The pinned Temporal Server, its SQL schema tool and its schemas, under .tools/temporal-server/<version>/.
 * The first call builds them with `go install` (minutes); later calls find them there.
 */
export async function ensureClusterBinaries(
  log: (line: string) => void = () => {},
  toolsDir = path.join(repoRoot, '.tools', 'temporal-server'),
): Promise<ClusterBinaries> {
  const { module, version } = pinnedServer();
  const home = path.join(toolsDir, version);
  const binaries = {
    version,
    server: path.join(home, 'bin', 'temporal-server'),
    sqlTool: path.join(home, 'bin', 'temporal-sql-tool'),
    schemaDir: path.join(home, 'schema', 'postgresql', 'v12'),
  };
  if (existsSync(binaries.server) && existsSync(binaries.sqlTool) && existsSync(binaries.schemaDir)) return binaries;

  const go = findGo();
  log(`Building the Temporal Server ${version} with ${go} (once: minutes; kept in ${home})`);
  const started = Date.now();
  // Built into a fresh folder that is renamed at the end, so a stopped build leaves nothing half-done.
  const partial = `${home}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.join(partial, 'bin'), { recursive: true });
  const env = { ...process.env, GOBIN: path.join(partial, 'bin'), GOFLAGS: '-buildvcs=false' };
  await run(go, ['install', `${module}/cmd/server@${version}`, `${module}/cmd/tools/sql@${version}`], env);
  renameSync(path.join(partial, 'bin', 'server'), path.join(partial, 'bin', 'temporal-server'));
  renameSync(path.join(partial, 'bin', 'sql'), path.join(partial, 'bin', 'temporal-sql-tool'));
  // The schemas ship in the module's source, which `go install` left in the module cache.
  const moduleCache = (await run(go, ['env', 'GOMODCACHE'], env)).trim();
  cpSync(
    path.join(moduleCache, `${module}@${version}`, 'schema', 'postgresql', 'v12'),
    path.join(partial, 'schema', 'postgresql', 'v12'),
    { recursive: true },
  );
  // The module cache is read-only; the copy need not be, or a later rebuild could not replace it.
  await run('chmod', ['-R', 'u+w', partial]);
  rmSync(home, { recursive: true, force: true });
  renameSync(partial, home);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return binaries;
}
