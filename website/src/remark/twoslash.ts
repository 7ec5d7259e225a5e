/**
 * Type information on the embedded TypeScript snippets: hover a name and a card shows its type and
 * the SDK's documentation, as an editor would. The cards are computed at build time
 * (type-cards.mts, in a worker thread), kept between builds, and put into the page's code block
 * here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { loadSnippets, type RenderedSnippet, type Snippet } from '@temporal-tutorials/tooling/snippets';
import type { TypeCardsReply, TypeCardsRequest } from './type-cards.mjs';

// Shiki writes `class` (a string) where hast usually has `className`.
const classOf = (element: Element) => String(element.properties.class ?? element.properties.className ?? '');

/** Removes `count` leading characters (the snippet's dedent, all spaces) from a line's text. */
function dropLeading(nodes: ElementContent[], count: number): number {
  for (const node of nodes) {
    if (count <= 0) break;
    if (node.type === 'text') {
      const removed = Math.min(count, node.value.length);
      node.value = node.value.slice(removed);
      count -= removed;
    } else if (node.type === 'element') {
      if (classOf(node).includes('twoslash-popup')) continue;
      count = dropLeading(node.children, count);
    }
  }
  return count;
}

/**
 * Everything a file's type cards depend on: the samples' TypeScript files and tsconfigs, the
 * installed packages (the lockfile) and the code that draws them. Same inputs, same cards: a build
 * reuses the cards an earlier build computed (in node_modules/.cache) and needs no compiler at all.
 */
function inputsDigest(repoRoot: string): string {
  const files = [
    path.join(repoRoot, 'pnpm-lock.yaml'),
    path.join(repoRoot, 'tsconfig.base.json'),
    path.join(repoRoot, 'website', 'src', 'remark', 'type-cards.mts'),
    ...sampleSources(path.join(repoRoot, 'samples')).sort(),
  ];
  // Asked for by every code block: the files are read again only when one has changed.
  const signature = files.map((file) => `${file}@${statSync(file).mtimeMs}`).join('\n');
  if (state.inputs?.signature !== signature) {
    const hash = createHash('sha256');
    for (const file of files) hash.update(`${path.relative(repoRoot, file)}\0${readFileSync(file, 'utf8')}\0`);
    state.inputs = { signature, digest: hash.digest('hex').slice(0, 16) };
  }
  return state.inputs.digest;
}

/** The samples' TypeScript files and tsconfigs (not their installed packages). */
function sampleSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sampleSources(entryPath);
    return entry.name.endsWith('.ts') || entry.name === 'tsconfig.json' ? [entryPath] : [];
  });
}

const typeCardsKey = Symbol.for('temporal-tutorials.type-cards');

interface TypeCardsState {
  /** The worker that computes cards, started on the first card no build has kept. */
  worker?: { thread: Worker; waiting: Map<number, (reply: TypeCardsReply) => void> };
  lastId: number;
  /** The last digest of the cards' inputs, and the files' modification times it was made from. */
  inputs?: { signature: string; digest: string };
  /** Each file's cards: asked for once per build and inputs, kept on disk between builds. */
  cards: Map<string, Promise<HastRoot>>;
}

// Docusaurus loads the site's config, and so this module, afresh more than once per build: one
// worker and one set of cards per process, whichever copy asks.
const processWide = globalThis as { [typeCardsKey]?: TypeCardsState };
const state: TypeCardsState = (processWide[typeCardsKey] ??= { lastId: 0, cards: new Map() });

function compute(request: Omit<TypeCardsRequest, 'id'>): Promise<HastRoot> {
  if (!state.worker) {
    const thread = new Worker(path.join(request.repoRoot, 'website', 'src', 'remark', 'type-cards-worker.mjs'));
    const waiting = new Map<number, (reply: TypeCardsReply) => void>();
    thread.on('message', (reply: TypeCardsReply) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
      // An idle worker does not keep the build (or a test) from ending.
      if (!waiting.size) thread.unref();
    });
    thread.on('error', (error) => {
      for (const [id, settle] of waiting) settle({ id, error: `the type cards' worker failed: ${error.message}` });
      waiting.clear();
      state.worker = undefined;
    });
    state.worker = { thread, waiting };
  }
  const { thread, waiting } = state.worker;
  const id = ++state.lastId;
  thread.ref();
  return new Promise((resolve, reject) => {
    waiting.set(id, (reply) => ('root' in reply ? resolve(reply.root) : reject(new Error(reply.error))));
    thread.postMessage({ ...request, id } satisfies TypeCardsRequest);
  });
}

function typeCards(repoRoot: string, file: string, hoverLines: number[], snippetFiles: string[]): Promise<HastRoot> {
  const digest = inputsDigest(repoRoot);
  const key = createHash('sha256')
    .update(`${digest}\0${file}\0${hoverLines.join(',')}`)
    .digest('hex');
  let promise = state.cards.get(key);
  if (!promise) {
    const cacheDir = path.join(repoRoot, 'website', 'node_modules', '.cache', 'twoslash');
    const cacheFile = path.join(cacheDir, `${digest}-${key.slice(0, 16)}.json`);
    promise = existsSync(cacheFile)
      ? Promise.resolve(JSON.parse(readFileSync(cacheFile, 'utf8')) as HastRoot)
      : compute({ repoRoot, file, hoverLines, snippetFiles }).then((root) => {
          // Cards of other inputs are stale: only the current ones are kept.
          mkdirSync(cacheDir, { recursive: true });
          for (const name of readdirSync(cacheDir)) {
            if (!name.startsWith(`${digest}-`)) rmSync(path.join(cacheDir, name), { force: true });
          }
          writeFileSync(cacheFile, JSON.stringify(root));
          return root;
        });
    // A failed compile is asked again next time (the dev server rebuilds a page after a fix).
    promise.catch(() => state.cards.delete(key));
    state.cards.set(key, promise);
  }
  return promise;
}

/** What the cards of a file cover: the lines that any snippet of it shows. */
function hoverLinesOf(snippets: Map<string, Snippet>, file: string): number[] {
  return [...snippets.values()]
    .filter((snippet) => snippet.file === file)
    .flatMap(({ lineNumbers }) => lineNumbers)
    .sort((a, b) => a - b);
}

const snippetFilesOf = (snippets: Map<string, Snippet>) => [
  ...new Set([...snippets.values()].map(({ file }) => file).filter((file) => file.endsWith('.ts'))),
];

/**
 * Starts computing every TypeScript snippet's cards that no earlier build kept, so that the
 * compiler reads the SDK's types while the site's build does everything else. The site's config
 * calls it; the pages then wait for the cards they show.
 */
export function startTypeCards(repoRoot: string): void {
  const snippets = loadSnippets(path.join(repoRoot, 'samples'));
  const snippetFiles = snippetFilesOf(snippets);
  for (const file of snippetFiles) {
    // Errors are the page's to report, when it waits for its cards.
    typeCards(repoRoot, file, hoverLinesOf(snippets, file), snippetFiles).catch(() => {});
  }
}

/**
 * The snippet as a Shiki code block with hover cards, in light and dark colours: a `pre` whose
 * lines are the file's lines the snippet shows. Every line any snippet of the file shows gets hover
 * cards; the rest of the file is context.
 */
export async function twoslashBlock(
  repoRoot: string,
  snippets: Map<string, Snippet>,
  snippet: Snippet,
  rendered: RenderedSnippet,
  shownLines: number[],
): Promise<Element> {
  const root = await typeCards(repoRoot, snippet.file, hoverLinesOf(snippets, snippet.file), snippetFilesOf(snippets));
  const source = readFileSync(path.join(repoRoot, rendered.file), 'utf8');
  const fileLines = source.split('\n');
  const pre = structuredClone(root.children[0] as Element);
  const code = pre.children[0] as Element;
  const lines = code.children.filter((node): node is Element => node.type === 'element');
  if (lines.length !== fileLines.length) {
    throw new Error(`${rendered.file}: Shiki returned ${lines.length} lines for ${fileLines.length}`);
  }
  const renderedLines = rendered.code.split('\n');
  const shown = shownLines.map((line, index) => {
    const element = lines[line - 1];
    dropLeading(element.children, fileLines[line - 1].length - renderedLines[index].length);
    if (rendered.highlightLines.includes(index + 1)) {
      element.properties.class = `${classOf(element)} theme-code-block-highlighted-line`;
    }
    return element;
  });
  code.children = shown.flatMap((line, index) => (index ? [{ type: 'text', value: '\n' } as const, line] : [line]));
  return pre;
}
