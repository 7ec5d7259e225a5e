/**
 * Embeds the samples' real code and real output in the pages. A page writes
 *
 *   ```snippet highlight="maximumAttempts"         ```output
 *   hello-retry-workflow                            hello-retry/start.worker
 *   ```                                             ```
 *
 * and the build puts the current code (titled with its file, linked to it) or the captured output
 * in its place. A ```markdown block naming a repository file (e.g. the latest benchmark table)
 * is replaced by that file's content. A ```history block (`hello-retry/greeting-history`) names a
 * replay test's fixture: the page shows that run's events, tied to the page's code (history.ts).
 * An unknown id, or a marker mistake in a sample, fails the build, naming the place.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSnippets, renderSnippet, SnippetError } from '@temporal-tutorials/tooling/snippets';
import type { Code, Link, Paragraph, Parent, PhrasingContent, Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { toHtml } from 'hast-util-to-html';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { historyBlock, pageCodeOf, type PageCode } from './history';
import { twoslashBlock } from './twoslash';

export interface EmbedOptions {
  repoRoot: string;
  /** The repository the code links point into, at a commit; without one, code is not linked. */
  repository?: { url: string; commit: string };
}

/** A repository file or folder's address at the commit, e.g. for `samples/hello-retry`. */
function repositoryLink(repository: { url: string; commit: string }, file: string, lines?: [number, number]): string {
  const kind = path.extname(file) ? 'blob' : 'tree';
  return `${repository.url}/${kind}/${repository.commit}/${file}${lines ? `#L${lines[0]}-L${lines[1]}` : ''}`;
}

/** `{{ __html: html }}` as an MDX attribute's value: an expression, given as its syntax tree. */
function htmlAttribute(html: string) {
  const property = {
    type: 'Property',
    kind: 'init',
    method: false,
    shorthand: false,
    computed: false,
    key: { type: 'Identifier', name: '__html' },
    value: { type: 'Literal', value: html },
  };
  const expression = { type: 'ObjectExpression', properties: [property] };
  return {
    type: 'mdxJsxAttributeValueExpression',
    value: '',
    data: { estree: { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression }] } },
  };
}

function attributes(meta: string | null | undefined): Record<string, string> {
  return Object.fromEntries([...(meta ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
}

export default function remarkEmbed({ repoRoot, repository }: EmbedOptions) {
  return async (tree: Root, file: VFile) => {
    const snippets = loadSnippets(path.join(repoRoot, 'samples'));
    const replacements: { parent: Parent; index: number; nodes: Parent['children'] }[] = [];
    const typed: Promise<void>[] = [];
    const outputFiles = new Set<string>();
    const histories: { node: Code; parent: Parent; index: number; where: string }[] = [];
    const pageCode: PageCode[] = [];

    // Pages link to repository files as `repo:samples/hello-retry` (`repo:` alone is the repository):
    // at the build's commit when the build knows its repository, and as plain text when it does not.
    visit(tree, 'link', (node: Link, index, parent) => {
      if (!node.url.startsWith('repo:') || !parent || index === undefined) return;
      const target = node.url.slice('repo:'.length);
      if (!repository) replacements.push({ parent, index, nodes: node.children });
      else node.url = target ? repositoryLink(repository, target) : repository.url;
    });

    visit(tree, 'code', (node: Code, index, parent) => {
      if (!['snippet', 'output', 'markdown', 'history'].includes(node.lang ?? '') || !parent || index === undefined)
        return;
      const where = `${path.relative(repoRoot, file.path)}:${node.position?.start.line ?? '?'}`;
      const id = node.value.trim();
      if (node.lang === 'history') {
        // Drawn once every snippet of the page is known: the view points at their lines.
        histories.push({ node, parent, index, where });
        return;
      }
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
        outputFiles.add(path.relative(repoRoot, outputFile));
        const title = attributes(node.meta).title ?? `Output of ${sample}`;
        replacements.push({
          parent,
          index,
          // `log`: plain text that wraps (css/custom.css), since a program's output keeps its long lines.
          nodes: [{ type: 'code', lang: 'log', meta: `title="${title}"`, value: text }],
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
      const source: PhrasingContent = {
        type: 'text',
        value: `${rendered.file}, lines ${rendered.startLine}-${rendered.endLine}`,
      };
      const block: Parent['children'][number] = {
        type: 'code',
        lang: language,
        meta: `title="${rendered.file}"${highlight}`,
        value: rendered.code,
      };
      if (language === 'ts') {
        const code = pageCodeOf(pageCode.length + 1, snippet, rendered, attributes(node.meta).part);
        pageCode.push(code);
        typed.push(
          twoslashBlock(repoRoot, snippets, snippet, rendered, code.lineNumbers).then((pre) => {
            // A block as Docusaurus draws one (its title, the code), with Shiki's code and hover
            // cards, as HTML: as React elements, a page's hover cards took seconds to bundle.
            const html = toHtml([
              {
                type: 'element',
                tagName: 'div',
                properties: { className: ['twoslash-block__title'] },
                children: [
                  {
                    type: 'element',
                    tagName: 'span',
                    properties: {},
                    children: [{ type: 'text', value: rendered.file }],
                  },
                  // src/copy-code.ts copies the code as shown, without its hover cards.
                  {
                    type: 'element',
                    tagName: 'button',
                    properties: { type: 'button', className: ['twoslash-block__copy'], title: 'Copy the code' },
                    children: [{ type: 'text', value: 'Copy' }],
                  },
                ],
              },
              pre,
            ]);
            Object.assign(block, {
              type: 'mdxJsxFlowElement',
              name: 'div',
              children: [],
              attributes: [
                { type: 'mdxJsxAttribute', name: 'className', value: 'twoslash-block' },
                { type: 'mdxJsxAttribute', name: 'data-snippet-block', value: String(code.block) },
                { type: 'mdxJsxAttribute', name: 'dangerouslySetInnerHTML', value: htmlAttribute(html) },
              ],
            });
          }),
        );
      }
      replacements.push({
        parent,
        index,
        nodes: [
          block,
          {
            type: 'paragraph',
            data: { hProperties: { className: ['snippet-source'] } },
            children: [
              repository
                ? {
                    type: 'link',
                    url: repositoryLink(repository, rendered.file, [rendered.startLine, rendered.endLine]),
                    children: [source],
                  }
                : source,
            ],
          },
        ],
      });
    });

    await Promise.all(typed);
    for (const { node, parent, index, where } of histories) {
      const view = historyBlock(repoRoot, node.value.trim(), attributes(node.meta), pageCode, where);
      // src/components/HistoryView.tsx (src/theme/MDXComponents.tsx) draws it.
      const element = {
        type: 'mdxJsxFlowElement',
        name: 'HistoryView',
        attributes: [{ type: 'mdxJsxAttribute', name: 'history', value: JSON.stringify(view) }],
        children: [],
      } as unknown as Parent['children'][number];
      replacements.push({ parent, index, nodes: [element] });
    }
    // Splice from the end, so that earlier indices in the same parent still hold.
    replacements.sort((a, b) => b.index - a.index);
    for (const { parent, index, nodes } of replacements) parent.children.splice(index, 1, ...nodes);
    // A wide table scrolls inside its own box: keyboard users must be able to reach it to scroll.
    visit(tree, 'table', (node: Table) => {
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, tabIndex: 0 } };
    });
    if (outputFiles.size) insertAfterTitle(tree, provenance(repoRoot, [...outputFiles], repository));
  };
}

/**
 * One line under the page's title saying where its outputs come from: the SDK version the samples
 * pin and the last commit that changed the page's output files (git, at build time).
 */
function provenance(repoRoot: string, outputFiles: string[], repository: EmbedOptions['repository']): Paragraph {
  const samples = [...new Set(outputFiles.map((file) => file.split('/')[1]))];
  const versions = [
    ...new Set(
      samples.map((sample) => {
        const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'samples', sample, 'package.json'), 'utf8')) as {
          dependencies: Record<string, string>;
        };
        return manifest.dependencies['@temporalio/workflow'] ?? manifest.dependencies['@temporalio/client'];
      }),
    ),
  ];
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  const [commit = '', date = ''] = git('log', '-1', '--format=%H %cs', '--', ...outputFiles).split(' ');
  const uncommitted = git('status', '--porcelain', '--', ...outputFiles) !== '';
  const shortCommit: PhrasingContent = { type: 'inlineCode', value: commit.slice(0, 7) };
  const children: PhrasingContent[] = commit
    ? [
        { type: 'text', value: `Outputs captured with Temporal TypeScript SDK ${versions.join(', ')} at commit ` },
        repository ? { type: 'link', url: `${repository.url}/commit/${commit}`, children: [shortCommit] } : shortCommit,
        { type: 'text', value: ` (${date})${uncommitted ? ', with changes not yet committed' : ''}.` },
      ]
    : [
        {
          type: 'text',
          value: `Outputs captured with Temporal TypeScript SDK ${versions.join(', ')}, not yet committed.`,
        },
      ];
  return { type: 'paragraph', data: { hProperties: { className: ['output-provenance'] } }, children };
}

function insertAfterTitle(tree: Root, node: Paragraph): void {
  const title = tree.children.findIndex((child) => child.type === 'heading' && child.depth === 1);
  tree.children.splice(title + 1, 0, node);
}
