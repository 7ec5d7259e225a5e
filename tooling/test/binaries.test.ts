import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { scratchDir } from '../src/testing';
import { findServerBinary, requireServerBinary, ServerBinaryNotFoundError } from '../src/binaries';

let root: string;

function fakeProgram(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

beforeEach(() => {
  root = scratchDir('binaries');
});

describe('findServerBinary', () => {
  it('prefers the env var over PATH and the project copy', () => {
    const fromEnv = fakeProgram(path.join(root, 'env'), 'my-temporal');
    fakeProgram(path.join(root, 'path'), 'temporal');
    fakeProgram(path.join(root, 'project'), 'temporal');
    const env = { TEMPORAL_CLI_PATH: fromEnv, PATH: path.join(root, 'path') };
    expect(findServerBinary('cli', env, path.join(root, 'project'))).toBe(fromEnv);
  });

  it('takes PATH before the project copy', () => {
    const onPath = fakeProgram(path.join(root, 'path'), 'temporal-test-server');
    fakeProgram(path.join(root, 'project'), 'temporal-test-server');
    const env = { PATH: `/nonexistent${path.delimiter}${path.join(root, 'path')}` };
    expect(findServerBinary('test-server', env, path.join(root, 'project'))).toBe(onPath);
  });

  it('falls back to the copy that scripts/setup.mjs installs', () => {
    const projectCopy = fakeProgram(path.join(root, 'project'), 'temporal');
    expect(findServerBinary('cli', { PATH: '' }, path.join(root, 'project'))).toBe(projectCopy);
  });

  it('finds nothing when no location has the program', () => {
    expect(findServerBinary('cli', { PATH: path.join(root, 'empty') }, path.join(root, 'project'))).toBeUndefined();
  });

  it('rejects an env var that names a missing file instead of silently looking elsewhere', () => {
    fakeProgram(path.join(root, 'path'), 'temporal');
    const env = { TEMPORAL_CLI_PATH: path.join(root, 'missing'), PATH: path.join(root, 'path') };
    expect(() => findServerBinary('cli', env, root)).toThrow(/TEMPORAL_CLI_PATH=.*missing is not an executable file/);
  });
});

describe('requireServerBinary', () => {
  it('says exactly what to install when nothing is found', () => {
    const original = { PATH: process.env.PATH, TEMPORAL_TEST_SERVER_PATH: process.env.TEMPORAL_TEST_SERVER_PATH };
    process.env.PATH = path.join(root, 'empty');
    delete process.env.TEMPORAL_TEST_SERVER_PATH;
    try {
      // The project copy may exist on this machine; only assert the message when it does not.
      const found = findServerBinary('test-server');
      if (found) return expect(requireServerBinary('test-server')).toBe(found);
      expect(() => requireServerBinary('test-server')).toThrow(ServerBinaryNotFoundError);
      expect(() => requireServerBinary('test-server')).toThrow(
        /requirements-temporal\.txt[\s\S]*TEMPORAL_TEST_SERVER_PATH/,
      );
    } finally {
      Object.assign(process.env, original);
    }
  });
});

describe('pnpm temporal', () => {
  const wrapper = fileURLToPath(new URL('../bin/temporal.js', import.meta.url));

  function runWrapper(env: NodeJS.ProcessEnv, args: string[]) {
    return spawnSync(process.execPath, [wrapper, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  }

  it('runs the CLI it finds with the arguments given, and passes its exit code through', () => {
    const cli = path.join(root, 'fake-temporal');
    writeFileSync(cli, '#!/bin/sh\necho "args: $*"\nexit 3\n');
    chmodSync(cli, 0o755);
    const run = runWrapper({ TEMPORAL_CLI_PATH: cli }, ['workflow', 'list', '--limit', '1']);
    expect(run.stdout).toBe('args: workflow list --limit 1\n');
    expect(run.status).toBe(3);
  });

  it('says how to install the CLI when there is none', () => {
    const run = runWrapper({ TEMPORAL_CLI_PATH: path.join(root, 'missing') }, ['--version']);
    expect(run.stderr).toMatch(/is not an executable file/);
    expect(run.status).toBe(1);
  });
});
