// The Worker polls this Task Queue and the starters send work to it: one
// constant keeps them in step.
export const TASK_QUEUE = 'hello-retry';
export const WORKFLOW_ID = 'hello-retry-workflow';
export const RETRIED_WORKFLOW_ID = 'hello-retry-workflow-retried';

// One input object rather than positional arguments: a field can be added
// later without changing the activity's signature, which keeps running
// workflows compatible.
export interface GreetingInput {
  greeting: string;
  name: string;
}
