// What every command-line program of this sample shares: a wrong argument
// gets one line and the usage (exit 2, nothing started), a failure outside
// the program gets one line saying what to do (exit 1), and the stack only
// with --verbose or DEBUG=1.
import net from 'node:net';
import { parseArgs } from 'node:util';
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  type Workflow,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';

/** A wrong argument: the program started nothing. */
export class UsageError extends Error {}

/** A failure the user can act on, told in one line. */
export class CommandError extends Error {}

/**
 * The values of the options named, from arguments such as `--name value`
 * or `--name=value` (a value may be a negative number), or 'help'.
 */
export function parseOptions(
  args: string[],
  names: readonly string[] = [],
): Record<string, string> | 'help' {
  const { tokens } = parseArgs({
    args,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(
      names.map((name) => [name, { type: 'string' }]),
    ),
  });
  const values: Record<string, string> = {};
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional')
      throw new UsageError(`unexpected argument "${token.value}"`);
    const { name, rawName, value, inlineValue } = token;
    if (name === 'help' || name === 'h' || name === 'verbose') {
      if (value !== undefined)
        throw new UsageError(`${rawName} takes no value`);
      help ||= name !== 'verbose';
    } else if (!names.includes(name)) {
      throw new UsageError(`unknown option ${rawName}`);
    } else if (
      value === undefined ||
      (!inlineValue && /^-(?!\.?\d)/.test(value))
    ) {
      throw new UsageError(`${rawName} needs a value`);
    } else {
      values[name] = value;
    }
  }
  return help ? 'help' : values;
}

/**
 * Runs a program's main function and exits with its code: 2 and the usage
 * for a wrong argument, 1 and one line for any other failure.
 */
export function runProgram(usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`Nothing was started: ${error.message}.\n${usage}`);
        process.exit(2);
      }
      if (process.env.DEBUG === '1' || process.argv.includes('--verbose'))
        console.error(error);
      else if (error instanceof CommandError) console.error(error.message);
      else
        console.error(
          `${error instanceof Error ? error.message : String(error)} ` +
            '(run again with --verbose for the details)',
        );
      process.exit(1);
    },
  );
}

const isLocal = (host: string) =>
  ['localhost', '127.0.0.1', '::1', '0.0.0.0'].includes(host);
const isCloud = (host: string) =>
  /\.tmprl\.cloud$|\.api\.temporal\.io$/.test(host);

function hostOf(address: string): string {
  return address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
}

/** Why nothing takes TCP connections at the address, if nothing does. */
function whyUnreachable(address: string): Promise<string | undefined> {
  const host = hostOf(address);
  const port = Number(/:(\d+)$/.exec(address)?.[1] ?? 7233);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 5_000 });
    const done = (why?: string) => {
      socket.destroy();
      resolve(why);
    };
    socket.once('connect', () => done());
    socket.once('timeout', () => done(`nothing answered at ${address}`));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(
        error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
          ? `the host ${host} is not known`
          : `nothing is listening at ${address}`,
      ),
    );
  });
}

type ConnectionOptions = ReturnType<
  typeof loadClientConnectConfig
>['connectionOptions'];

/**
 * Connects to the server that TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY or a config profile choose (by default localhost:7233
 * and the "default" namespace) with `open`: a client's `Connection.connect`
 * or a Worker's `NativeConnection.connect`. Failing, it says what went
 * wrong: nothing listening, TLS or credentials.
 */
export async function connectTo<C>(
  open: (options: ConnectionOptions) => Promise<C>,
): Promise<{ connection: C; namespace: string }> {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  const address = connectionOptions.address ?? 'localhost:7233';
  const unreachable = await whyUnreachable(address);
  if (unreachable) {
    throw new CommandError(
      isLocal(hostOf(address))
        ? `No Temporal server: ${unreachable}. Start one with ` +
            '`pnpm dev-server` at the repository root.'
        : `No Temporal server: ${unreachable}. Check TEMPORAL_ADDRESS ` +
            '(or your config profile).',
    );
  }
  try {
    const connection = await open(connectionOptions);
    return { connection, namespace: namespace ?? 'default' };
  } catch (error) {
    const code = (error as { cause?: { code?: number } }).cause?.code;
    // gRPC status codes 16 (UNAUTHENTICATED) and 7 (PERMISSION_DENIED).
    if (code === 16 || code === 7)
      throw new CommandError(
        `${address} refused the credentials: check TEMPORAL_API_KEY or ` +
          'the TEMPORAL_TLS_* client certificate (or your config profile).',
      );
    throw new CommandError(
      `${address} accepts connections but does not answer as a Temporal ` +
        (connectionOptions.tls
          ? 'server over TLS: is TLS right for it? A local dev server has ' +
            'none.'
          : 'server without TLS: Temporal Cloud needs TEMPORAL_API_KEY or ' +
            'TEMPORAL_TLS=true.'),
    );
  }
}

/** A client for the configured server (see connectTo). */
export async function connectClient(): Promise<Client> {
  const { connection, namespace } = await connectTo((options) =>
    Connection.connect(options),
  );
  return new Client({ connection, namespace });
}

/**
 * The run's page in the Web UI: TEMPORAL_UI_URL, Temporal Cloud's UI for a
 * Cloud address, or a local dev server's.
 */
export function webUiLine(namespace: string, workflowId: string): string {
  const { address } = loadClientConnectConfig().connectionOptions;
  const host = hostOf(address ?? 'localhost:7233');
  const base =
    process.env.TEMPORAL_UI_URL?.replace(/\/+$/, '') ??
    (isCloud(host)
      ? 'https://cloud.temporal.io'
      : isLocal(host)
        ? 'http://localhost:8233'
        : undefined);
  if (!base) return 'Web UI: set TEMPORAL_UI_URL to your Web UI for a link.';
  return (
    `Web UI: ${base}/namespaces/${encodeURIComponent(namespace)}` +
    `/workflows/${encodeURIComponent(workflowId)}`
  );
}

/**
 * Starts the workflow or, when a run with its id is still going, attaches
 * to that run and says so, with the input that run really got.
 */
export async function startOrAttach<W extends Workflow>(
  client: Client,
  workflow: W,
  options: WorkflowStartOptions<W>,
): Promise<
  | { handle: WorkflowHandleWithFirstExecutionRunId<W>; attached: false }
  | { handle: WorkflowHandle<W>; attached: true }
> {
  try {
    return {
      handle: await client.workflow.start(workflow, options),
      attached: false,
    };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const handle = client.workflow.getHandle<W>(options.workflowId);
    const { events } = await handle.fetchHistory();
    const payloads =
      events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    const input = (payloads ?? []).map((payload) =>
      client.options.loadedDataConverter.payloadConverter.fromPayload(payload),
    );
    console.log(
      `Workflow ${options.workflowId} is already running: attached to that ` +
        `run, whose input is ${JSON.stringify(input)}.`,
    );
    return { handle, attached: true };
  }
}
