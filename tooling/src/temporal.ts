/**
 * `pnpm temporal ...`: the Temporal CLI this project pins, found the same way the samples and
 * tests find it (TEMPORAL_CLI_PATH, PATH, .tools/), so pages can say `pnpm temporal workflow ...`
 * without the learner putting anything on PATH. Arguments, output and exit code pass through.
 */
import { spawn } from 'node:child_process';
import { requireServerBinary, ServerBinaryNotFoundError } from './binaries';

let cli: string;
try {
  cli = requireServerBinary('cli');
} catch (error) {
  if (!(error instanceof ServerBinaryNotFoundError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const child = spawn(cli, process.argv.slice(2), { stdio: 'inherit' });
// Ctrl+C reaches the CLI too (same process group); wait for it to finish rather than die first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
