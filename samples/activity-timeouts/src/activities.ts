import { activityInfo, heartbeat, log, sleep } from '@temporalio/activity';

// @@@SNIPSTART activity-timeouts-activities
// A price service whose first call hangs and whose later calls answer.
export async function lookUpPrice(item: string): Promise<number> {
  const { attempt } = activityInfo();
  log.info(`lookUpPrice attempt ${attempt}`);
  // Unlike setTimeout, the SDK's sleep rejects when the attempt is cancelled:
  // the Worker does that 5 s after the timeout, while attempt 2 runs.
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

// @@@SNIPSTART activity-timeouts-more-activities
// Booked by the warehouse's Worker, which is down: no attempt ever starts.
export async function bookCourier(item: string): Promise<string> {
  return `Courier booked for ${item}`;
}

// Packing takes a minute; the heartbeats carry a cancellation back to it.
export async function packOrder(item: string): Promise<string> {
  for (let second = 1; second <= 60; second++) {
    heartbeat(second);
    await sleep('1 second');
  }
  return `Packed ${item}`;
}
// @@@SNIPEND
