// @@@SNIPSTART money-transfer-errors
/** Why the bank refused an operation: a decision, not a fault to retry. */
export type RefusalCode =
  | 'InvalidAccountError' // no such account, or an id too long for one
  | 'InvalidReferenceError' // a reference too long to be one
  | 'InsufficientFundsError' // the source account holds too little
  | 'InvalidAmountError' // not a positive whole number
  | 'IdempotencyKeyReused' // same key, different account or amount
  | 'PaymentSettledError'; // a deposit after a refund, or the reverse

/** The bank's definite "no". It knows nothing of Temporal. */
export class BankRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}
// @@@SNIPEND
