/** Whole-repository commands, timed from spawn to exit: the test suite (cold and warm) and the site build. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';
import type { SectionResult, Status, TimingRow } from './results';
import { errorLine, firstLine, timeCommand, type BenchContext } from './support';

interface Outcome {
  samples: number[];
  status: Status;
  reason?: string;
  notes: string[];
}

/** Turbo's summary, e.g. "3 cached, 12 total; ran hello-retry#test, website#build". */
function turboSummary(output: string): string | undefined {
  // Turbo colours its output; the escape codes are not part of the text.
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const cached = /Cached:\s+(\d+ cached, \d+ total)/.exec(plain)?.[1];
  if (!cached) return undefined;
  const ran = [...plain.matchAll(/^(\S+):([\w-]+): cache (?:miss|bypass)/gm)].map(([, pkg, task]) => `${pkg}#${task}`);
  return ran.length > 0 && !cached.startsWith('0 cached') ? `${cached}; ran ${[...new Set(ran)].join(', ')}` : cached;
}

async function repeatCommand(
  context: BenchContext,
  label: string,
  reps: number,
  args: string[],
  summarize: (output: string) => string | undefined,
  beforeEach?: () => void,
): Promise<Outcome> {
  const outcome: Outcome = { samples: [], status: 'ok', notes: [] };
  for (let rep = 1; rep <= reps; rep++) {
    beforeEach?.();
    const logFile = path.join(context.scratch, `${label.replace(/\W+/g, '-')}-${rep}.log`);
    try {
      const run = await timeCommand('pnpm', args, {
        cwd: repoRoot,
        env: { ...process.env, TURBO_NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0' },
        logFile,
        timeoutMs: 15 * 60_000,
      });
      outcome.samples.push(run.seconds);
      const summary = summarize(run.output);
      if (summary) outcome.notes.push(summary);
      context.progress(`${label}: ${rep}/${reps} took ${run.seconds.toFixed(1)} s (exit ${run.exitCode})`);
      if (run.exitCode !== 0) {
        outcome.status = 'failed';
        outcome.reason = `exit ${run.exitCode}: ${errorLine(run.output).slice(0, 300)}`;
        break;
      }
    } catch (error) {
      outcome.status = 'failed';
      outcome.reason = firstLine(error);
      break;
    }
  }
  return outcome;
}

function row(section: string, name: string, outcome: Outcome, notes: string): TimingRow {
  const distinct = [...new Set(outcome.notes)];
  return {
    section,
    name,
    samples: outcome.samples,
    notes: [notes, ...distinct.map((summary) => `turbo: ${summary}`)].filter(Boolean).join('; '),
    status: outcome.status,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
  };
}

export async function benchTestSuite(context: BenchContext): Promise<SectionResult> {
  const section = 'test-suite';
  // Cold: --force makes turbo run every task and read nothing from its cache (it still writes it).
  const cold = await repeatCommand(context, 'pnpm test, cold', context.reps(1), ['test', '--force'], turboSummary);
  const timings = [row(section, '`pnpm test`, cold (turbo --force: no cache)', cold, 'every package, every task run')];
  if (cold.status !== 'ok') {
    timings.push({
      section,
      name: '`pnpm test`, warm (turbo cache)',
      samples: [],
      notes: '',
      status: 'skipped',
      reason: 'the cold run failed, so its results are not cached',
    });
    return { timings };
  }
  const warm = await repeatCommand(context, 'pnpm test, warm', context.reps(2), ['test'], turboSummary);
  timings.push(row(section, '`pnpm test`, warm (turbo cache)', warm, 'right after the cold run'));
  return { timings };
}

export async function benchSiteBuild(context: BenchContext): Promise<SectionResult> {
  const section = 'site-build';
  const name = 'Site build (`pnpm --filter website build`)';
  const manifest = path.join(repoRoot, 'website', 'package.json');
  const scripts = existsSync(manifest)
    ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {})
    : {};
  if (!scripts.build) {
    return {
      timings: [
        { section, name, samples: [], notes: '', status: 'not available', reason: 'website has no build script' },
      ],
    };
  }
  const cache = scripts.build.includes('DOCUSAURUS_NO_PERSISTENT_CACHE=true') ? 'Docusaurus cache off' : '';
  // The snippets' type cards (website/src/remark/twoslash.ts) are kept between builds: cold
  // computes them all, warm is a build after a change to the pages but not to the samples.
  const typeCards = path.join(repoRoot, 'website', 'node_modules', '.cache', 'twoslash');
  const cold = await repeatCommand(
    context,
    'site build, cold',
    context.reps(1),
    ['--filter', 'website', 'build'],
    () => undefined,
    () => rmSync(typeCards, { recursive: true, force: true }),
  );
  const warm = await repeatCommand(
    context,
    'site build, warm',
    context.reps(1),
    ['--filter', 'website', 'build'],
    () => undefined,
  );
  const notes = (what: string) => ['Docusaurus production build', cache, what].filter(Boolean).join(', ');
  return {
    timings: [
      row(section, name, cold, notes('type cards computed (cold)')),
      row(section, `${name}, samples unchanged`, warm, notes('type cards from the last build')),
    ],
  };
}
