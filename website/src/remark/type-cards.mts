/**
 * The snippets' type cards, computed: a TypeScript language service compiles each snippet's whole
 * file with its sample's tsconfig and its real imports, and Shiki (with @shikijs/twoslash's
 * renderer) draws the file with a hover card on every identifier of the lines pages show. A type
 * error anywhere in the file is an error here.
 *
 * It runs in a worker thread (type-cards-worker.mjs) that the site's config starts before the
 * pages compile: the SDK's declarations are 14 MB, and reading them (seconds) then overlaps the
 * rest of the build. One language service serves every file (Twoslash's own compiler would start
 * over for each code block).
 */
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { ElementContent, Root as HastRoot } from 'hast';
import type { TwoslashShikiReturn } from '@shikijs/twoslash/core';
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

/** What the site asks for: a file's type cards, on the lines the pages show. */
export interface TypeCardsRequest {
  id: number;
  repoRoot: string;
  file: string;
  hoverLines: number[];
  /** Every snippet file: all are the language service's roots, so it checks the SDK's types once. */
  snippetFiles: string[];
}

export type TypeCardsReply = { id: number; root: HastRoot } | { id: number; error: string };

export async function computeTypeCards({ repoRoot, file, hoverLines, snippetFiles }: TypeCardsRequest) {
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
  return highlight(ts.sys.readFile(fullPath) ?? '', hoversOf(ts, service, fullPath, new Set(hoverLines)));
}

/** The worker's loop: one request at a time, in the order they come. */
export function serveTypeCards(): void {
  let queue = Promise.resolve();
  parentPort?.on('message', (request: TypeCardsRequest) => {
    queue = queue.then(async () => {
      let reply: TypeCardsReply;
      try {
        reply = { id: request.id, root: await computeTypeCards(request) };
      } catch (error) {
        reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
      }
      parentPort?.postMessage(reply);
    });
  });
}
