/**
 * `pnpm cluster`: a production-shaped Temporal Service on this machine (see cluster.ts) until Ctrl+C.
 * Its files are in .temporal/cluster/ (config per node, logs, the PostgreSQL data folder), so
 * workflows survive a restart. TEMPORAL_CLUSTER_PORT moves its ports (default 7333: the frontend;
 * the dev server keeps 7233); PGHOST, PGPORT, PGUSER and PGPASSWORD use an existing PostgreSQL.
 */
import path from 'node:path';
import { MissingProgramError } from './cluster-binaries';
import { clusterNodes, portsFrom, postgresFromEnv, startCluster, type TemporalCluster } from './cluster';
import { serverStateDir } from './paths';

const dir = path.join(serverStateDir, 'cluster');
const basePort = Number(process.env.TEMPORAL_CLUSTER_PORT ?? 7333);
// The database stores ring membership ports (base + 100 and up) as a smallint: at most 32767.
if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 32_600) {
  console.error(`TEMPORAL_CLUSTER_PORT must be a port from 1024 to 32600, not "${process.env.TEMPORAL_CLUSTER_PORT}".`);
  process.exit(2);
}
const ports = portsFrom(basePort);
const postgres = postgresFromEnv();

let cluster: TemporalCluster | undefined;
const starting = new AbortController();
const stopAll = async (signal: NodeJS.Signals) => {
  if (starting.signal.aborted) return;
  console.log(`\n${signal}: stopping the cluster`);
  starting.abort();
  // While starting, startCluster stops what it started and throws: see below.
  if (!cluster) return;
  await cluster.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(signal));

console.log(`Starting a Temporal cluster in ${dir}. Stop it with Ctrl+C.`);
const started = Date.now();
try {
  cluster = await startCluster({ dir, ports, postgres, log: (line) => console.log(line), signal: starting.signal });
} catch (error) {
  if (starting.signal.aborted) process.exit(0);
  if (!(error instanceof MissingProgramError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const owners = cluster.shardOwners();
const shardsOf = (node: string) =>
  [...owners]
    .filter(([, owner]) => owner === node)
    .map(([shard]) => shard)
    .sort((a, b) => a - b);
console.log(`
Temporal cluster serving on ${cluster.address} after ${((Date.now() - started) / 1000).toFixed(1)} s (server ${cluster.binaries.version}).
${clusterNodes.map((node) => `  ${node.padEnd(10)} 127.0.0.1:${ports.grpc[node]}${node.startsWith('history') ? `  shards ${shardsOf(node).join(' ')}` : ''}`).join('\n')}
  PostgreSQL ${postgres ? `${postgres.host}:${postgres.port}` : `127.0.0.1:${ports.postgres} (data in ${path.join(dir, 'postgres')})`}
Config per node in ${path.join(dir, 'config')}, logs in ${path.join(dir, 'logs')}.
Run a sample on it: TEMPORAL_ADDRESS=${cluster.address} pnpm --filter hello-retry start`);
