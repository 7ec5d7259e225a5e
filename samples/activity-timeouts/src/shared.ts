export const TASK_QUEUE = 'activity-timeouts';
export const WORKFLOW_ID = 'activity-timeouts-order';
