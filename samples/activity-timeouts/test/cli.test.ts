// The starter as a user meets it: random argument lists, and workflow inputs
// sent by the Temporal CLI rather than by our starter (the checks:
// tooling/src/starter-cli-tests.ts).
import { testStarterCli } from '@temporal-tutorials/tooling/starter-cli-tests';
import * as activities from '../src/activities';
import { parseOptions, UsageError } from '../src/cli';
import { TASK_QUEUE, WORKFLOW_ID } from '../src/shared';
import { orderWorkflow } from '../src/workflows';

testStarterCli({
  sampleDir: new URL('..', import.meta.url),
  starters: [{ file: 'src/client.ts', workflowId: WORKFLOW_ID }],
  parseOptions,
  UsageError,
  workflowsFile: new URL('../src/workflows.ts', import.meta.url),
  activities,
  workflowTypes: ['orderWorkflow'],
  invalidInputs: [
    ['null', ['--input', 'null'], 'item must be'],
    ['a number', ['--input', '42'], 'item must be'],
    ['an empty string', ['--input', '""'], 'item must be'],
    ['an object', ['--input', '{"item":"teapot"}'], 'item must be'],
    ['no input', [], 'item must be'],
  ],
  running: {
    workflow: orderWorkflow,
    taskQueue: TASK_QUEUE,
    args: ['kettle'],
    shownInput: '["kettle"]',
  },
});
