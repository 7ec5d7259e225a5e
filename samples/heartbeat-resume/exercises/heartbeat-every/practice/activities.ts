import { activityInfo, heartbeat, log } from '@temporalio/activity';
import type {
  AttemptRecord,
  BatchInput,
  BatchProgress,
} from '../../../src/shared';

/** How many items the activity processes between two heartbeats. */
export const HEARTBEAT_EVERY = 5;

export interface BatchOptions {
  processItem: (item: number) => Promise<void>;
  /** Throw at this item on attempt 1, so that attempt 2 resumes. */
  failAtItem?: number;
}

// The sample's activity, without its cancellation handling.
export function createActivities({ processItem, failAtItem }: BatchOptions) {
  return {
    async processBatch({ itemCount }: BatchInput): Promise<AttemptRecord[]> {
      const { attempt } = activityInfo();
      const recorded = activityInfo().heartbeatDetails as
        BatchProgress | undefined;
      const first = recorded?.nextItem ?? 0;
      const earlierAttempts = recorded?.attempts ?? [];
      log.info(`Starting at item ${first} (attempt ${attempt})`);

      for (let item = first; item < itemCount; item++) {
        if (attempt === 1 && item === failAtItem)
          throw new Error(`Intentional failure at item ${item}`);
        await processItem(item);
        // TODO: heartbeat only after every HEARTBEAT_EVERY items (after items
        // 4, 9, 14, ... when it is 5), not after each one.
        heartbeat({
          nextItem: item + 1,
          attempts: [...earlierAttempts, { attempt, first, last: item }],
        });
      }
      return [...earlierAttempts, { attempt, first, last: itemCount - 1 }];
    },
  };
}
