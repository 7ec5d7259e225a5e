// The site's content checks: what `pnpm --filter website check` runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { shellBlocksOf } from '@temporal-tutorials/tooling/shell-blocks';
import { loadSnippets } from '@temporal-tutorials/tooling/snippets';
import { describe, expect, it } from 'vitest';
import { embedsOf, loadPages, websiteDir } from './pages';

const pages = loadPages();
const embeds = pages.flatMap(embedsOf);
const repoRoot = path.join(websiteDir, '..');
const samplesDir = path.join(repoRoot, 'samples');
const samples = readdirSync(samplesDir).sort();
const pageNamed = (file: string) => pages.find((page) => page.file === file)!;
const fixturesOf = (sample: string) => {
  const folder = path.join(samplesDir, sample, 'test', 'fixtures');
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')) : [];
};

describe('the pages', () => {
  it('show every snippet the samples mark', () => {
    const shown = new Set(embeds.filter((embed) => embed.kind === 'snippet').map((embed) => embed.id));
    const unused = [...loadSnippets(samplesDir).values()]
      .filter((snippet) => !shown.has(snippet.id))
      .map((snippet) => `${snippet.id} (${snippet.file}:${snippet.lineNumbers[0] - 1})`);
    expect(unused, 'snippets that no page shows').toEqual([]);
  });

  it('show every output the samples capture', () => {
    const shown = new Set(embeds.filter((embed) => embed.kind === 'output').map((embed) => embed.id));
    const captured = readdirSync(samplesDir).flatMap((sample) =>
      readdirSync(path.join(samplesDir, sample, 'output'), { withFileTypes: true })
        .filter((entry) => entry.name.endsWith('.txt'))
        .map((entry) => `${sample}/${entry.name.replace(/\.txt$/, '')}`),
    );
    expect(
      captured.filter((id) => !shown.has(id)),
      'captured output that no page shows',
    ).toEqual([]);
  });

  it('show every history the samples record for their replay tests', () => {
    const shown = new Set(embeds.filter((embed) => embed.kind === 'history').map((embed) => embed.id));
    const recorded = readdirSync(samplesDir).flatMap((sample) =>
      fixturesOf(sample).map((name) => `${sample}/${name.replace(/\.json$/, '')}`),
    );
    expect(
      recorded.filter((id) => !shown.has(id)),
      'recorded histories that no page shows',
    ).toEqual([]);
  });

  it("each show, on every tutorial, a history that the sample's replay test replays", () => {
    const problems = pages
      .filter((page) => page.file.startsWith('docs/tutorials/'))
      .flatMap((page) => {
        const histories = embedsOf(page).filter((embed) => embed.kind === 'history');
        if (!histories.length) return [`${page.file}: no \`\`\`history block`];
        return histories.flatMap(({ id, line }) => {
          const [sample = '', name = ''] = id.split('/');
          const replayTest = path.join(samplesDir, sample, 'test', 'replay.test.ts');
          if (!fixturesOf(sample).includes(`${name}.json`))
            return [`${page.file}:${line}: no fixture samples/${sample}/test/fixtures/${name}.json`];
          // The view is only as current as the replay test that checks its fixture against the code.
          if (!existsSync(replayTest) || !readFileSync(replayTest, 'utf8').includes(`fixtures/${name}.json`))
            return [`${page.file}:${line}: samples/${sample}/test/replay.test.ts does not replay ${name}.json`];
          return [];
        });
      });
    expect(problems, 'tutorials without a replayed history').toEqual([]);
  });

  it('type no code by hand: TypeScript and JavaScript come from the samples', () => {
    const handTyped = pages.flatMap((page) =>
      [...page.text.matchAll(/^```(ts|tsx|typescript|js|jsx|javascript|mjs)\b/gm)].map(
        (match) => `${page.file}:${page.text.slice(0, match.index).split('\n').length}`,
      ),
    );
    expect(handTyped, 'hand-typed code blocks').toEqual([]);
  });
});

describe('the tutorial pages', () => {
  const tutorials = pages.filter((page) => page.file.startsWith('docs/tutorials/'));
  // The words a reader reads: prose, without the front matter and the code, output and diagrams.
  const proseWords = (text: string) =>
    text
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '')
      .split(/\s+/)
      .filter(Boolean).length;

  it('open with what you build, what you need and about how long it takes', () => {
    const missing = tutorials
      .filter((page) => {
        const opening = page.text.split(/^## /m)[0];
        return !['**You build:**', '**You need:**', '**Time:**'].every((label) => opening.includes(label));
      })
      .map((page) => page.file);
    expect(missing, 'tutorials without the opening lines').toEqual([]);
  });

  it('read in about 10 minutes at most, and promise no less time than the reading takes', () => {
    // 200 words a minute: a careful reader of technical prose.
    const problems = tutorials.flatMap((page) => {
      const reading = Math.ceil(proseWords(page.text) / 200);
      const promised = Number(/\*\*Time:\*\* about (\d+) minutes/.exec(page.text)?.[1]);
      if (reading > 10) return [`${page.file}: ${reading} minutes to read`];
      if (!(promised >= reading)) return [`${page.file}: says ${promised} minutes, reads in ${reading}`];
      return [];
    });
    expect(problems).toEqual([]);
  });
});

describe('the shell blocks', () => {
  it('each name the folder they run in, or say why they are not run (`pnpm test:pages` runs them)', () => {
    const blocks = pages.flatMap((page) => shellBlocksOf(`website/${page.file}`, page.text));
    const notRun = blocks.filter((block) => block.norun);
    expect(notRun.map((block) => `${block.page}:${block.line}: ${block.norun}`)).toEqual([
      'website/docs/concepts/cluster.md:16: builds the Temporal Server with Go the first time (minutes) and runs until Ctrl+C: pnpm test:cluster runs it',
      'website/docs/concepts/cluster.md:36: needs pnpm cluster running in another terminal',
      'website/docs/concepts/cluster.md:140: needs your Temporal Cloud namespace and API key',
      'website/docs/concepts/cluster.md:158: needs your Temporal Cloud namespace and API key',
      "website/docs/setup.md:12: the Quick start's first line: .ci/run runs it on a fresh clone of the repository",
      'website/docs/setup.md:95: needs your Temporal Cloud namespace and API key',
    ]);
  });
});

describe('the Windows forms', () => {
  it('are ```powershell tabs right after the ```sh tab the runner runs', () => {
    const countOf = (pattern: RegExp) => pages.flatMap((page) => [...page.text.matchAll(pattern)]).length;
    const powershell = countOf(/^ *```powershell/gm);
    const besideShell = countOf(
      /^( *)```sh[^\n]*tab="[^"]+"[^\n]*\n[\s\S]*?^\1```\n\n\1```powershell[^\n]*tab="[^"]+"/gm,
    );
    expect(powershell).toBeGreaterThanOrEqual(2);
    expect(besideShell, '```powershell blocks that are not a tab beside a ```sh tab').toBe(powershell);
  });
});

describe('claims about the SDK', () => {
  it('never describe maximumAttempts 0 as unlimited (the TypeScript SDK rejects 0)', () => {
    const sources = readdirSync(samplesDir).flatMap((sample) =>
      readdirSync(path.join(samplesDir, sample, 'src'))
        .filter((name) => name.endsWith('.ts'))
        .map((name) => {
          const file = path.join(samplesDir, sample, 'src', name);
          return { file: path.relative(websiteDir, file), text: readFileSync(file, 'utf8') };
        }),
    );
    const zeroIsUnlimited = /\b0\b[^\n.;]{0,20}(=|means?|meaning|is)[^\n.;]{0,10}unlimited/i;
    const wrong = [...pages, ...sources].flatMap(({ file, text }) =>
      text
        .split('\n')
        .map((line, index) => ({ line, number: index + 1 }))
        .filter(({ line }) => zeroIsUnlimited.test(line))
        .map(({ number }) => `${file}:${number}`),
    );
    expect(wrong, 'places that say maximumAttempts 0 means unlimited').toEqual([]);
  });
});

// Facts about the repository, taken from the repository, so that the prose cannot drift from it.
describe('facts about the project', () => {
  const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const home = pageNamed('docs/index.md');
  const conceptPages = pages.filter((page) => page.file.startsWith('docs/concepts/'));

  it('the home page counts the samples and the concept pages there are', () => {
    const counted = (noun: string) => {
      const word = new RegExp(`\\b(\\w+) ${noun}`, 'i').exec(home.text)?.[1]?.toLowerCase() ?? 'none';
      return numberWords.indexOf(word);
    };
    expect(counted('small programs'), 'the samples in samples/').toBe(samples.length);
    expect(counted('concept pages'), 'the pages in docs/concepts/').toBe(conceptPages.length);
  });

  it('the home page links every concept page and, for every sample, a page that shows its code', () => {
    const linked = (page: { file: string }) => home.text.includes(`](${page.file.replace(/^docs\//, '')})`);
    expect(conceptPages.filter((page) => !linked(page)).map((page) => page.file)).toEqual([]);
    const snippets = [...loadSnippets(samplesDir).values()];
    const unlinked = samples.filter((sample) => {
      const ids = new Set(snippets.filter((snippet) => snippet.file.startsWith(`samples/${sample}/`)).map((s) => s.id));
      const showing = pages.filter((page) => embedsOf(page).some((embed) => ids.has(embed.id)));
      return showing.length === 0 || !showing.some(linked);
    });
    expect(unlinked, 'samples whose page the home page does not link').toEqual([]);
  });

  it("the README's table lists every sample", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| \[`samples\/([\w-]+)`\]\(samples\/\1\)/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual(samples);
  });

  it('the bank is described as the SQLite database it is', () => {
    const bank = readFileSync(path.join(samplesDir, 'money-transfer', 'src', 'bank.ts'), 'utf8');
    expect(bank, 'money-transfer/src/bank.ts').toMatch(/from 'better-sqlite3'/);
    for (const file of ['docs/how-fast.md', 'docs/tutorials/money-transfer-safety.md'])
      expect(pageNamed(file).text, file).toMatch(/\bbank\b[\s\S]{0,200}\bSQLite\b/i);
    const jsonBank = pages.filter((page) => /\bbank\b[^.]*\bJSON file\b/i.test(page.text)).map((page) => page.file);
    expect(jsonBank, 'pages that call the bank a JSON file').toEqual([]);
  });

  it("the workflow ids the screenshots' descriptions name are the samples' own", () => {
    const shared = samples.map((sample) => readFileSync(path.join(samplesDir, sample, 'src', 'shared.ts'), 'utf8'));
    const named = pages.flatMap((page) =>
      [...page.text.matchAll(/!\[([^\]]*)\]\(\/img\/web-ui\//g)].flatMap(
        (match) => match[1].match(/[\w-]+-workflow[\w-]*/g) ?? [],
      ),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !shared.some((text) => text.includes(`'${id}'`)))).toEqual([]);
  });

  it("drill 2's screenshot is taken of the workflow the drill starts", () => {
    const capture = readFileSync(path.join(repoRoot, 'tooling', 'src', 'screenshots.ts'), 'utf8');
    const reference = /start\('money-transfer', 'src\/client\.ts', \{\}, \['--reference', '([^']+)'\]/.exec(
      capture,
    )?.[1];
    const drill2 = /### 2\. [\s\S]*?(?=\n### )/.exec(pageNamed('docs/tutorials/money-transfer.md').text)?.[0] ?? '';
    expect(drill2).toContain('money-transfer-pending-deposit.jpg');
    expect(drill2).toContain(`pnpm workflow --reference ${reference}\n`);
  });
});
