/**
 * Type information on the embedded TypeScript snippets, computed at build time: the samples' snippet
 * files are compiled by a TypeScript language service with their sample's tsconfig and their real
 * imports, and Shiki (with @shikijs/twoslash's renderer) draws the snippet's lines with a hover card
 * on every identifier. A type error anywhere in a snippet's file fails the build.
 *
 * The SDK's types are 14 MB of declarations: one language service reads and checks them once per
 * build (Twoslash's own compiler starts over for each code block), and a build whose inputs have
 * not changed reuses the cards from the last one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { TwoslashShikiReturn } from '@shikijs/twoslash/core';
import type { RenderedSnippet, Snippet } from '@temporal-tutorials/tooling/snippets';
import type * as TypeScript from 'typescript';

// The high-contrast GitHub themes: every token reads at WCAG AA, highlighted lines included.
const themes = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

type Hovers = TwoslashShikiReturn['nodes'];

interface Tools {
  ts: typeof TypeScript;
  highlight: (code: string, hovers: Hovers) => HastRoot;
  /**
   * The language service that compiles a repository file: one per set of compiler options (the
   * samples share theirs), with every snippet file as a root. Each call starts a new compile, in
   * which files are read afresh (the dev server rebuilds pages on edits).
   */
  serviceFor: (file: string, snippetFiles: string[]) => TypeScript.LanguageService;
}

let tools: Promise<Tools> | undefined;

function loadTools(repoRoot: string): Promise<Tools> {
  tools ??= (async () => {
    const [{ createHighlighter }, { createTransformerFactory, rendererRich }, tsModule, markdown] = await Promise.all([
      import('shiki'),
      import('@shikijs/twoslash/core'),
      import('typescript'),
      markdownRenderer(),
    ]);
    const ts = (tsModule as { default?: typeof TypeScript }).default ?? tsModule;
    const shiki = await createHighlighter({ themes: Object.values(themes), langs: ['ts'] });
    const renderer = rendererRich({ renderMarkdown: markdown, renderMarkdownInline: markdown });
    const highlight = (code: string, hovers: Hovers) =>
      shiki.codeToHast(code, {
        lang: 'ts',
        themes,
        defaultColor: false,
        transformers: [
          createTransformerFactory(() => ({ code, nodes: hovers }), renderer)({ explicitTrigger: false }),
          {
            code(node) {
              this.addClassToHast(node, 'twoslash-code');
            },
          },
        ],
      });

    // The language service asks every file's version before each answer: one stat per file and
    // compile (installed packages: one per build) keeps a thousand hovers from costing seconds.
    const versions = new Map<string, string>();
    const scriptVersion = (file: string) => {
      let version = versions.get(file);
      if (version === undefined) {
        version = String(ts.sys.getModifiedTime?.(file)?.getTime() ?? 0);
        versions.set(file, version);
      }
      return version;
    };
    const configs = new Map<string, TypeScript.CompilerOptions>();
    const compilerOptions = (file: string) => {
      const sampleDir = path.join(repoRoot, file.split('/').slice(0, 2).join('/'));
      const cached = configs.get(sampleDir);
      if (cached) return cached;
      const configFile = path.join(sampleDir, 'tsconfig.json');
      const read = ts.readConfigFile(configFile, (name) => ts.sys.readFile(name));
      if (read.error) {
        throw new Error(`${configFile}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
      }
      const { options } = ts.parseJsonConfigFileContent(read.config as object, ts.sys, sampleDir);
      delete options.configFilePath;
      configs.set(sampleDir, options);
      return options;
    };
    const registry = ts.createDocumentRegistry();
    const services = new Map<string, { service: TypeScript.LanguageService; roots: Set<string> }>();
    const projectOf = (options: TypeScript.CompilerOptions) => {
      const key = JSON.stringify(options);
      let project = services.get(key);
      if (!project) {
        const roots = new Set<string>();
        const host: TypeScript.LanguageServiceHost = {
          getCompilationSettings: () => options,
          getScriptFileNames: () => [...roots],
          getScriptVersion: scriptVersion,
          getScriptSnapshot: (name) => {
            const text = ts.sys.readFile(name);
            return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
          },
          getCurrentDirectory: () => repoRoot,
          getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
          fileExists: (name) => ts.sys.fileExists(name),
          readFile: (name) => ts.sys.readFile(name),
          readDirectory: (...args) => ts.sys.readDirectory(...args),
          directoryExists: (folder) => ts.sys.directoryExists(folder),
          getDirectories: (folder) => ts.sys.getDirectories(folder),
          realpath: (name) => ts.sys.realpath?.(name) ?? name,
        };
        project = { service: ts.createLanguageService(host, registry), roots };
        services.set(key, project);
      }
      return project;
    };
    const serviceFor = (file: string, snippetFiles: string[]) => {
      for (const name of versions.keys()) if (!name.includes('/node_modules/')) versions.delete(name);
      // All roots at once: a root added later would start the type checking over.
      for (const snippetFile of snippetFiles.filter((name) => name.endsWith('.ts'))) {
        projectOf(compilerOptions(snippetFile)).roots.add(path.join(repoRoot, snippetFile));
      }
      return projectOf(compilerOptions(file)).service;
    };
    return { ts, highlight, serviceFor };
  })();
  return tools;
}

/** JSDoc is Markdown: the hover cards show it as such (code, lists, links), not as raw text. */
async function markdownRenderer() {
  const [{ fromMarkdown }, { toHast }] = await Promise.all([
    import('mdast-util-from-markdown'),
    import('mdast-util-to-hast'),
  ]);
  return (text: string): ElementContent[] => {
    const root = toHast(fromMarkdown(text));
    return root.type === 'root' ? (root.children as ElementContent[]) : [root as ElementContent];
  };
}

/**
 * TypeScript's documentation parts as Markdown: `{@link Name}` becomes `Name` in code (or the
 * link's own text), `{@link https://... text}` a Markdown link.
 */
function documentation(parts: TypeScript.SymbolDisplayPart[] | undefined): string {
  let text = '';
  let link: { name?: string; label?: string } | undefined;
  for (const part of parts ?? []) {
    if (part.kind === 'link' && part.text.startsWith('{@')) link = {};
    else if (link && part.kind === 'linkName') link.name = part.text;
    else if (link && part.kind === 'linkText') link.label = part.text.trim();
    else if (link && part.kind === 'link') {
      const [address = '', ...words] = (link.label ?? '').split(/\s+/);
      if (link.name) text += link.label || `\`${link.name}\``;
      else if (/^https?:\/\//.test(address)) text += `[${words.join(' ') || address}](${address})`;
      else text += link.label ?? '';
      link = undefined;
    } else text += part.text;
  }
  return text;
}

function hoversOf(
  ts: typeof TypeScript,
  service: TypeScript.LanguageService,
  file: string,
  hoverLines: Set<number>,
): Hovers {
  const source = service.getProgram()!.getSourceFile(file)!;
  const hovers: Hovers = [];
  const visit = (node: TypeScript.Node) => {
    if (ts.isIdentifier(node)) {
      const start = node.getStart(source);
      const { line, character } = source.getLineAndCharacterOfPosition(start);
      const info = hoverLines.has(line + 1) ? service.getQuickInfoAtPosition(file, start) : undefined;
      if (info?.displayParts) {
        hovers.push({
          type: 'hover',
          target: node.text,
          text: ts.displayPartsToString(info.displayParts),
          docs: documentation(info.documentation) || undefined,
          tags: info.tags?.map((tag) => [tag.name, documentation(tag.text) || undefined]),
          start,
          length: node.text.length,
          line,
          character,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hovers;
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

/**
 * Everything a file's hover cards depend on: the samples' TypeScript files and tsconfigs, the
 * installed packages (the lockfile) and this code. Same inputs, same cards: a build reuses the
 * cards an earlier build computed (in node_modules/.cache) and needs no compiler at all.
 */
function inputsDigest(repoRoot: string): string {
  const hash = createHash('sha256');
  const samplesDir = path.join(repoRoot, 'samples');
  const sampleFiles = readdirSync(samplesDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => !name.split(path.sep).includes('node_modules'))
    .filter((name) => name.endsWith('.ts') || path.basename(name) === 'tsconfig.json')
    .map((name) => path.join(samplesDir, name));
  const files = [
    path.join(repoRoot, 'pnpm-lock.yaml'),
    path.join(repoRoot, 'tsconfig.base.json'),
    path.join(repoRoot, 'website', 'src', 'remark', 'twoslash.ts'),
    ...sampleFiles.sort(),
  ];
  for (const file of files) hash.update(`${path.relative(repoRoot, file)}\0${readFileSync(file, 'utf8')}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** A file's code block with hover cards, each computed once per build and kept between builds. */
const highlighted = new Map<string, HastRoot>();

async function highlightedFile(
  repoRoot: string,
  file: string,
  hoverLines: number[],
  snippetFiles: string[],
): Promise<HastRoot> {
  const digest = inputsDigest(repoRoot);
  const cacheDir = path.join(repoRoot, 'website', 'node_modules', '.cache', 'twoslash');
  const key = createHash('sha256')
    .update(`${digest}\0${file}\0${hoverLines.join(',')}`)
    .digest('hex');
  const cacheFile = path.join(cacheDir, `${digest}-${key.slice(0, 16)}.json`);
  let root = highlighted.get(key);
  if (!root && existsSync(cacheFile)) root = JSON.parse(readFileSync(cacheFile, 'utf8')) as HastRoot;
  if (!root) {
    const { ts, highlight, serviceFor } = await loadTools(repoRoot);
    const service = serviceFor(file, snippetFiles);
    const fullPath = path.join(repoRoot, file);
    const diagnostics = [...service.getSyntacticDiagnostics(fullPath), ...service.getSemanticDiagnostics(fullPath)];
    if (diagnostics.length) {
      throw new Error(
        `${file} does not compile:\n${ts.formatDiagnostics(diagnostics, {
          getCanonicalFileName: (name) => name,
          getCurrentDirectory: () => repoRoot,
          getNewLine: () => '\n',
        })}`,
      );
    }
    root = highlight(readFileSync(fullPath, 'utf8'), hoversOf(ts, service, fullPath, new Set(hoverLines)));
    // Cards of other inputs are stale: only the current ones are kept.
    mkdirSync(cacheDir, { recursive: true });
    for (const name of readdirSync(cacheDir)) {
      if (!name.startsWith(`${digest}-`)) rmSync(path.join(cacheDir, name), { force: true });
    }
    writeFileSync(cacheFile, JSON.stringify(root));
  }
  highlighted.set(key, root);
  return root;
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
  const hoverLines = [...snippets.values()]
    .filter((other) => other.file === snippet.file)
    .flatMap(({ lineNumbers }) => lineNumbers)
    .sort((a, b) => a - b);
  const snippetFiles = [...new Set([...snippets.values()].map(({ file }) => file))];
  const root = await highlightedFile(repoRoot, rendered.file, hoverLines, snippetFiles);
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
