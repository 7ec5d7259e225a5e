// What every program of this sample shares, none of it Temporal (one master
// copy for all samples: .shared/ in the repository). A wrong argument: one
// line and the usage, exit 2, nothing started. Any other failure: one line,
// exit 1, the stack only with --verbose or DEBUG=1.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { LogEntry } from '@temporalio/worker';

export class UsageError extends Error {}

const address = () =>
  loadClientConnectConfig().connectionOptions.address ?? 'localhost:7233';
const noServer = () => `No Temporal server answered at ${address()}`;
// A Worker's connection fails at once, a client's at its connectTimeout.
const isNoServer = (error: unknown) =>
  /TransportError|Failed to connect before/.test(String(error));
const known = {
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean' },
};

/** The program's options, strictly parsed; undefined after printing --help. */
export function parseOptions<O extends ParseArgsConfig['options'] & {}>(
  usage: string,
  options: O,
) {
  try {
    const config = { options: { ...options, ...known } } as { options: O };
    const { values } = parseArgs(config);
    if ((values as { help?: boolean }).help) return void console.log(usage);
    return values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs the program; a failure ends it in one line and an exit code. */
export function runMain(usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError)
      console.error(`Nothing was started: ${message}\n${usage}`);
    else if (process.env.DEBUG === '1' || process.argv.includes('--verbose'))
      console.error(error);
    else if (isNoServer(error))
      console.error(
        `${noServer()}: start one with \`temporal server start-dev\`, ` +
          'or set TEMPORAL_ADDRESS.',
      );
    else console.error(`${message} (--verbose shows the details)`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}

/**
 * Connects; while no server answers, says so and tries again, the pause
 * doubling up to 10 s. Ctrl+C meanwhile exits: nothing runs yet to stop.
 */
export async function untilServerAnswers<T>(connect: () => Promise<T>) {
  const stop = () => process.exit(0);
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    for (let pause = 1; ; pause = Math.min(pause * 2, 10)) {
      try {
        return await connect();
      } catch (error) {
        if (!isNoServer(error)) throw error;
      }
      console.log(`${noServer()}; trying again in ${pause} s (Ctrl+C stops).`);
      await sleep(pause * 1000);
    }
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

/** The run's page in the Web UI: TEMPORAL_UI_URL, else a local dev server's. */
export function webUiLine(namespace: string, workflowId: string): string {
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(address());
  const port = process.env.TEMPORAL_UI_PORT || '8233';
  const base =
    process.env.TEMPORAL_UI_URL || (local ? `http://localhost:${port}` : '');
  if (!base) return 'Web UI: set TEMPORAL_UI_URL for a link to this run.';
  return `Web UI: ${base.replace(/\/+$/, '')}/namespaces/${namespace}/workflows/${workflowId}`;
}

/** A Worker's log entry in one line: the sample's own logs, and warnings. */
export function logLine({ level, message, meta }: LogEntry): void {
  const source = String(meta?.sdkComponent);
  const ours = source === 'activity' || source === 'workflow';
  if (!ours && level !== 'WARN' && level !== 'ERROR') return;
  const reason = meta?.error instanceof Error ? `: ${meta.error.message}` : '';
  console.log(`${level} [${source}] ${message}${reason}`);
}
