import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort, startSampleProcess } from '../src/processes';

const runSample = fileURLToPath(new URL('../src/run-sample.ts', import.meta.url));
const helloRetry = new URL('../../samples/hello-retry/', import.meta.url);

describe("run-sample (a sample's `pnpm start`)", () => {
  it('fails, naming the address, when the address the user configured does not answer', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const run = startSampleProcess(helloRetry, runSample, { TEMPORAL_ADDRESS: address });
    const [exitCode] = (await once(run.child, 'exit')) as [number | null];

    expect(exitCode).toBe(1);
    const output = run.lines.join('\n');
    expect(output).toContain(`No Temporal server answered at ${address}`);
    expect(output).toContain('pnpm dev-server');
    // It must not fall back to starting a server of its own at another address.
    expect(output).not.toContain('starting a local dev server');
  });
});

describe("run-sample's workflow bundle cache (the Worker's --import)", () => {
  const preload = new URL('../src/workflow-bundle-cache.js', import.meta.url).href;
  // What the Worker does at Worker.create, in a process of its own with the cache loaded.
  const bundleIn = async (dir: string) => {
    const script = `import { bundleWorkflowCode } from '@temporalio/worker';
      const { code } = await bundleWorkflowCode({ workflowsPath: ${JSON.stringify(path.join(dir, 'src/workflows.ts'))} });
      console.log(JSON.stringify(code.slice(0, 40)));`;
    const args = ['--import', preload, '--input-type=module', '--eval', script];
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: dir, timeout: 120_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as string;
  };

  it('serves the same sources from the cache, and bundles again when they change', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bundle-cache-'));
    try {
      const sample = fileURLToPath(new URL('../../samples/hello-activity/', import.meta.url));
      await cp(path.join(sample, 'src'), path.join(dir, 'src'), { recursive: true });
      await cp(path.join(sample, 'package.json'), path.join(dir, 'package.json'));
      // The sample's packages, and a cache folder of its own.
      await mkdir(path.join(dir, 'node_modules'));
      for (const name of await readdir(path.join(sample, 'node_modules')))
        if (name !== '.cache')
          await symlink(path.join(sample, 'node_modules', name), path.join(dir, 'node_modules', name));
      const fresh = await bundleIn(dir);
      const cacheDir = path.join(dir, 'node_modules', '.cache', 'run-sample');
      const [file, ...more] = await readdir(cacheDir);
      expect(more).toEqual([]);
      // A bundle no bundler makes: seen again only if read from the cache.
      const marked = JSON.stringify({
        ...JSON.parse(await readFile(path.join(cacheDir, file!), 'utf8')),
        code: 'from the cache',
      });
      await writeFile(path.join(cacheDir, file!), marked);
      expect(await bundleIn(dir)).toBe('from the cache');
      await appendFile(path.join(dir, 'src', 'workflows.ts'), '\n// changed\n');
      expect(await bundleIn(dir)).toBe(fresh);
      expect(await readdir(cacheDir)).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
