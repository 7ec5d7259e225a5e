// The starter as a user meets it: random argument lists, and workflow inputs
// sent by the Temporal CLI rather than by our starter (the checks:
// tooling/src/starter-cli-tests.ts).
import { testStarterCli } from '@temporal-tutorials/tooling/starter-cli-tests';
import * as activities from '../src/activities';
import { parseOptions, UsageError } from '../src/cli';
import { TASK_QUEUE, WORKFLOW_ID } from '../src/shared';
import { greetingWorkflow } from '../src/workflows';

testStarterCli({
  sampleDir: new URL('..', import.meta.url),
  starters: [{ file: 'src/client.ts', workflowId: WORKFLOW_ID }],
  parseOptions,
  UsageError,
  workflowsFile: new URL('../src/workflows.ts', import.meta.url),
  activities,
  workflowTypes: ['greetingWorkflow'],
  invalidInputs: [
    ['null', ['--input', 'null'], 'name must be'],
    ['a number', ['--input', '42'], 'name must be'],
    ['an empty string', ['--input', '""'], 'name must be'],
    ['an object', ['--input', '{"name":"World"}'], 'name must be'],
    ['no input', [], 'name must be'],
  ],
  running: {
    workflow: greetingWorkflow,
    taskQueue: TASK_QUEUE,
    args: ['Ada'],
    shownInput: '["Ada"]',
  },
});
