// The sample's workflows, and one that calls packOrder twice in the same
// scope and reports what each call threw once the workflow was cancelled.
import {
  ActivityCancellationType,
  ActivityFailure,
  CancelledFailure,
  isCancellation,
  proxyActivities,
} from '@temporalio/workflow';
import type * as activities from '../src/activities';

export * from '../src/workflows';

const { packOrder } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '2 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

/** The first call is running when the cancel comes; the second comes after. */
export async function cancellationShapesWorkflow(
  item: string,
): Promise<string[]> {
  const shapes: string[] = [];
  for (const call of ['running', 'after the cancel']) {
    try {
      await packOrder(item);
    } catch (error) {
      const shape =
        error instanceof ActivityFailure
          ? `ActivityFailure <- ${error.cause?.constructor.name}`
          : error instanceof CancelledFailure
            ? 'CancelledFailure'
            : String(error);
      shapes.push(`${call}: ${shape}, isCancellation ${isCancellation(error)}`);
    }
  }
  return shapes;
}
