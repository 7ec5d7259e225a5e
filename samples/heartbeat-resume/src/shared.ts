// The Worker polls this Task Queue and the starter sends work to it: one
// constant keeps them in step.
export const TASK_QUEUE = 'heartbeat-resume';
export const WORKFLOW_ID = 'heartbeat-resume-workflow';

export interface BatchInput {
  /** How many records to process, numbered from 0. */
  itemCount: number;
}

/** The items one attempt of the activity processed, first to last. */
export interface AttemptRecord {
  attempt: number;
  first: number;
  last: number;
}

// @@@SNIPSTART heartbeat-resume-progress
/**
 * What each heartbeat records, and what the next attempt reads back to know
 * where to resume.
 */
export interface BatchProgress {
  nextItem: number;
  attempts: AttemptRecord[];
}
// @@@SNIPEND
