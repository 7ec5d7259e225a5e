// The Web UI screenshots on the pages (`pnpm screenshots capture` takes them): each one a page shows
// is in the manifest, has alt text, stays under 200 KB, and was taken after the last change to the
// code of the sample it shows.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPages, websiteDir } from './pages';

interface Manifest {
  uiVersion: string;
  screenshots: Record<string, { sample: string; capturedAt: string }>;
}

const imagesDir = path.join(websiteDir, 'static', 'img', 'web-ui');
const repoRoot = path.join(websiteDir, '..');
const manifest = JSON.parse(readFileSync(path.join(imagesDir, 'manifest.json'), 'utf8')) as Manifest;
const recapture = 'run `pnpm screenshots capture` and commit the result';

const references = loadPages().flatMap((page) =>
  [...page.text.matchAll(/!\[([^\]]*)\]\(\/img\/web-ui\/([^)\s]+)\)/g)].map((match) => ({
    where: `${page.file}:${page.text.slice(0, match.index).split('\n').length}`,
    alt: match[1].trim(),
    name: match[2],
  })),
);

/** When the sample's code last changed: its last commit's author date, or now if src/ has uncommitted changes. */
function codeChangedAt(sample: string): Date {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  const src = path.join('samples', sample, 'src');
  if (git('rev-parse', '--is-shallow-repository') === 'true')
    throw new Error('A shallow clone has no history of the samples: run `git fetch --unshallow` first.');
  if (git('status', '--porcelain', '--', src)) return new Date();
  return new Date(git('log', '-1', '--format=%aI', '--', src));
}

describe('the Web UI screenshots', () => {
  it('appear on the pages, at least six of them', () => {
    expect(new Set(references.map(({ name }) => name)).size).toBeGreaterThanOrEqual(6);
  });

  it.each(references.map((reference) => [`${reference.name} (${reference.where})`, reference] as const))(
    '%s is in the manifest, described, small and newer than its sample',
    (_, { where, alt, name }) => {
      expect(alt.length, `${where}: ${name} needs alt text`).toBeGreaterThan(10);
      const entry = manifest.screenshots[name];
      expect(entry, `${where}: ${name} is not in the screenshots' manifest; ${recapture}`).toBeDefined();
      const file = path.join(imagesDir, name);
      expect(existsSync(file), `${where}: ${name} is missing; ${recapture}`).toBe(true);
      expect(statSync(file).size, `${name} is over 200 KB`).toBeLessThanOrEqual(200 * 1024);
      const changed = codeChangedAt(entry.sample);
      expect(
        new Date(entry.capturedAt).getTime(),
        `${name} (${entry.capturedAt}) is older than samples/${entry.sample}/src (${changed.toISOString()}); ${recapture}`,
      ).toBeGreaterThanOrEqual(changed.getTime());
    },
  );

  it('are named with the Web UI version they were taken from', () => {
    const walkthrough = loadPages().find((page) => page.file.endsWith('web-ui.md'));
    expect(walkthrough?.text.replace(/\s+/g, ' ')).toContain(`Web UI ${manifest.uiVersion}`);
  });
});
