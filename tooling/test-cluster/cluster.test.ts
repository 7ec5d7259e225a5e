/**
 * `pnpm test:cluster`: the samples, unchanged, on a production-shaped cluster (see src/cluster.ts),
 * then the money-transfer chaos run while a history node is SIGKILLed and restarted. Slow (the first
 * run builds the server with Go): kept out of `pnpm test`. It writes what the drill printed to
 * tooling/cluster-results/drill.md, which the page "From the dev server to a cluster" embeds.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChaos } from '../../samples/money-transfer/test/chaos';
import { freeClusterPorts, startCluster, type ClusterNode, type TemporalCluster } from '../src/cluster';
import { repoRoot, serverStateDir } from '../src/paths';
import { startCommand } from '../src/processes';

const clusterDir = path.join(serverStateDir, 'test-cluster');
const resultsDir = path.join(repoRoot, 'tooling', 'cluster-results');
const startLog: string[] = [];
let cluster: TemporalCluster;
let startSeconds = 0;

beforeAll(async () => {
  // Under the repository, not the system's temp folder: as root, PostgreSQL runs as the `postgres`
  // user, which must be able to reach its data folder.
  rmSync(clusterDir, { recursive: true, force: true });
  const started = Date.now();
  cluster = await startCluster({
    dir: clusterDir,
    ports: await freeClusterPorts(),
    log: (line) => startLog.push(line.replaceAll(`${repoRoot}/`, '')),
  });
  startSeconds = (Date.now() - started) / 1000;
  // The first run builds the server with Go: 2 minutes on a quiet machine, over 15 on a busy one.
}, 1_800_000);

// The folder stays until the next run, with each node's log for a run that failed.
afterAll(() => cluster?.stop(), 120_000);

/** Runs a command line at the repository root against the cluster; resolves with its output once it exits. */
async function runAtRoot(command: string, env: Record<string, string> = {}): Promise<string> {
  const run = startCommand(repoRoot, command, { TEMPORAL_ADDRESS: cluster.address, ...env });
  await new Promise((resolve) => run.child.once('close', resolve));
  expect(run.child.exitCode, run.lines.join('\n')).toBe(0);
  return run.lines.join('\n');
}

describe('the samples, unchanged, on a cluster', () => {
  it('hello-retry: `pnpm --filter hello-retry start` completes on the cluster', async () => {
    const output = await runAtRoot('pnpm --filter hello-retry start');
    expect(output).toContain('Result: Hello, World!');
    expect(output).not.toContain('starting a local dev server');
  });

  it('money-transfer: `pnpm --filter money-transfer start` moves the money', async () => {
    const bankFile = path.join(clusterDir, 'bank.sqlite');
    const output = await runAtRoot('pnpm --filter money-transfer start --reference cluster-1', { BANK_FILE: bankFile });
    expect(output).toContain('Result: Transfer complete');
  });
});

describe('a history node dies in the middle of the money-transfer chaos run', () => {
  it('every transfer ends, each reference is applied once, the sum is conserved; the shards move', async () => {
    const historyNodes: ClusterNode[] = ['history-1', 'history-2'];
    const drill: string[] = [];
    const note = (line: string) => drill.push(line);
    const shardsOf = (owners: Map<number, ClusterNode>, node: ClusterNode) =>
      [...owners]
        .filter(([, owner]) => owner === node)
        .map(([shard]) => shard)
        .sort((a, b) => a - b);
    const placement = () => {
      const owners = cluster.shardOwners();
      return historyNodes.map((node) => `${node} ${shardsOf(owners, node).join(' ') || '(none)'}`).join('; ');
    };
    const figures = { moved: 0 };

    const report = await runChaos({
      transfers: 40,
      workerKills: 1,
      serverRestarts: 1,
      cancels: 2,
      depositOutages: 1,
      seed: 20261127,
      deadlineSeconds: 480,
      log: note,
      service: {
        address: cluster.address,
        disruptionName: 'SIGKILL a history node, restart it',
        async disrupt() {
          // The ring may have given one node most of the shards, or all: that one dies.
          const owners = cluster.shardOwners();
          const [killed, survivor] = [...historyNodes].sort(
            (a, b) => shardsOf(owners, b).length - shardsOf(owners, a).length,
          ) as [ClusterNode, ClusterNode];
          const lost = shardsOf(owners, killed);
          note(`Shards before: ${placement()}`);
          const killedAt = Date.now();
          await cluster.kill(killed, 'SIGKILL');
          await cluster.waitForShards((now) => lost.every((shard) => now.get(shard) === survivor));
          figures.moved = lost.length;
          note(
            `SIGKILL ${killed}: ${survivor} acquired shards ${lost.join(' ')} ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`,
          );
          const restartedAt = Date.now();
          await cluster.start(killed);
          // The ring hands shards back one membership update at a time: wait until none has moved for 3 s.
          let lastMove = Date.now();
          let seen = placement();
          while (Date.now() - lastMove < 3000) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            if (placement() !== seen) [seen, lastMove] = [placement(), Date.now()];
          }
          note(
            `${killed} restarted; the last shard moved ${((lastMove - restartedAt) / 1000).toFixed(1)} s later: ${placement()}`,
          );
        },
      },
    });

    const list = (counts: Record<string, number>) =>
      Object.entries(counts)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ');
    const conserved = report.totalAfter === report.totalBefore;
    drill.push(
      '',
      `${report.transfers} transfers in ${report.seconds.toFixed(1)} s`,
      `Outcomes: ${list(report.outcomes)}`,
      `Disruptions: ${list(report.disruptions)}`,
      `Sum of all balances: ${report.totalBefore} before, ${report.totalAfter} after (${conserved ? 'conserved' : 'NOT CONSERVED'})`,
      `References whose journal disagrees: ${report.wrong.length}`,
      `Workflows still running: ${report.stillRunning}`,
    );
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      path.join(resultsDir, 'drill.md'),
      [
        `The drill as \`pnpm test:cluster\` last ran it (${new Date().toISOString().slice(0, 10)}, Temporal Server ${cluster.binaries.version}, ${cluster.historyShards} shards):`,
        '',
        '```log',
        ...startLog,
        `Cluster serving ${startSeconds.toFixed(1)} s after the start`,
        '',
        ...drill,
        '```',
        '',
      ].join('\n'),
    );

    expect(report).toMatchObject({
      disruptions: {
        'kill the Worker': 1,
        'SIGKILL a history node, restart it': 1,
        'run a Worker with the deposit bug': 1,
      },
      totalAfter: report.totalBefore,
      wrong: [],
      stillRunning: 0,
    });
    expect(figures.moved).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes)).toContain('completed');
  }, 600_000);
});
