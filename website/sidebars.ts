import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

// One story: set up, the tutorials in the order a learner takes them (each links the concept pages
// it needs), the concepts as a reference, then running it for real. Every group stays open.
const group = (label: string, items: string[]) => ({
  type: 'category' as const,
  label,
  collapsible: false,
  items,
});

const sidebars: SidebarsConfig = {
  learn: [
    group('Start', ['index', 'setup']),
    group('Tutorials', [
      'tutorials/hello-activity',
      'tutorials/hello-retry',
      'tutorials/activity-timeouts',
      'tutorials/money-transfer',
      'tutorials/money-transfer-safety',
      'tutorials/money-transfer-operating',
      'tutorials/heartbeat-resume',
    ]),
    group('Concepts', ['concepts/activities', 'concepts/retry-policies', 'concepts/timeouts', 'concepts/web-ui']),
    group('Operating', ['concepts/cluster', 'how-fast']),
  ],
};

export default sidebars;
