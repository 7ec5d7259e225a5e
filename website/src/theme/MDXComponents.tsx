// The theme's Markdown components, with Tabs and the history view, except for the Twoslash code blocks the embed step builds
// (src/remark/twoslash.ts): their `pre` and `code` are already highlighted and stay as they are.
import type { ComponentProps } from 'react';
import MDXComponents from '@theme-original/MDXComponents';
import TabItem from '@theme/TabItem';
import Tabs from '@theme/Tabs';
import HistoryView from '../components/HistoryView';

const isTwoslash = (className: unknown) => typeof className === 'string' && /\b(shiki|twoslash)/.test(className);

export default {
  ...MDXComponents,
  // For the tabs src/remark/tabs.ts makes of adjacent code blocks.
  Tabs,
  TabItem,
  // For the ```history blocks src/remark/embed.ts draws.
  HistoryView,
  pre: (props: ComponentProps<'pre'>) =>
    isTwoslash(props.className) ? <pre {...props} /> : <MDXComponents.pre {...props} />,
  code: (props: ComponentProps<'code'>) =>
    isTwoslash(props.className) ? <code {...props} /> : <MDXComponents.code {...props} />,
};
