/**
 * A production-shaped Temporal Service on one machine: PostgreSQL, schemas set up by the server's own
 * SQL tool, and the server as separate processes (one frontend, two history nodes sharing the shards,
 * one matching, one internal worker), each with its own ports, config file and ring membership.
 * Used by `pnpm cluster` and by the drills in tooling/test-cluster.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { chownSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import { MissingProgramError, ensureClusterBinaries, findPostgres, type ClusterBinaries } from './cluster-binaries';
import { isReachable, waitUntilServing } from './server';

export type ClusterNode = 'frontend' | 'history-1' | 'history-2' | 'matching' | 'worker';
/** Frontend first (its port is the address); started in the order of `startOrder`. */
export const clusterNodes: ClusterNode[] = ['frontend', 'history-1', 'history-2', 'matching', 'worker'];
// The first node writes the cluster's metadata to a new database, alone; the others start together.
const startOrder: ClusterNode[] = ['history-1', 'history-2', 'matching', 'frontend', 'worker'];
const serviceOf = (node: ClusterNode) => node.replace(/-\d+$/, '');

export interface ClusterPorts {
  /** Each node's gRPC port; the frontend's is the address the samples use. */
  grpc: Record<ClusterNode, number>;
  /** Each node's ring membership (ringpop) port. */
  membership: Record<ClusterNode, number>;
  frontendHttp: number;
  /** The PostgreSQL this cluster starts (unused with an existing one). */
  postgres: number;
}

const byNode = (port: (index: number) => number) =>
  Object.fromEntries(clusterNodes.map((node, index) => [node, port(index)])) as Record<ClusterNode, number>;

/** A fixed range from a base port, e.g. 7333: gRPC 7333-7337 (frontend first), PostgreSQL 7338,
 * the frontend's HTTP API 7339, membership 7433-7437. */
export function portsFrom(base: number): ClusterPorts {
  return {
    grpc: byNode((index) => base + index),
    membership: byNode((index) => base + 100 + index),
    postgres: base + 5,
    frontendHttp: base + 6,
  };
}

/** Whether nothing listens on the port on 127.0.0.1 right now. */
async function isFree(port: number): Promise<boolean> {
  const server = net.createServer();
  server.listen(port, '127.0.0.1');
  const free = await Promise.race([
    once(server, 'listening').then(() => true),
    once(server, 'error').then(() => false),
  ]);
  if (free) {
    server.close();
    await once(server, 'close');
  }
  return free;
}

/**
 * Every port a free one, for tests that run next to other servers. Not the system's ephemeral
 * ports (32768 and up): the database records membership ports as a smallint, at most 32767.
 */
export async function freeClusterPorts(): Promise<ClusterPorts> {
  const ports: number[] = [];
  while (ports.length < 2 * clusterNodes.length + 2) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!ports.includes(port) && (await isFree(port))) ports.push(port);
  }
  return {
    grpc: byNode((index) => ports[index]!),
    membership: byNode((index) => ports[clusterNodes.length + index]!),
    postgres: ports[2 * clusterNodes.length]!,
    frontendHttp: ports[2 * clusterNodes.length + 1]!,
  };
}

/** An existing PostgreSQL (12 or newer) to use instead of starting one. */
export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
}

/** PGHOST (with PGPORT, PGUSER, PGPASSWORD), as psql reads them; undefined when PGHOST is not set. */
export function postgresFromEnv(env: NodeJS.ProcessEnv = process.env): PostgresTarget | undefined {
  if (!env.PGHOST) return undefined;
  return {
    host: env.PGHOST,
    port: Number(env.PGPORT ?? 5432),
    user: env.PGUSER ?? 'postgres',
    password: env.PGPASSWORD,
  };
}

export interface ClusterOptions {
  /** Config files, logs and (unless `postgres` is given) the database live here. */
  dir: string;
  ports: ClusterPorts;
  historyShards?: number;
  postgres?: PostgresTarget;
  log?: (line: string) => void;
  /** Aborting it while the cluster starts stops what has started (Ctrl+C during the start). */
  signal?: AbortSignal;
}

export interface TemporalCluster {
  /** The frontend: what TEMPORAL_ADDRESS points at. */
  readonly address: string;
  readonly binaries: ClusterBinaries;
  readonly historyShards: number;
  /** Which history node holds each shard now, from the nodes' "Acquired shard" log lines. */
  shardOwners(): Map<number, ClusterNode>;
  /** Resolves when every shard has an owner and `holds` is true of the owners. */
  waitForShards(holds: (owners: Map<number, ClusterNode>) => boolean, timeoutMs?: number): Promise<void>;
  /** Signals one node (SIGKILL: the machine died) and resolves once it is gone. */
  kill(node: ClusterNode, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped node again with the same config. */
  start(node: ClusterNode): Promise<void>;
  /** Stops every node, then the PostgreSQL this cluster started. */
  stop(): Promise<void>;
  /** The process id of each node and of PostgreSQL (when this cluster started it). */
  pids(): Record<string, number | undefined>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (exited(child)) return;
  const gone = once(child, 'close');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Runs a command to the end; resolves with its exit code and output. */
async function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output };
}

/** PostgreSQL will not run as root: as root, it runs as the machine's `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (!entry)
    throw new MissingProgramError(
      'PostgreSQL does not run as root and this machine has no "postgres" user: run pnpm cluster as a normal user, or set PGHOST/PGPORT/PGUSER/PGPASSWORD to a PostgreSQL you have.',
    );
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** Starts PostgreSQL on its data folder (created on first use), listening on 127.0.0.1 only. */
async function startPostgres(
  dataDir: string,
  port: number,
  logFile: string,
): Promise<{ target: PostgresTarget; process: ChildProcess }> {
  const programs = findPostgres();
  const user = postgresUser();
  // As root, PostgreSQL runs as the postgres user, who may not be allowed into this checkout (a
  // private folder): its data then lives in the system's temp folder, one folder per checkout.
  if (user)
    dataDir = path.join(
      tmpdir(),
      `temporal-cluster-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`,
    );
  const asUser = user ? { uid: user.uid, gid: user.gid, cwd: tmpdir() } : {};
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (user) chownSync(dataDir, user.uid, user.gid);
    const initdb = spawn(programs.initdb, ['-D', dataDir, '-U', 'temporal', '--auth=trust', '-E', 'UTF8'], {
      ...asUser,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    initdb.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    initdb.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(initdb, 'close')) as [number | null];
    if (code !== 0) throw new Error(`initdb failed for ${dataDir}:\n${output}`);
  }
  const log = createWriteStream(logFile, { flags: 'a' });
  const postgres = spawn(
    programs.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...asUser, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  postgres.stdout.pipe(log);
  postgres.stderr.pipe(log);
  return { target: { host: '127.0.0.1', port, user: 'temporal' }, process: postgres };
}

/**
 * The two databases the server needs, created and brought to the schema version of this server
 * release by its own tool (what `temporal-sql-tool` does in the official setup). Safe to repeat.
 */
async function setUpSchemas(binaries: ClusterBinaries, db: PostgresTarget, log: (line: string) => void) {
  const connect = ['--plugin', 'postgres12', '--ep', db.host, '-p', String(db.port), '-u', db.user];
  if (db.password) connect.push('--pw', db.password);
  const deadline = Date.now() + 60_000;
  for (const [database, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const tool = (...args: string[]) => run(binaries.sqlTool, [...connect, '--db', database, ...args]);
    // PostgreSQL may still be starting: the first command is retried until it connects.
    for (;;) {
      const created = await tool('create-database');
      if (created.code === 0 || /already exists/.test(created.output)) break;
      if (Date.now() > deadline)
        throw new Error(`Could not create database ${database} on ${db.host}:${db.port}:\n${created.output}`);
      await pause(500);
    }
    for (const args of [
      ['setup-schema', '-v', '0.0'],
      ['update-schema', '-d', path.join(binaries.schemaDir, schema, 'versioned')],
    ]) {
      const result = await tool(...args);
      if (result.code !== 0) throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed:\n${result.output}`);
    }
    log(`Schema ready: database ${database}`);
  }
}

/** One node's config file. Every node gets the same file but for its own ports. */
function nodeConfig(node: ClusterNode, ports: ClusterPorts, db: PostgresTarget, historyShards: number): string {
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "${db.host}:${db.port}"
        connectProtocol: tcp
        user: ${db.user}
        password: "${db.password ?? ''}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
  // Nodes find each other through the ring (members are recorded in the database), not through
  // this file: the history entry is this node's own ports, or history-1's in other nodes' files.
  const rpc = (service: ClusterNode) => `
  ${serviceOf(service)}:
    rpc:
      grpcPort: ${ports.grpc[service]}
      membershipPort: ${ports.membership[service]}
      bindOnLocalHost: true${service === 'frontend' ? `\n      httpPort: ${ports.frontendHttp}` : ''}`;
  const history: ClusterNode = node.startsWith('history') ? node : 'history-1';
  const services: ClusterNode[] = ['frontend', history, 'matching', 'worker'];
  return `# ${node}: written by pnpm cluster (tooling/src/cluster.ts); rewritten at every start.
log:
  stdout: true
  level: info

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  # Fixed for the life of the database: changing it needs a new one.
  numHistoryShards: ${historyShards}
  datastores:
    postgres-default:${store('temporal', 10)}
    postgres-visibility:${store('temporal_visibility', 2)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1

services:${services.map(rpc).join('')}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${ports.grpc.frontend}

dcRedirectionPolicy:
  policy: noop
`;
}

/** Registers the `default` namespace (the dev server has it built in; a cluster starts with none). */
async function registerDefaultNamespace(address: string, deadline: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    for (;;) {
      try {
        await connection.workflowService.registerNamespace({
          namespace: 'default',
          workflowExecutionRetentionPeriod: msToTs('3 days'),
        });
        return;
      } catch (error) {
        if (/already exists|AlreadyExists/i.test(String(error))) return;
        if (Date.now() > deadline) throw error;
        await pause(500);
      }
    }
  } finally {
    await connection.close();
  }
}

/** The shard a history node's JSON log line says it acquired, if it says so. */
function acquiredShard(line: string): number | undefined {
  if (!line.includes('Acquired shard')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: string; 'shard-id'?: number };
    return entry.msg === 'Acquired shard' ? entry['shard-id'] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the cluster: PostgreSQL (unless `options.postgres` names one), schemas, then every node;
 * resolves once the frontend serves the `default` namespace and every shard has an owner.
 */
export async function startCluster(options: ClusterOptions): Promise<TemporalCluster> {
  const { dir, ports, historyShards = 8, log = () => {}, signal } = options;
  const startTimeoutMs = 120_000;
  const binaries = await ensureClusterBinaries(log);
  // From here: the first run's build above takes minutes of its own.
  const deadline = Date.now() + startTimeoutMs;
  mkdirSync(path.join(dir, 'config'), { recursive: true });
  mkdirSync(path.join(dir, 'logs'), { recursive: true });

  let postgres: ChildProcess | undefined;
  const nodes = new Map<ClusterNode, ChildProcess>();
  const owners = new Map<number, ClusterNode>();
  const ownerWaiters = new Set<() => void>();
  const address = `127.0.0.1:${ports.grpc.frontend}`;

  const stop = async () => {
    for (const node of [...startOrder].reverse()) {
      const child = nodes.get(node);
      if (child) await stopProcess(child, 'SIGTERM', 20_000);
    }
    // SIGINT: PostgreSQL's fast shutdown (ends sessions, writes a checkpoint).
    if (postgres) await stopProcess(postgres, 'SIGINT', 20_000);
  };

  const startNode = (node: ClusterNode) => {
    const child = spawn(
      binaries.server,
      ['--root', dir, '--config', 'config', '--env', node, '--allow-no-auth', 'start', '--service', serviceOf(node)],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    nodes.set(node, child);
    const logFile = createWriteStream(path.join(dir, 'logs', `${node}.log`), { flags: 'a' });
    child.stderr.pipe(logFile, { end: false });
    createInterface({ input: child.stdout }).on('line', (line) => {
      logFile.write(`${line}\n`);
      const shard = acquiredShard(line);
      if (shard === undefined) return;
      owners.set(shard, node);
      for (const waiter of ownerWaiters) waiter();
    });
    child.once('exit', () => {
      for (const [shard, owner] of owners) if (owner === node) owners.delete(shard);
    });
    child.once('close', () => logFile.end());
  };

  // Aborted while starting: stop what runs, and stop waiting for the step under way.
  let rejectAborted: (error: Error) => void = () => {};
  const aborted = new Promise<never>((_, reject) => (rejectAborted = reject));
  aborted.catch(() => {});
  const stopWhenAborted = () => {
    rejectAborted(new Error('Stopped while starting'));
    void stop();
  };
  signal?.addEventListener('abort', stopWhenAborted);
  const step = <T>(work: Promise<T>): Promise<T> => {
    if (signal?.aborted) return aborted;
    return Promise.race([work, aborted]);
  };
  /** Resolves once the node listens on its gRPC port; throws if it exits first. */
  const listening = async (node: ClusterNode, until: number) => {
    while (!(await isReachable(`127.0.0.1:${ports.grpc[node]}`, 500))) {
      if (exited(nodes.get(node)!) || Date.now() > until)
        throw new Error(`${node} did not start: see ${path.join(dir, 'logs', `${node}.log`)}`);
      await pause(250);
    }
  };

  try {
    let db = options.postgres;
    if (!db) {
      const starting = startPostgres(
        path.join(dir, 'postgres'),
        ports.postgres,
        path.join(dir, 'logs', 'postgres.log'),
      );
      // Aborted before it was up: stopped as soon as it is.
      starting.then(
        ({ process }) => signal?.aborted && void stopProcess(process, 'SIGINT', 20_000),
        () => {},
      );
      const started = await step(starting);
      postgres = started.process;
      db = started.target;
    }
    const schemaStarted = Date.now();
    await step(setUpSchemas(binaries, db, log));
    log(`Schemas set up in ${((Date.now() - schemaStarted) / 1000).toFixed(1)} s`);
    for (const node of clusterNodes) {
      writeFileSync(path.join(dir, 'config', `${node}.yaml`), nodeConfig(node, ports, db, historyShards));
    }
    const nodesStarted = Date.now();
    const [first, ...others] = startOrder;
    signal?.throwIfAborted();
    startNode(first!);
    await step(listening(first!, deadline));
    for (const node of others) startNode(node);
    await step(listening('frontend', deadline));
    const frontend = nodes.get('frontend')!;
    await step(registerDefaultNamespace(address, deadline));
    if (!(await step(waitUntilServing(frontend, address, deadline - Date.now()))))
      throw new Error(`The frontend did not serve the default namespace: see ${path.join(dir, 'logs')}`);
    const cluster: TemporalCluster = {
      address,
      binaries,
      historyShards,
      shardOwners: () => new Map(owners),
      waitForShards(holds, timeoutMs = 120_000) {
        const satisfied = () => owners.size === historyShards && holds(new Map(owners));
        if (satisfied()) return Promise.resolve();
        return new Promise((resolve, reject) => {
          const check = () => {
            if (!satisfied()) return;
            clearTimeout(timer);
            ownerWaiters.delete(check);
            resolve();
          };
          const timer = setTimeout(() => {
            ownerWaiters.delete(check);
            reject(new Error(`Shards not placed as expected within ${timeoutMs} ms: ${JSON.stringify([...owners])}`));
          }, timeoutMs);
          ownerWaiters.add(check);
        });
      },
      async kill(node, signal = 'SIGKILL') {
        const child = nodes.get(node);
        if (child) await stopProcess(child, signal, 20_000);
      },
      async start(node) {
        const child = nodes.get(node);
        if (child && !exited(child)) return;
        startNode(node);
        await listening(node, Date.now() + 60_000);
      },
      stop,
      pids: () => ({
        ...Object.fromEntries(clusterNodes.map((node) => [node, nodes.get(node)?.pid])),
        ...(postgres ? { PostgreSQL: postgres.pid } : {}),
      }),
    };
    await step(cluster.waitForShards(() => true, deadline - Date.now()));
    log(`Nodes serving ${((Date.now() - nodesStarted) / 1000).toFixed(1)} s after they started`);
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stopWhenAborted);
  }
}
