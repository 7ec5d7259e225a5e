import {
  activityInfo,
  cancellationDetails,
  cancellationSignal,
  heartbeat,
  log,
  sleep,
} from '@temporalio/activity';
import type { AttemptRecord, BatchInput, BatchProgress } from './shared';

export interface BatchOptions {
  /**
   * The work for one record; it should stop early when `signal` aborts. By
   * default a pause of HEARTBEAT_ITEM_MS (500 ms) stands in for it.
   */
  processItem?: (item: number, signal: AbortSignal) => Promise<void>;
  /** Throw here on attempt 1, to see attempt 2 resume (`start` sets 7). */
  failAtItem?: number;
}

const pauseForAnItem = () =>
  sleep(Number(process.env.HEARTBEAT_ITEM_MS ?? 500));

// @@@SNIPSTART heartbeat-resume-activity
/** Why this attempt was asked to stop, in the words of the log line. */
function cancellationReason(): string {
  const details = cancellationDetails();
  if (details?.cancelRequested) return 'the workflow was cancelled';
  if (details?.workerShutdown) return 'the Worker is shutting down';
  if (details?.timedOut) return 'the attempt timed out';
  if (details?.paused) return 'the activity was paused';
  if (details?.reset) return 'the activity was reset';
  return 'the server no longer knows this attempt';
}

export function createActivities({
  processItem = pauseForAnItem,
  failAtItem,
}: BatchOptions = {}) {
  return {
    async processBatch({ itemCount }: BatchInput): Promise<AttemptRecord[]> {
      const { attempt } = activityInfo();
      const signal = cancellationSignal();
      // Empty on attempt 1; afterwards, the details of the last heartbeat
      // the server recorded.
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
          // A cancellation arrives with the reply to a heartbeat; work that
          // does not watch the signal is only stopped here, between items.
          signal.throwIfAborted();
          await processItem(item, signal);
        } catch (error) {
          if (signal.aborted)
            log.info(`Cancelled at item ${item} (${cancellationReason()})`);
          throw error;
        }
        log.info(`Processed item ${item}`);
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
