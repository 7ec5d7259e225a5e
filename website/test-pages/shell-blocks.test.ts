// Every ```sh block on the site, run as written from the folder its title names, against a real
// dev server: the commands a learner copies are the test (see tooling/src/shell-blocks.ts).
// `pnpm test:pages`: about a minute and a half of real waits, so it runs beside `pnpm test` in CI.
import path from 'node:path';
import { runShellSession, shellBlocksOf } from '@temporal-tutorials/tooling/shell-blocks';
import { scratchDir } from '@temporal-tutorials/tooling/testing';
import { describe, it } from 'vitest';
import { loadPages } from '../test/pages';

const runnable = loadPages()
  .map((page) => ({ page, blocks: shellBlocksOf(`website/${page.file}`, page.text) }))
  .filter(({ blocks }) => blocks.some((block) => !block.norun));

// Each page has its own server, ports and files, and most of the time is spent waiting.
describe.concurrent('the shell blocks', () => {
  it.each(runnable.map(({ page, blocks }) => [page.file, blocks] as const))(
    'on %s do what the page says',
    async (_, blocks) => {
      const scratch = scratchDir('shell-blocks');
      await runShellSession(blocks, {
        env: {
          TEMPORAL_DEV_SERVER_DB: path.join(scratch, 'temporal.sqlite'),
          BANK_FILE: path.join(scratch, 'bank.sqlite'),
        },
      });
    },
    // A deadline, not a measure: the money transfer's drills wait about two minutes of real time.
    360_000,
  );
});
