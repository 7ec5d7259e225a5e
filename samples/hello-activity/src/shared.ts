// The Worker polls this Task Queue and the starter sends work to it: one
// constant keeps them in step.
export const TASK_QUEUE = 'hello-activity';
export const WORKFLOW_ID = 'hello-activity-workflow';

// One input object rather than positional arguments: a field can be added
// later without changing the activity's signature, which keeps running
// workflows compatible.
export interface GreetingInput {
  greeting: string;
  name: string;
}
