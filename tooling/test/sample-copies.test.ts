// Each sample carries its own src/cli.ts so that it stands alone when copied out of the repository.
// The copies are one program: they must not drift apart. money-transfer's has no start-or-attach
// (its starter has its own), so its declarations must each be one of the others', unchanged.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../src/paths';

const samplesDir = path.join(repoRoot, 'samples');
const copies = readdirSync(samplesDir)
  .map((sample) => ({ sample, file: path.join(samplesDir, sample, 'src', 'cli.ts') }))
  .filter(({ file }) => existsSync(file))
  .map(({ sample, file }) => ({ sample, text: readFileSync(file, 'utf8') }));

/** A file's top-level declarations, each from its doc comment to its end. */
const declarations = (text: string) =>
  text
    .split(/\n(?=\/\*\*|export |function |const |type )/)
    .slice(1)
    .map((part) => part.trim());

it("keeps every sample's src/cli.ts the same program", () => {
  const full = copies.filter(({ sample }) => sample !== 'money-transfer');
  expect(full.length).toBeGreaterThanOrEqual(2);
  for (const { sample, text } of full) expect(text, `samples/${sample}/src/cli.ts`).toBe(full[0]!.text);
  const moneyTransfer = copies.find(({ sample }) => sample === 'money-transfer');
  const known = new Set(declarations(full[0]!.text));
  for (const declaration of declarations(moneyTransfer?.text ?? ''))
    expect(known.has(declaration), `samples/money-transfer/src/cli.ts:\n${declaration.slice(0, 200)}`).toBe(true);
});
