import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { themes as prismThemes } from 'prism-react-renderer';
import remarkEmbed from './src/remark/embed';
import remarkTabs from './src/remark/tabs';
import { startTypeCards } from './src/remark/twoslash';
import { readableTheme } from './src/readable-theme';

const repoRoot = path.resolve(__dirname, '..');

// Where the code lives and where the site is served come from the environment, so that a fork or a
// mirror links to itself: REPOSITORY_URL (in GitHub Actions, the repository that runs the workflow)
// and SITE_URL (the Pages workflow sets it from the repository's name). Without a repository the
// pages link to no code at all rather than to a guess.
const { GITHUB_REPOSITORY, GITHUB_SERVER_URL = 'https://github.com' } = process.env;
const repositoryUrl =
  process.env.REPOSITORY_URL || (GITHUB_REPOSITORY ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}` : undefined);
const siteUrl = new URL(process.env.SITE_URL || 'http://localhost:3000/');

// Code links point at the commit the site was built from, so they keep matching what the page shows.
function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'main';
  }
}

// The snippets' type cards take seconds to compute the first time: they start now, in a worker,
// and the pages pick them up as they compile.
startTypeCards(repoRoot);

const config: Config = {
  title: 'Temporal Tutorials for TypeScript',
  tagline: 'Durable execution, learned from samples that run and tests that prove it',
  url: siteUrl.origin,
  baseUrl: siteUrl.pathname.replace(/\/?$/, '/'),
  favicon: 'img/favicon.svg',
  trailingSlash: false,
  // Rspack and SWC: the site builds several times faster than with webpack and Babel.
  // Docusaurus 4's defaults except CSS cascade layers: their polyfill raises Infima's `:root`
  // above src/css/custom.css, so the site's own colours (and contrast) were silently lost.
  future: {
    v4: {
      removeLegacyPostBuildHeadAttribute: true,
      useCssCascadeLayers: false,
      siteStorageNamespacing: true,
      fasterByDefault: true,
      mdx1CompatDisabledByDefault: true,
    },
    faster: true,
  },
  clientModules: [require.resolve('./src/copy-code.ts')],
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    // .md pages are plain Markdown (braces are text); only .mdx pages are MDX.
    format: 'detect',
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          remarkPlugins: [
            [remarkEmbed, { repoRoot, repository: repositoryUrl && { url: repositoryUrl, commit: currentCommit() } }],
            remarkTabs,
          ],
        },
        blog: false,
        theme: { customCss: [require.resolve('@shikijs/twoslash/style-rich.css'), './src/css/custom.css'] },
      } satisfies Preset.Options,
    ],
  ],
  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        docsRouteBasePath: '/',
        indexBlog: false,
        highlightSearchTermsOnTargetPage: true,
        // The code blocks' hover cards hold the SDK's own docs: searching finds the pages' words.
        ignoreCssSelectors: ['.twoslash-popup-container'],
      },
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'Temporal Tutorials for TypeScript',
      items: [
        { type: 'docSidebar', sidebarId: 'learn', position: 'left', label: 'Learn' },
        ...(repositoryUrl ? [{ href: repositoryUrl, label: 'Source', position: 'right' as const }] : []),
      ],
    },
    footer: {
      style: 'dark',
      copyright: 'Every code block on this site is taken from a sample that compiles and passes its tests.',
    },
    // The highlighted line's colours are custom.css's --docusaurus-highlighted-code-line-bg.
    prism: {
      theme: readableTheme(prismThemes.github, 'rgba(59, 91, 219, 0.12)'),
      darkTheme: readableTheme(prismThemes.dracula, 'rgba(142, 162, 240, 0.2)'),
      additionalLanguages: ['bash', 'json', 'powershell'],
    },
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
  } satisfies Preset.ThemeConfig,
};

export default config;
