import { activityInfo, log, sleep } from '@temporalio/activity';

// @@@SNIPSTART activity-timeouts-activities
// A price service whose first call hangs and whose later calls answer.
export async function lookUpPrice(item: string): Promise<number> {
  const { attempt } = activityInfo();
  log.info(`lookUpPrice attempt ${attempt}`);
  // The SDK's sleep ends when the attempt is abandoned, unlike setTimeout.
  if (attempt === 1) await sleep('1 hour');
  return item.length * 100;
}

// A payment service that never answers.
export async function chargeCard(cents: number): Promise<string> {
  log.info(`chargeCard attempt ${activityInfo().attempt}`);
  await sleep('1 hour');
  return `Charged ${cents} cents`;
}
// @@@SNIPEND
