import { once } from 'node:events';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import {
  freePort,
  startSampleProcess,
} from '@temporal-tutorials/tooling/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webUiLine } from '../src/cli';

const sampleDir = new URL('..', import.meta.url);

async function run(program: string, env: Record<string, string>) {
  const process = startSampleProcess(sampleDir, program, env);
  const code = await process.closed;
  // Node's own warnings (e.g. TLS to an IP address) are not the program's.
  const lines = process.lines.filter((line) => !/Warning|trace-/.test(line));
  return { code, lines };
}
const runStarter = (env: Record<string, string>) => run('src/client.ts', env);

describe.concurrent('with no Temporal server at the configured address', () => {
  it('the Worker says in one line that nothing listens and how to start a server', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    expect(await run('src/worker.ts', { TEMPORAL_ADDRESS: address })).toEqual({
      code: 1,
      lines: [
        `No Temporal server: nothing is listening at ${address}. Start one ` +
          'with `pnpm dev-server` at the repository root.',
      ],
    });
  });

  it('the Worker never tells a remote or Cloud user to start a dev server', async () => {
    const { code, lines } = await run('src/worker.ts', {
      TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud.invalid:7233',
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^No Temporal server: the host .* is not known\./,
      ) as unknown,
    ]);
  });

  it('the starter says nothing listens and how to start a server', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    expect(await runStarter({ TEMPORAL_ADDRESS: address })).toEqual({
      code: 1,
      lines: [
        `No Temporal server: nothing is listening at ${address}. Start one ` +
          'with `pnpm dev-server` at the repository root.',
      ],
    });
  });

  it('never tells a remote or Cloud user to start a dev server', async () => {
    const { code, lines } = await runStarter({
      TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud.invalid:7233',
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^No Temporal server: the host .* is not known\./,
      ) as unknown,
    ]);
    expect(lines[0]).not.toContain('dev-server');
  });
});

/** Refuses every gRPC call, as Temporal Cloud refuses a wrong API key. */
async function startRefusingServer(): Promise<{
  address: string;
  close: () => void;
}> {
  const server = http2.createServer();
  server.on('stream', (stream) => {
    stream.respond(
      { ':status': 200, 'content-type': 'application/grpc' },
      { waitForTrailers: true },
    );
    stream.on('wantTrailers', () =>
      stream.sendTrailers({
        'grpc-status': '16',
        'grpc-message': 'Request unauthorized.',
      }),
    );
    stream.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, close: () => server.close() };
}

// The connect timeout of the TLS case is waiting, not work: run side by side.
describe.concurrent('with a server that refuses the connection', () => {
  it('says the credentials were refused on UNAUTHENTICATED', async () => {
    const { address, close } = await startRefusingServer();
    try {
      const { code, lines } = await runStarter({ TEMPORAL_ADDRESS: address });
      expect(code).toBe(1);
      expect(lines).toEqual([
        `${address} refused the credentials: check TEMPORAL_API_KEY or the ` +
          'TEMPORAL_TLS_* client certificate (or your config profile).',
      ]);
    } finally {
      close();
    }
  });

  it('says TLS may be wrong when the server does not answer', async () => {
    const { address, close } = await startRefusingServer();
    try {
      const { code, lines } = await runStarter({
        TEMPORAL_ADDRESS: address,
        TEMPORAL_TLS: 'true',
      });
      expect(code).toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(/over TLS: is TLS right for it\?/) as unknown,
      ]);
      expect(lines[0]).not.toContain('dev-server');
    } finally {
      close();
    }
  });
});

describe('the Web UI link', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('comes from TEMPORAL_UI_URL when set', () => {
    vi.stubEnv('TEMPORAL_UI_URL', 'https://temporal.example.com/');
    expect(webUiLine('orders', 'id 1')).toBe(
      'Web UI: https://temporal.example.com/namespaces/orders/workflows/id%201',
    );
  });

  it('is the Cloud UI for a Temporal Cloud address', () => {
    vi.stubEnv('TEMPORAL_UI_URL', undefined);
    vi.stubEnv('TEMPORAL_ADDRESS', 'my-ns.a1b2c.tmprl.cloud:7233');
    expect(webUiLine('my-ns.a1b2c', 'w')).toBe(
      'Web UI: https://cloud.temporal.io/namespaces/my-ns.a1b2c/workflows/w',
    );
  });

  it('is the local dev server for a local address, else no guess', () => {
    vi.stubEnv('TEMPORAL_UI_URL', undefined);
    vi.stubEnv('TEMPORAL_ADDRESS', '127.0.0.1:7233');
    expect(webUiLine('default', 'w')).toBe(
      'Web UI: http://localhost:8233/namespaces/default/workflows/w',
    );
    vi.stubEnv('TEMPORAL_ADDRESS', 'temporal.internal:7233');
    expect(webUiLine('default', 'w')).toMatch(/set TEMPORAL_UI_URL/);
  });
});
