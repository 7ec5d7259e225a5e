/**
 * Code blocks side by side in tabs: adjacent fenced blocks that each carry `tab="<label>"` become
 * one Docusaurus `<Tabs>` (the reader's choice is remembered across pages), e.g. a command and its
 * Windows form:
 *
 *   ```sh title="any folder (third terminal)" tab="Linux, macOS"
 *   kill -9 <pid>
 *   ```
 *   ```powershell tab="Windows"
 *   taskkill /F /PID <pid>
 *   ```
 *
 * The shell-block runner runs the ```sh tab and, by design, never a ```powershell one.
 */
import type { Code, Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

const tabLabel = (node: Parent['children'][number]) =>
  node.type === 'code' ? /\btab="([^"]+)"/.exec(node.meta ?? '')?.[1] : undefined;

const attribute = (name: string, value: string) => ({ type: 'mdxJsxAttribute' as const, name, value });

export default function remarkTabs() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      for (let start = 0; start < parent.children.length; start++) {
        let end = start;
        while (end < parent.children.length && tabLabel(parent.children[end])) end++;
        if (end - start < 2) continue;
        const tabs = {
          type: 'mdxJsxFlowElement',
          name: 'Tabs',
          attributes: [attribute('groupId', 'operating-system')],
          children: parent.children.slice(start, end).map((code) => {
            const label = tabLabel(code)!;
            return {
              type: 'mdxJsxFlowElement',
              name: 'TabItem',
              attributes: [attribute('value', label.toLowerCase().replace(/\W+/g, '-')), attribute('label', label)],
              children: [code as Code],
            };
          }),
        };
        parent.children.splice(start, end - start, tabs as unknown as Parent['children'][number]);
      }
    });
  };
}
