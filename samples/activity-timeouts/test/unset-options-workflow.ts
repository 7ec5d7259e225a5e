// The sample's workflows, and packOrder with heartbeatTimeout and
// cancellationType left out: what the SDK does when they are not set.
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../src/activities';

export * from '../src/workflows';

const { packOrder } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 minutes',
});

export async function packOrderUnsetWorkflow(item: string): Promise<string> {
  return await packOrder(item);
}
