// The starter as a user meets it: random argument lists, and workflow inputs
// sent by the Temporal CLI rather than by our starter (the checks:
// tooling/src/starter-cli-tests.ts).
import { testStarterCli } from '@temporal-tutorials/tooling/starter-cli-tests';
import { createActivities } from '../src/activities';
import { parseOptions, UsageError } from '../src/cli';
import { TASK_QUEUE, WORKFLOW_ID } from '../src/shared';
import { batchWorkflow } from '../src/workflows';

testStarterCli({
  sampleDir: new URL('..', import.meta.url),
  starters: [{ file: 'src/client.ts', workflowId: WORKFLOW_ID }],
  parseOptions,
  UsageError,
  workflowsFile: new URL('../src/workflows.ts', import.meta.url),
  activities: createActivities({ processItem: async () => {} }),
  workflowTypes: ['batchWorkflow'],
  invalidInputs: [
    ['null', ['--input', 'null'], 'the input must be an object'],
    ['a number', ['--input', '20'], 'the input must be an object'],
    ['no input', [], 'the input must be an object'],
    ['a string count', ['--input', '{"itemCount":"20"}'], 'itemCount must'],
    ['no count', ['--input', '{}'], 'itemCount must'],
    ['a fraction', ['--input', '{"itemCount":2.5}'], 'itemCount must'],
    ['a negative count', ['--input', '{"itemCount":-1}'], 'itemCount must'],
    [
      'an extra field',
      ['--input', '{"itemCount":1,"items":3}'],
      'unknown field items',
    ],
  ],
  running: {
    workflow: batchWorkflow,
    taskQueue: TASK_QUEUE,
    args: [{ itemCount: 3 }],
    shownInput: '[{"itemCount":3}]',
  },
});
