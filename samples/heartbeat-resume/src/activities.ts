import {
  activityInfo,
  CancelledFailure,
  heartbeat,
  log,
  sleep,
} from '@temporalio/activity';
import type { AttemptRecord, BatchInput, BatchProgress } from './shared';

export interface BatchOptions {
  /** The work for one record. By default a pause of HEARTBEAT_ITEM_MS (500 ms) stands in for it. */
  processItem?: (item: number) => Promise<void>;
  /** Throw at this item on attempt 1, to see attempt 2 resume (the `start` script sets 7). */
  failAtItem?: number;
}

const pauseForAnItem = () =>
  sleep(Number(process.env.HEARTBEAT_ITEM_MS ?? 500));

// @@@SNIPSTART heartbeat-resume-activity
export function createActivities({
  processItem = pauseForAnItem,
  failAtItem,
}: BatchOptions = {}) {
  return {
    async processBatch({ itemCount }: BatchInput): Promise<AttemptRecord[]> {
      const { attempt } = activityInfo();
      // Empty on attempt 1; afterwards, the details of the last heartbeat the server recorded.
      const recorded = activityInfo().heartbeatDetails as
        BatchProgress | undefined;
      const first = recorded?.nextItem ?? 0;
      const earlierAttempts = recorded?.attempts ?? [];
      log.info(
        recorded
          ? `Resuming from item ${first} (attempt ${attempt})`
          : `Starting at item 0 (attempt ${attempt})`,
      );

      for (let item = first; item < itemCount; item++) {
        if (attempt === 1 && item === failAtItem)
          throw new Error(`Intentional failure at item ${item}`);
        try {
          await processItem(item);
        } catch (error) {
          if (error instanceof CancelledFailure)
            log.info(`Cancelled at item ${item}: stopping cleanly`);
          throw error;
        }
        log.info(`Processed item ${item}`);
        // Also how a cancellation reaches the activity: in the reply to a heartbeat.
        heartbeat({
          nextItem: item + 1,
          attempts: [...earlierAttempts, { attempt, first, last: item }],
        });
      }
      return [...earlierAttempts, { attempt, first, last: itemCount - 1 }];
    },
  };
}
// @@@SNIPEND

export type BatchActivities = ReturnType<typeof createActivities>;
