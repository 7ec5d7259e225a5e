import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { requireServerBinary } from './binaries';
import { serverStateDir } from './paths';

export const defaultAddress = 'localhost:7233';
export const defaultUiPort = 8233;
/** A file-backed database, so that workflows survive a restart of the dev server. */
export const devServerDbFile = path.join(serverStateDir, 'dev-server.sqlite');

export function splitAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[(?<v6>[^\]]+)\]|(?<host>[^:]+)):(?<port>\d+)$/.exec(address);
  if (!match?.groups) throw new Error(`"${address}" is not a host:port address, e.g. localhost:7233`);
  const host = match.groups.v6 ?? match.groups.host ?? '';
  // The dev server listens on IPv4; newer Node versions try ::1 first for "localhost".
  return { host: host === 'localhost' ? '127.0.0.1' : host, port: Number(match.groups.port) };
}

/** Whether something accepts TCP connections at the address within the time given. */
export function isReachable(address: string, timeoutMs: number): Promise<boolean> {
  const { host, port } = splitAddress(address);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until a dev server just spawned serves: its port accepts connections and the default
 * namespace answers (a server that listens may still be setting it up). False when the process
 * exits first or the time runs out.
 */
export async function waitUntilServing(server: ChildProcess, address: string, timeoutMs: number): Promise<boolean> {
  let exited = server.exitCode !== null || server.signalCode !== null;
  const exit = once(server, 'exit').then(() => {
    exited = true;
    return false;
  });
  const deadline = Date.now() + timeoutMs;
  const serving = async () => {
    while (!exited && !(await isReachable(address, 500))) {
      if (Date.now() > deadline) return false;
      await pause(200);
    }
    if (exited) return false;
    const connection = await Connection.connect({ address });
    try {
      for (;;) {
        try {
          await connection.workflowService.describeNamespace({ namespace: 'default' });
          return true;
        } catch {
          if (exited || Date.now() > deadline) return false;
          await pause(200);
        }
      }
    } finally {
      await connection.close();
    }
  };
  return !exited && Promise.race([serving().catch(() => false), exit]);
}

export interface DevServerOptions {
  port?: number;
  uiPort?: number;
  dbFile?: string;
  extraArgs?: string[];
  stdio?: StdioOptions;
  detached?: boolean;
}

/** Starts `temporal server start-dev` as a child process with a persistent database. */
export function spawnDevServer(options: DevServerOptions = {}): ChildProcess {
  const dbFile = options.dbFile ?? devServerDbFile;
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const args = ['server', 'start-dev', '--db-filename', dbFile];
  args.push('--port', String(options.port ?? splitAddress(defaultAddress).port));
  args.push('--ui-port', String(options.uiPort ?? defaultUiPort));
  args.push(...(options.extraArgs ?? []));
  const { stdio = 'inherit', detached } = options;
  return spawn(requireServerBinary('cli'), args, { stdio, detached });
}
