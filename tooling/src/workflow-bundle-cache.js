/**
 * Loaded by run-sample into the sample's Worker process (`node --import`), so that `pnpm start` does
 * not rebuild the same workflow bundle at every start (webpack: 1-1.5 s and more CPU): the bundle is
 * kept in the sample's node_modules/.cache/run-sample/, under a hash of everything that goes into
 * it (the bundler's options, the sample's src/ and package.json, the SDK's version). The sample's
 * worker.ts stays the plain lesson (it passes `workflowsPath`), and so does `pnpm worker`, which
 * bundles at every start as the SDK does. This wraps the SDK's own bundler class (in
 * @temporalio/worker 1.24.0, pinned); without it, the Worker bundles as usual. Plain JavaScript:
 * Node.js loads it into the Worker's workflow thread too, where tsx does not run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

// What the bundler holds of its options (the SDK's WorkflowCodeBundler).
const inputs = [
  'workflowsPath',
  'payloadConverterPath',
  'failureConverterPath',
  'workflowInterceptorModules',
  'ignoreModules',
  'preloadModules',
  'webpackConfigHook',
  'plugins',
];

const sampleDir = process.cwd();
const requireFromSample = createRequire(path.join(sampleDir, 'package.json'));

/** The cache file for this bundler's bundle. */
function cacheFile(bundler) {
  const { version } = requireFromSample('@temporalio/worker/package.json');
  const options = inputs.map((name) => bundler[name]);
  // A function (the webpack hook) by its source.
  const hash = createHash('sha256').update(version);
  hash.update(JSON.stringify(options, (_, value) => (typeof value === 'function' ? String(value) : value)));
  const sources = readdirSync(path.join(sampleDir, 'src'), { recursive: true }).map((name) => path.join('src', name));
  for (const name of ['package.json', ...sources.sort()]) {
    if (/\.(ts|js|json)$/.test(name)) hash.update(name).update(readFileSync(path.join(sampleDir, name)));
  }
  return path.join(sampleDir, 'node_modules', '.cache', 'run-sample', `${hash.digest('hex').slice(0, 24)}.json`);
}

const { WorkflowCodeBundler } = isMainThread ? requireFromSample('@temporalio/worker/lib/workflow/bundler.js') : {};
const createBundle = WorkflowCodeBundler?.prototype.createBundle;
if (createBundle) {
  WorkflowCodeBundler.prototype.createBundle = async function () {
    const cached = cacheFile(this);
    if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8'));
    const bundle = await createBundle.call(this);
    mkdirSync(path.dirname(cached), { recursive: true });
    // Written whole, then renamed: another start reads all of it or nothing.
    writeFileSync(`${cached}.${process.pid}`, JSON.stringify(bundle));
    renameSync(`${cached}.${process.pid}`, cached);
    return bundle;
  };
}
