/**
 * Snippets: the parts of the samples' files that the tutorial pages show. A sample file marks one
 * with `// @@@SNIPSTART <id>` and `// @@@SNIPEND`; inside it, `// @@@SNIPPART <name>` and
 * `// @@@SNIPPARTEND` mark a part a page may show on its own. Every mistake in the markers is an
 * error that names the file and line: a page must never show an empty or a stale block.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

export interface Snippet {
  id: string;
  /** Repository-relative path, with forward slashes. */
  file: string;
  /** The code, without marker lines and without the indentation all lines share. */
  lines: string[];
  /** The line number in the file of each of `lines`. */
  lineNumbers: number[];
  /** Named parts: their first and last index in `lines`. */
  parts: Map<string, { from: number; to: number }>;
}

export class SnippetError extends Error {
  override name = 'SnippetError';
}

const marker = /^\s*\/\/\s*@@@(SNIPSTART|SNIPEND|SNIPPART|SNIPPARTEND)\b\s*(\S*)/;
const sourceExtensions = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs']);
const skippedDirectories = new Set(['node_modules', 'dist', 'build', 'test-results', '.bank', '.turbo']);

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}

/** Parses one file's markers. `file` is repository-relative, for messages and links. */
export function parseSnippets(file: string, text: string): Snippet[] {
  const snippets: Snippet[] = [];
  let open:
    | {
        id: string;
        line: number;
        body: string[];
        bodyLines: number[];
        parts: Map<string, { from: number; to: number }>;
      }
    | undefined;
  let openPart: { name: string; line: number; from: number } | undefined;
  const where = (line: number) => `${file}:${line}`;

  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    const match = marker.exec(content);
    if (!match) {
      if (open) {
        open.body.push(content);
        open.bodyLines.push(line);
      }
      return;
    }
    const [, kind, name] = match as unknown as [string, string, string];
    if (kind === 'SNIPSTART') {
      if (!name) throw new SnippetError(`${where(line)}: @@@SNIPSTART needs an id`);
      if (open)
        throw new SnippetError(
          `${where(line)}: snippet "${name}" starts inside snippet "${open.id}" (opened at line ${open.line}); snippets cannot nest`,
        );
      open = { id: name, line, body: [], bodyLines: [], parts: new Map() };
    } else if (kind === 'SNIPEND') {
      if (!open) throw new SnippetError(`${where(line)}: @@@SNIPEND without a @@@SNIPSTART before it`);
      if (openPart)
        throw new SnippetError(
          `${where(line)}: part "${openPart.name}" (line ${openPart.line}) is not closed before the end of snippet "${open.id}"`,
        );
      if (!open.body.some((bodyLine) => bodyLine.trim()))
        throw new SnippetError(`${where(open.line)}: snippet "${open.id}" is empty`);
      snippets.push({
        id: open.id,
        file,
        lines: dedent(open.body),
        lineNumbers: open.bodyLines,
        parts: open.parts,
      });
      open = undefined;
    } else if (kind === 'SNIPPART') {
      if (!open) throw new SnippetError(`${where(line)}: @@@SNIPPART outside a snippet`);
      if (!name) throw new SnippetError(`${where(line)}: @@@SNIPPART needs a name`);
      if (openPart)
        throw new SnippetError(
          `${where(line)}: part "${name}" starts inside part "${openPart.name}"; parts cannot nest`,
        );
      openPart = { name, line, from: open.body.length };
    } else {
      if (!open || !openPart) throw new SnippetError(`${where(line)}: @@@SNIPPARTEND without a @@@SNIPPART before it`);
      if (open.parts.has(openPart.name))
        throw new SnippetError(
          `${where(openPart.line)}: part "${openPart.name}" appears twice in snippet "${open.id}"`,
        );
      open.parts.set(openPart.name, { from: openPart.from, to: open.body.length - 1 });
      openPart = undefined;
    }
  });
  if (open) throw new SnippetError(`${where(open.line)}: snippet "${open.id}" is never closed with @@@SNIPEND`);
  return snippets;
}

function sourceFiles(directory: string): string[] {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return skippedDirectories.has(entry.name) ? [] : sourceFiles(full);
    return sourceExtensions.has(path.extname(entry.name)) ? [full] : [];
  });
}

/** Every snippet in the samples, by id. Throws a SnippetError on a duplicated id or a bad marker. */
export function loadSnippets(samplesDir: string = path.join(repoRoot, 'samples')): Map<string, Snippet> {
  const snippets = new Map<string, Snippet>();
  for (const file of sourceFiles(samplesDir)) {
    const relative = path.relative(path.dirname(samplesDir), file).split(path.sep).join('/');
    for (const snippet of parseSnippets(relative, readFileSync(file, 'utf8'))) {
      const earlier = snippets.get(snippet.id);
      if (earlier) {
        throw new SnippetError(
          `${snippet.file}:${snippet.lineNumbers[0]! - 1}: snippet id "${snippet.id}" is already used at ${earlier.file}:${earlier.lineNumbers[0]! - 1}`,
        );
      }
      snippets.set(snippet.id, snippet);
    }
  }
  return snippets;
}

export interface SnippetOptions {
  /** Show only this named part. */
  part?: string;
  /**
   * Lines to highlight: numbers and ranges of the lines shown ("2,4-5"), or any other text to
   * highlight every line that contains it (which survives code moving, unlike numbers).
   */
  highlight?: string;
}

export interface RenderedSnippet {
  code: string;
  file: string;
  startLine: number;
  endLine: number;
  /** 1-based line numbers within `code`. */
  highlightLines: number[];
}

export function renderSnippet(snippet: Snippet, options: SnippetOptions = {}): RenderedSnippet {
  let lines = snippet.lines;
  let offset = 0;
  if (options.part) {
    const part = snippet.parts.get(options.part);
    if (!part) {
      throw new SnippetError(
        `snippet "${snippet.id}" (${snippet.file}) has no part "${options.part}"; it has: ${[...snippet.parts.keys()].join(', ') || 'none'}`,
      );
    }
    lines = dedent(lines.slice(part.from, part.to + 1));
    offset = part.from;
  }
  return {
    code: lines.join('\n'),
    file: snippet.file,
    startLine: snippet.lineNumbers[offset]!,
    endLine: snippet.lineNumbers[offset + lines.length - 1]!,
    highlightLines: options.highlight ? highlighted(lines, options.highlight, snippet.id) : [],
  };
}

function highlighted(lines: string[], spec: string, id: string): number[] {
  if (!/^[\d,\s-]+$/.test(spec)) {
    const found = lines.flatMap((line, index) => (line.includes(spec) ? [index + 1] : []));
    if (!found.length) throw new SnippetError(`snippet "${id}": no line contains "${spec}" to highlight`);
    return found;
  }
  return spec.split(',').flatMap((range) => {
    const [from, to = from] = range.split('-').map((value) => Number(value.trim()));
    if (!Number.isInteger(from) || !Number.isInteger(to) || from! < 1 || to! > lines.length || from! > to!) {
      throw new SnippetError(`snippet "${id}": highlight "${range}" is not within lines 1-${lines.length}`);
    }
    return Array.from({ length: to! - from! + 1 }, (_, index) => from! + index);
  });
}

/** The text a code block on a page must equal: what `renderSnippet` shows. */
export function snippetText(snippets: Map<string, Snippet>, id: string, options: SnippetOptions = {}): string {
  const snippet = snippets.get(id);
  if (!snippet) throw new SnippetError(`unknown snippet id "${id}"`);
  return renderSnippet(snippet, options).code;
}
