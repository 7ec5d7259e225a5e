/**
 * `pnpm dev-server`: a local Temporal dev server on localhost:7233 with the Web UI on
 * http://localhost:8233, keeping its database in .temporal/ so workflows survive a restart.
 * Extra arguments go to `temporal server start-dev`.
 */
import { ServerBinaryNotFoundError } from './binaries';
import { devServerDbFile, spawnDevServer } from './server';

try {
  console.log(`Starting the Temporal dev server (database: ${devServerDbFile}). Stop it with Ctrl+C.`);
  const server = spawnDevServer({ extraArgs: process.argv.slice(2) });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (error) {
  if (!(error instanceof ServerBinaryNotFoundError)) throw error;
  console.error(error.message);
  process.exit(1);
}
