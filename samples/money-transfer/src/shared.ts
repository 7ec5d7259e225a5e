import { parseOptions } from './cli';

// @@@SNIPSTART money-transfer-shared
// The Worker polls this Task Queue and the starter sends work to it: one
// constant keeps them in step.
export const TASK_QUEUE = 'money-transfer';

// One input object: a field added later does not change the workflow's
// signature.
export interface PaymentDetails {
  sourceAccount: string;
  targetAccount: string;
  /**
   * Whole currency units: integers, so no rounding ever creates or loses
   * money.
   */
  amount: number;
  /**
   * Unique per payment; the bank uses it to apply each operation at most
   * once.
   */
  referenceId: string;
}
// @@@SNIPEND

/**
 * One execution per payment: Temporal refuses a second workflow with the same
 * id.
 */
export function transferWorkflowId(referenceId: string): string {
  return `transfer-${referenceId}`;
}

export const MAXIMUM_TRANSFER = 1_000_000;

/**
 * What is wrong with a payment, or an empty list: the starter's checks. The
 * bank has its own; the workflow checks only the fields' types.
 */
export function paymentProblems({
  sourceAccount,
  targetAccount,
  amount,
  referenceId,
}: PaymentDetails): string[] {
  const problems: string[] = [];
  if (!sourceAccount?.trim()) problems.push('the source account is empty');
  if (!targetAccount?.trim()) problems.push('the target account is empty');
  if (sourceAccount === targetAccount)
    problems.push('the source and target accounts are the same');
  if (!Number.isInteger(amount) || amount <= 0) {
    problems.push(`the amount must be a positive whole number (got ${amount})`);
  } else if (amount > MAXIMUM_TRANSFER) {
    problems.push(
      `the amount ${amount} is over the limit of ${MAXIMUM_TRANSFER} ` +
        'per transfer',
    );
  }
  if (!referenceId?.trim()) problems.push('the reference id is empty');
  return problems;
}

/**
 * The payment that `pnpm workflow --from 85-150 --to 43-812 --amount 250
 * --reference invoice-701` asks for, each option with a default; or 'help'.
 */
export function paymentFromArgs(args: string[]): PaymentDetails | 'help' {
  const options = ['from', 'to', 'amount', 'reference'];
  const values = parseOptions(args, options);
  if (values === 'help') return 'help';
  return {
    sourceAccount: values.from ?? '85-150',
    targetAccount: values.to ?? '43-812',
    amount: Number(values.amount ?? 250),
    referenceId:
      values.reference ?? `payment-${crypto.randomUUID().slice(0, 8)}`,
  };
}
