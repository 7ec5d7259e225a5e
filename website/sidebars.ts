import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

// The order a learner takes: set up, a first activity, failure and retries, the concepts behind
// them, then a real application and long-running work.
const sidebars: SidebarsConfig = {
  learn: [
    'index',
    'setup',
    'tutorials/hello-activity',
    'tutorials/hello-retry',
    'tutorials/activity-timeouts',
    'concepts/activities',
    'concepts/retry-policies',
    'concepts/timeouts',
    'concepts/web-ui',
    'tutorials/money-transfer',
    'tutorials/heartbeat-resume',
    'concepts/cluster',
    'how-fast',
  ],
};

export default sidebars;
