import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SnippetOptions } from '@temporal-tutorials/tooling/snippets';

export const websiteDir = fileURLToPath(new URL('..', import.meta.url));
const docsDir = path.join(websiteDir, 'docs');

export interface Page {
  /** Relative to website/, e.g. docs/tutorials/hello-retry.md. */
  file: string;
  /** The path the page is served at, e.g. /tutorials/hello-retry. */
  route: string;
  text: string;
}

export interface Embed {
  page: Page;
  line: number;
  kind: 'snippet' | 'output' | 'history';
  id: string;
  /** The fence's attributes: a snippet's options, a history's title... */
  options: SnippetOptions & Record<string, string | undefined>;
}

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return /\.mdx?$/.test(entry.name) ? [full] : [];
  });
}

export function loadPages(): Page[] {
  return markdownFiles(docsDir).map((file) => {
    const text = readFileSync(file, 'utf8');
    const slug = /^slug:\s*(\S+)\s*$/m.exec(text)?.[1];
    const route =
      slug ??
      `/${path
        .relative(docsDir, file)
        .replace(/\.mdx?$/, '')
        .split(path.sep)
        .join('/')}`;
    return { file: path.relative(websiteDir, file), route, text };
  });
}

/** The code fences a page uses to embed a snippet, output or a recorded history. */
export function embedsOf(page: Page): Embed[] {
  return [...page.text.matchAll(/^```(snippet|output|history)([^\n]*)\n([^\n]*)\n```/gm)].map((match) => ({
    page,
    line: page.text.slice(0, match.index).split('\n').length,
    kind: match[1] as Embed['kind'],
    id: match[3].trim(),
    options: Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value])),
  }));
}
