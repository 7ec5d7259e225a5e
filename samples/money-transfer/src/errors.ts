import { ApplicationFailure } from '@temporalio/common';

// @@@SNIPSTART money-transfer-errors
// Temporal decides whether to retry by a failure's type, a string. By default that is the
// error's class name, which a bundler or minifier may rename; these errors state it explicitly.
export class InvalidAccountError extends ApplicationFailure {
  static readonly type = 'InvalidAccountError';
  constructor(account: string) {
    super(`Account ${account} does not exist`, InvalidAccountError.type);
  }
}

export class InsufficientFundsError extends ApplicationFailure {
  static readonly type = 'InsufficientFundsError';
  constructor(account: string, balance: number, amount: number) {
    super(
      `Account ${account} has ${balance}, not enough to withdraw ${amount}`,
      InsufficientFundsError.type,
    );
  }
}
// @@@SNIPEND
