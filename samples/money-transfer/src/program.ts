// What every program of this sample shares (one master copy for all samples:
// .shared/ in the repository). A wrong argument: one line and the usage, exit
// 2, nothing started. Any other failure: one line, exit 1, the stack only
// with --verbose or DEBUG=1. No server: one line naming the address.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { LogEntry } from '@temporalio/worker';

/** A wrong argument: the program started nothing. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The program's options, strictly parsed; undefined after printing --help. */
export function parseOptions<O extends Options>(usage: string, options: O) {
  const known = { help: { type: 'boolean' }, verbose: { type: 'boolean' } };
  try {
    const { values } = parseArgs({ options: { ...options, ...known } as O });
    const { help } = values as { help?: boolean };
    if (help) console.log(usage);
    return help ? undefined : values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs the program's main function; a failure ends it in one line. */
export function runMain(usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const { address = 'localhost:7233' } =
      loadClientConnectConfig().connectionOptions;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      console.error(`Nothing was started: ${message}\n${usage}`);
      process.exit(2);
    }
    if (process.env.DEBUG === '1' || process.argv.includes('--verbose'))
      console.error(error);
    // A Worker's connection fails at once, a client's at its connectTimeout.
    else if (
      /TransportError|Failed to connect before the deadline/.test(`${error}`)
    )
      console.error(
        `No Temporal server answered at ${address}: start one with ` +
          '`temporal server start-dev`, or set TEMPORAL_ADDRESS.',
      );
    else console.error(`${message} (--verbose shows the details)`);
    process.exit(1);
  });
}

/** The run's page in the Web UI: TEMPORAL_UI_URL, else a local dev server's. */
export function webUiLine(namespace: string, workflowId: string): string {
  const { address = 'localhost' } = loadClientConnectConfig().connectionOptions;
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(address);
  const port = process.env.TEMPORAL_UI_PORT ?? '8233';
  const base =
    process.env.TEMPORAL_UI_URL ?? (local ? `http://localhost:${port}` : '');
  if (!base) return 'Web UI: set TEMPORAL_UI_URL for a link to this run.';
  return `Web UI: ${base.replace(/\/+$/, '')}/namespaces/${namespace}/workflows/${workflowId}`;
}

/** A Worker's log entry in one line: the sample's own logs, and warnings. */
export function logLine({ level, message, meta }: LogEntry): void {
  const fromSample = ['activity', 'workflow'].includes(
    String(meta?.sdkComponent),
  );
  if (!fromSample && level !== 'WARN' && level !== 'ERROR') return;
  const reason = meta?.error instanceof Error ? `: ${meta.error.message}` : '';
  console.log(`${level} [${String(meta?.sdkComponent)}] ${message}${reason}`);
}
