// The Worker polls this Task Queue and the starter sends work to it: one
// constant keeps them in step.
export const TASK_QUEUE = 'activity-timeouts';
export const WORKFLOW_ID = 'activity-timeouts-order';
// The warehouse's own Worker would poll this queue; this sample runs none.
export const WAREHOUSE_TASK_QUEUE = 'activity-timeouts-warehouse';
