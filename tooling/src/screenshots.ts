/**
 * `screenshots capture`: real Web UI screenshots for the pages. Starts a dev server with its UI on
 * free ports, runs the samples' Workers and starters against it (the same runs and drills the pages
 * describe), and has Chromium (Playwright) photograph the dev server's own UI at the moments the
 * pages talk about. Writes website/static/img/web-ui/<name>.jpg and manifest.json (UI version,
 * capture time, each image's sample); website/test/screenshots.test.ts checks pages against it.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { chromium } from 'playwright-core';
import { findBrowser } from '../../scripts/find-browser.mjs';
import { requireServerBinary } from './binaries';
import { repoRoot } from './paths';
import { freePort, startSampleProcess, type SampleProcess } from './processes';
import { spawnDevServer, waitUntilServing } from './server';

export const screenshotsDir = path.join(repoRoot, 'website', 'static', 'img', 'web-ui');
export const maxBytes = 200 * 1024;

export interface ScreenshotEntry {
  /** The sample whose run the image shows: its src/ must not be newer than the image. */
  sample: string;
  capturedAt: string;
  bytes: number;
}

export interface ScreenshotManifest {
  uiVersion: string;
  cli: string;
  capturedAt: string;
  screenshots: Record<string, ScreenshotEntry>;
}

const namespace = 'default';

async function main(): Promise<number> {
  if (process.argv[2] !== 'capture') {
    console.error('usage: screenshots capture');
    return 2;
  }
  const executablePath = findBrowser();
  if (!executablePath) {
    console.error('No Chromium or Chrome found: run `node scripts/setup.mjs` or set CHROMIUM_PATH.');
    return 1;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'screenshots-'));
  const port = await freePort();
  const uiPort = await freePort();
  const address = `127.0.0.1:${port}`;
  const ui = `http://127.0.0.1:${uiPort}`;
  const server = spawnDevServer({
    port,
    uiPort,
    dbFile: path.join(scratch, 'temporal.sqlite'),
    extraArgs: ['--log-level', 'error'],
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const processes: SampleProcess[] = [];
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    if (!(await waitUntilServing(server, address, 30_000))) throw new Error(`No dev server on ${address}`);
    const settings = (await (await fetch(`${ui}/api/v1/settings`)).json()) as { Version: string };
    const cli = execFileSync(requireServerBinary('cli'), ['--version'], { encoding: 'utf8' }).trim();
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace });
    const page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
      colorScheme: 'light',
      timezoneId: 'UTC',
    });
    const manifest: ScreenshotManifest = {
      uiVersion: settings.Version,
      cli,
      capturedAt: new Date().toISOString(),
      screenshots: {},
    };
    const env = { TEMPORAL_ADDRESS: address, BANK_FILE: path.join(scratch, 'bank.sqlite') };
    const start = (sample: string, file: string, extraEnv: Record<string, string> = {}, args: string[] = []) => {
      const started = startSampleProcess(path.join(repoRoot, 'samples', sample), file, { ...env, ...extraEnv }, args);
      processes.push(started);
      return started;
    };
    const open = async (route: string, ready: string) => {
      await page.goto(`${ui}/namespaces/${namespace}${route}`);
      await page.getByText(ready, { exact: false }).first().waitFor({ timeout: 15_000 });
      // The UI fills in its panels after the first paint.
      await page.waitForTimeout(1500);
    };
    const workflowRoute = async (workflowId: string, tab: string) => {
      const { runId } = await client.workflow.getHandle(workflowId).describe();
      return `/workflows/${workflowId}/${runId}/${tab}`;
    };
    const shoot = async (name: string, sample: string, clip?: { y: number; height: number }) => {
      const file = path.join(screenshotsDir, `${name}.jpg`);
      // JPEG keeps a UI screenshot well under the size limit; lower the quality only if it must.
      for (const quality of [80, 70, 60, 50]) {
        await page.screenshot({
          path: file,
          type: 'jpeg',
          quality,
          ...(clip ? { clip: { x: 0, width: 1280, ...clip } } : {}),
        });
        if (statSync(file).size <= maxBytes) break;
      }
      const bytes = statSync(file).size;
      manifest.screenshots[`${name}.jpg`] = { sample, capturedAt: new Date().toISOString(), bytes };
      console.log(`${name}.jpg (${sample}): ${Math.round(bytes / 1024)} KB`);
    };
    mkdirSync(screenshotsDir, { recursive: true });

    // hello-retry, started before any Worker runs: its task queue has nobody polling it.
    const greeting = start('hello-retry', 'src/client.ts');
    await greeting.waitForLine(/Started workflow/);
    await open('/task-queues/hello-retry', 'Pollers');
    await page.getByRole('button', { name: /Pollers/ }).click();
    await page.waitForTimeout(1000);
    await shoot('task-queue-no-worker', 'hello-retry');

    // The Worker runs the activity: attempts 1 to 3 fail, attempt 4 answers after a 4 s pause.
    const worker = start('hello-retry', 'src/worker.ts');
    await worker.waitForLine(/Intentional failure on attempt 3/);
    // The page says what this shows: the attempt after three failures, out of five.
    await open(await workflowRoute('hello-retry-workflow', 'pending-activities'), '4 / 5');
    await shoot('hello-retry-pending-activity', 'hello-retry');
    await greeting.waitForLine(/Result:/);

    // A tall window holds the whole history; the shots are cut from it.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await open(await workflowRoute('hello-retry-workflow', 'history'), 'Activity Task Started');
    await shoot('hello-retry-input-result', 'hello-retry', { y: 0, height: 470 });
    const header = (await page.locator('tr').first().boundingBox())!;
    await shoot('hello-retry-history', 'hello-retry', { y: header.y - 130, height: 560 });
    // Clicking an event opens its details: the attempt and the failure before it.
    await page.locator('tr', { hasText: 'Activity Task Started' }).first().locator('td').first().click();
    await page.waitForTimeout(1500);
    const started = (await page.getByText('Activity Task Started').first().boundingBox())!;
    await shoot('hello-retry-activity-started', 'hello-retry', { y: started.y - 20, height: 720 });
    await page.setViewportSize({ width: 1280, height: 860 });

    await open(await workflowRoute('hello-retry-workflow', 'workers'), 'Pollers');
    await page.getByRole('button', { name: /Pollers/ }).click();
    await page.waitForTimeout(1000);
    await shoot('hello-retry-workers', 'hello-retry');

    // The workflow retried by its starter's retry policy: three runs under one workflow id.
    const retried = start('hello-retry', 'src/workflow-retry.ts');
    await retried.waitForLine(/Result:/);
    await open(
      `/workflows?query=${encodeURIComponent('WorkflowId="hello-retry-workflow-retried"')}`,
      'hello-retry-workflow-retried',
    );
    await shoot('workflow-retry-runs', 'hello-retry');
    await worker.kill('SIGINT');

    // money-transfer drill 2: a Worker whose deposit fails; the workflow waits, retrying it.
    const buggyWorker = start('money-transfer', 'src/worker.ts', { MONEY_TRANSFER_DEPOSIT_FAILS: '1' });
    await buggyWorker.waitForLine(/Worker polling/);
    const transfer = start('money-transfer', 'src/client.ts', {}, ['--reference', 'drill-2']);
    const transferId = /Started workflow ([^\s:;]+)/.exec(await transfer.waitForLine(/Started workflow/))![1]!;
    await untilSeen(buggyWorker, /The deposit service is down/, 3);
    await open(await workflowRoute(transferId, 'pending-activities'), 'Last Failure');
    await shoot('money-transfer-pending-deposit', 'money-transfer');
    await buggyWorker.kill('SIGINT');
    const fixedWorker = start('money-transfer', 'src/worker.ts');
    await transfer.waitForLine(/Result:/);
    await fixedWorker.kill('SIGINT');

    // heartbeat-resume: the running activity's last heartbeat, as the server recorded it.
    const batchWorker = start('heartbeat-resume', 'src/worker.ts');
    const batch = start('heartbeat-resume', 'src/client.ts');
    await batchWorker.waitForLine(/Processed item 5/);
    await open(await workflowRoute('heartbeat-resume-workflow', 'pending-activities'), 'Heartbeat');
    await shoot('heartbeat-resume-pending-activity', 'heartbeat-resume');
    await batch.waitForLine(/Result:/);
    await batchWorker.kill('SIGINT');

    // The list of every run above, with its columns.
    await open('/workflows', 'hello-retry-workflow');
    await shoot('workflow-list', 'hello-retry');

    manifest.capturedAt = new Date().toISOString();
    writeFileSync(path.join(screenshotsDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`Wrote ${Object.keys(manifest.screenshots).length} screenshots (Web UI ${manifest.uiVersion}).`);
    await connection.close();
    return 0;
  } finally {
    await browser.close();
    await Promise.all(processes.map((started) => started.kill('SIGKILL')));
    // Its database is in the scratch folder: it must be gone first, within 10 s.
    if (server.exitCode === null) {
      const closed = once(server, 'close');
      server.kill('SIGINT');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await closed;
      clearTimeout(timer);
    }
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Until the process has printed `count` lines that match, within 60 s. */
async function untilSeen(started: SampleProcess, pattern: RegExp, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (started.lines.filter((line) => pattern.test(line)).length < count) {
    if (Date.now() > deadline) throw new Error(`${pattern} not printed ${count} times within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

process.exit(await main());
