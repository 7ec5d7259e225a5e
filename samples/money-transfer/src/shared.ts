// @@@SNIPSTART money-transfer-shared
// The Worker polls this Task Queue and the starter sends work to it: one
// constant keeps them in step.
export const TASK_QUEUE = 'money-transfer';

// One input object: a field added later does not change the workflow's
// signature.
export interface PaymentDetails {
  sourceAccount: string;
  targetAccount: string;
  /** Whole currency units: no rounding ever creates or loses money. */
  amount: number;
  /** Unique per payment: the bank applies each operation once per reference. */
  referenceId: string;
}
// @@@SNIPEND

/**
 * The longest account id or reference anyone accepts: longer than any real
 * one, so that messages and log lines naming them stay short. Fixed for good:
 * a replay checks a running transfer's input again.
 */
export const LONGEST_ID = 64;

/** One workflow per payment: its id is made of the payment's reference. */
export function transferWorkflowId(referenceId: string): string {
  return `transfer-${referenceId}`;
}
