#!/usr/bin/env node
// `pnpm sync-shared`: copies every file of .shared/ into each sample at the same path, so that
// each sample folder stands alone (copied out, it needs nothing of this repository) while the
// files all samples share have one master copy. tooling/test/sample-copies.test.ts fails when a
// sample's copy differs from the master: edit .shared/, then run this.
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const master = path.join(root, '.shared');
for (const sample of readdirSync(path.join(root, 'samples'))) {
  for (const file of readdirSync(master, { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) continue;
    const relative = path.relative(master, path.join(file.parentPath, file.name));
    cpSync(path.join(master, relative), path.join(root, 'samples', sample, relative));
  }
}
