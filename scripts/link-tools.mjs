#!/usr/bin/env node
// Runs after every `pnpm install` (the root's postinstall): links the Temporal CLI and the
// time-skipping test server that `node scripts/setup.mjs` put in .tools/python/bin into
// node_modules/.bin, which pnpm puts on PATH for every package's scripts. So a sample's own
// tests, which look only at env vars and PATH (they must work copied out of the repository),
// find them here too. Without the wheels (no Python, Windows) it links nothing.
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules', '.bin');
for (const program of ['temporal', 'temporal-test-server']) {
  const target = path.join(root, '.tools', 'python', 'bin', program);
  if (!existsSync(target)) continue;
  mkdirSync(bin, { recursive: true });
  const link = path.join(bin, program);
  rmSync(link, { force: true });
  symlinkSync(path.relative(bin, target), link);
}
