/**
 * Embeds the samples' real code and real output in the pages. A page writes
 *
 *   ```snippet highlight="maximumAttempts"         ```output
 *   hello-retry-workflow                            hello-retry/start.worker
 *   ```                                             ```
 *
 * and the build puts the current code (titled with its file, linked to it) or the captured output
 * in its place. A ```markdown block naming a repository file (e.g. the latest benchmark table)
 * is replaced by that file's content. An unknown id, or a marker mistake in a sample, fails the build, naming the place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSnippets, renderSnippet, SnippetError } from '@temporal-tutorials/tooling/snippets';
import type { Code, Parent, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export interface EmbedOptions {
  /** Where the code links point: the repository's files at a commit (or a branch). */
  sourceUrl: (file: string, startLine: number, endLine: number) => string;
  repoRoot: string;
}

function attributes(meta: string | null | undefined): Record<string, string> {
  return Object.fromEntries([...(meta ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
}

export default function remarkEmbed({ sourceUrl, repoRoot }: EmbedOptions) {
  return (tree: Root, file: VFile) => {
    const snippets = loadSnippets(path.join(repoRoot, 'samples'));
    const replacements: { parent: Parent; index: number; nodes: Parent['children'] }[] = [];

    visit(tree, 'code', (node: Code, index, parent) => {
      if (!['snippet', 'output', 'markdown'].includes(node.lang ?? '') || !parent || index === undefined) return;
      const where = `${path.relative(repoRoot, file.path)}:${node.position?.start.line ?? '?'}`;
      const id = node.value.trim();
      if (node.lang === 'markdown') {
        let text: string;
        try {
          text = readFileSync(path.join(repoRoot, id), 'utf8');
        } catch {
          throw new Error(`${where}: cannot embed "${id}": no such file in the repository`);
        }
        replacements.push({ parent, index, nodes: unified().use(remarkParse).use(remarkGfm).parse(text).children });
        return;
      }
      if (node.lang === 'output') {
        const [sample, run] = id.split('/');
        const outputFile = path.join(repoRoot, 'samples', sample ?? '', 'output', `${run}.txt`);
        let text: string;
        try {
          text = readFileSync(outputFile, 'utf8').trimEnd();
        } catch {
          throw new Error(
            `${where}: no captured output "${id}" (${path.relative(repoRoot, outputFile)}); run \`pnpm sample-output capture\``,
          );
        }
        const title = attributes(node.meta).title ?? `Output of ${sample}`;
        replacements.push({
          parent,
          index,
          nodes: [{ type: 'code', lang: 'text', meta: `title="${title}"`, value: text }],
        });
        return;
      }
      const snippet = snippets.get(id);
      if (!snippet)
        throw new Error(
          `${where}: unknown snippet id "${id}"; the samples have: ${[...snippets.keys()].sort().join(', ')}`,
        );
      let rendered;
      try {
        rendered = renderSnippet(snippet, attributes(node.meta));
      } catch (error) {
        if (error instanceof SnippetError) throw new Error(`${where}: ${error.message}`);
        throw error;
      }
      const highlight = rendered.highlightLines.length ? ` {${rendered.highlightLines.join(',')}}` : '';
      const language = path.extname(rendered.file).slice(1);
      replacements.push({
        parent,
        index,
        nodes: [
          { type: 'code', lang: language, meta: `title="${rendered.file}"${highlight}`, value: rendered.code },
          {
            type: 'paragraph',
            data: { hProperties: { className: ['snippet-source'] } },
            children: [
              {
                type: 'link',
                url: sourceUrl(rendered.file, rendered.startLine, rendered.endLine),
                children: [
                  { type: 'text', value: `${rendered.file}, lines ${rendered.startLine}-${rendered.endLine}` },
                ],
              },
            ],
          },
        ],
      });
    });

    for (const { parent, index, nodes } of replacements.reverse()) parent.children.splice(index, 1, ...nodes);
  };
}
