// Each sample carries its own copy of the files in .shared/ (its edge file src/program.ts, its
// payload converter src/payloads.ts, its test helpers, tsconfig and vitest config), so that it stands alone when copied out of the
// repository. The copies must not drift from the master: `pnpm sync-shared` makes them equal.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../src/paths';

const master = path.join(repoRoot, '.shared');
const files = readdirSync(master, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(master, path.join(entry.parentPath, entry.name)));
const samples = readdirSync(path.join(repoRoot, 'samples'));

it.each(samples)('samples/%s holds the master copy of every file in .shared/', (sample) => {
  expect(files.length).toBeGreaterThanOrEqual(4);
  for (const file of files) {
    const copy = path.join(repoRoot, 'samples', sample, file);
    expect(readFileSync(copy, 'utf8'), `samples/${sample}/${file}: run pnpm sync-shared`).toBe(
      readFileSync(path.join(master, file), 'utf8'),
    );
  }
});
