/**
 * Type information on the embedded TypeScript snippets, computed at build time (Twoslash): the
 * snippet's whole file is compiled in place, with its sample's tsconfig, its relative imports and
 * the `@temporalio/*` types the sample installs, and the page shows the snippet's lines with a
 * hover card on every identifier. A type error anywhere in the file fails the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { RenderedSnippet } from '@temporal-tutorials/tooling/snippets';

// The high-contrast GitHub themes: every token reads at WCAG AA, highlighted lines included.
const themes = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

type Highlight = (code: string, file: string, hoverLines: Set<number>) => HastRoot;

let highlighter: Promise<Highlight> | undefined;

/**
 * One highlighter and one TypeScript language service for every sample: the file is compiled at
 * its real path (`// @filename:`), so imports resolve from the sample's folder.
 */
function createHighlight(repoRoot: string): Promise<Highlight> {
  highlighter ??= (async () => {
    const [{ createHighlighter }, { createTransformerFactory, rendererRich }, { createTwoslasher }, ts] =
      await Promise.all([import('shiki'), import('@shikijs/twoslash/core'), import('twoslash'), import('typescript')]);
    const shiki = await createHighlighter({ themes: Object.values(themes), langs: ['ts'] });
    const configs = new Map<string, import('typescript').CompilerOptions>();
    const compilerOptions = (sampleDir: string) => {
      if (!configs.has(sampleDir)) {
        const configFile = path.join(sampleDir, 'tsconfig.json');
        const read = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
        if (read.error) {
          throw new Error(`${configFile}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
        }
        const { options } = ts.parseJsonConfigFileContent(read.config as object, ts.sys, sampleDir);
        delete options.configFilePath;
        configs.set(sampleDir, options);
      }
      return configs.get(sampleDir)!;
    };
    // The files a snippet's file can import: its sample's src and its own folder (say, a test's
    // variant of a workflow), by repository path. No tests: they would pull vitest's types in.
    const neighbours = (file: string): Record<string, string> =>
      Object.fromEntries(
        [
          ...new Set([
            path.join(repoRoot, file.split('/').slice(0, 2).join('/'), 'src'),
            path.join(repoRoot, path.dirname(file)),
          ]),
        ]
          .flatMap((folder) => readdirSync(folder).map((name) => path.join(folder, name)))
          .filter((neighbour) => neighbour.endsWith('.ts') && !neighbour.endsWith('.test.ts'))
          .map((neighbour) => [
            path.relative(repoRoot, neighbour).split(path.sep).join('/'),
            readFileSync(neighbour, 'utf8'),
          ]),
      );
    const twoslasher = createTwoslasher({ vfsRoot: repoRoot, tsModule: ts.default ?? ts });
    const transformerFactory = createTransformerFactory(twoslasher, rendererRich());
    return (code, file, hoverLines) => {
      const prefix = `// @filename: ${file}\n`;
      const sampleDir = path.join(repoRoot, file.split('/').slice(0, 2).join('/'));
      return shiki.codeToHast(prefix + code, {
        lang: 'ts',
        themes,
        defaultColor: false,
        transformers: [
          transformerFactory({
            explicitTrigger: false,
            throws: true,
            twoslashOptions: {
              compilerOptions: compilerOptions(sampleDir),
              // The language service reads only node_modules from disk: the rest goes in by hand.
              extraFiles: neighbours(file),
              // Hover cards only where the page shows the code: the rest of the file is context.
              shouldGetHoverInfo: (_identifier, start) =>
                hoverLines.has(code.slice(0, start - prefix.length).split('\n').length),
            },
          }),
          {
            code(node) {
              this.addClassToHast(node, 'twoslash-code');
            },
          },
        ],
      });
    };
  })();
  return highlighter;
}

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

/** Each file compiled once per build (and again when it changes), whatever number of snippets it has. */
const compiled = new Map<string, { source: string; root: HastRoot }>();

/**
 * The snippet as a Shiki code block with Twoslash hovers, in light and dark colours: a `pre`
 * whose lines are the file's lines the snippet shows. `snippetLines` are the file's lines that any
 * snippet shows: they get hover cards, the rest of the file is context.
 */
export async function twoslashBlock(
  repoRoot: string,
  rendered: RenderedSnippet,
  shownLines: number[],
  snippetLines: Set<number>,
): Promise<Element> {
  const highlight = await createHighlight(repoRoot);
  const source = readFileSync(path.join(repoRoot, rendered.file), 'utf8');
  const fileLines = source.split('\n');
  let entry = compiled.get(rendered.file);
  if (entry?.source !== source) {
    try {
      entry = { source, root: highlight(source, rendered.file, snippetLines) };
    } catch (error) {
      throw new Error(
        `${rendered.file}: Twoslash cannot compile it: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    compiled.set(rendered.file, entry);
  }
  const pre = structuredClone(entry.root.children[0] as Element);
  const code = pre.children[0] as Element;
  const lines = code.children.filter((node): node is Element => node.type === 'element');
  lines.shift(); // the `// @filename:` line, which Twoslash keeps
  if (lines.length !== fileLines.length) {
    throw new Error(`${rendered.file}: Twoslash returned ${lines.length} lines for ${fileLines.length}`);
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
