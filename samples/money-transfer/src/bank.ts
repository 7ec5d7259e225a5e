/**
 * A small bank for the activities: accounts and a journal in an SQLite file
 * that survives a Worker's crash and that several Workers can share. Each
 * operation's idempotency key (the reference and the operation) is applied
 * once: a retry gets the first transaction id back and moves nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { BankRefusal, type RefusalCode } from './errors';
import { LONGEST_ID } from './shared';

export type Operation = 'withdraw' | 'deposit' | 'refund';

export interface JournalEntry {
  reference: string;
  operation: Operation;
  account: string;
  delta: number; // positive for money in, negative for money out
  transactionId: string;
}

const schema = `
  CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    balance INTEGER NOT NULL CHECK (balance >= 0));
  CREATE TABLE IF NOT EXISTS journal (
    reference TEXT NOT NULL,
    operation TEXT NOT NULL,
    account TEXT NOT NULL,
    delta INTEGER NOT NULL,
    transactionId TEXT NOT NULL,
    PRIMARY KEY (reference, operation));`;

export class Bank {
  private readonly db: Database.Database;

  constructor(
    // BANK_FILE, or .bank/bank.sqlite in the sample's folder.
    readonly file = process.env.BANK_FILE ??
      fileURLToPath(new URL('../.bank/bank.sqlite', import.meta.url)),
    // The accounts a new bank opens with.
    private readonly openingBalances = JSON.parse(
      readFileSync(new URL('./accounts.json', import.meta.url), 'utf8'),
    ) as Record<string, number>,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Wait for another Worker's write at most 1 s, well within the
    // activities' 5-second start-to-close timeout.
    this.db = new Database(file, { timeout: 1000 });
    this.db.pragma('journal_mode = WAL'); // readers never block the writer
    this.db.exec(schema);
    this.inTransaction(() => {
      if (!this.db.prepare('SELECT 1 FROM accounts').get()) this.openAccounts();
    });
  }

  /** Back to the opening balances, with an empty journal. */
  reset(): void {
    this.inTransaction(() => {
      this.db.exec('DELETE FROM journal; DELETE FROM accounts;');
      this.openAccounts();
    });
  }

  private openAccounts(): void {
    const open = this.db.prepare('INSERT INTO accounts VALUES (?, ?)');
    for (const account of Object.entries(this.openingBalances))
      open.run(account);
  }

  // IMMEDIATE takes the write lock at once: no other Worker writes between.
  private inTransaction(work: () => void): void {
    this.db.transaction(work).immediate();
  }

  withdraw(account: string, amount: number, reference: string): string {
    return this.apply('withdraw', account, amount, reference);
  }

  deposit(account: string, amount: number, reference: string): string {
    return this.apply('deposit', account, amount, reference);
  }

  refund(account: string, amount: number, reference: string): string {
    return this.apply('refund', account, amount, reference);
  }

  balances(): Record<string, number> {
    const accounts = this.db.prepare('SELECT * FROM accounts ORDER BY id');
    return Object.fromEntries(accounts.raw().all() as [string, number][]);
  }

  /** Every applied operation, or one payment's, in the order applied. */
  journal(reference?: string): JournalEntry[] {
    return this.db
      .prepare(
        `SELECT * FROM journal WHERE @reference IS NULL
         OR reference = @reference ORDER BY rowid`,
      )
      .all({ reference: reference ?? null }) as JournalEntry[];
  }

  private apply(
    operation: Operation,
    account: string,
    amount: number,
    reference: string,
  ): string {
    // First: every message below then names ids of a bounded size.
    if (account.length > LONGEST_ID)
      refuse(
        'InvalidAccountError',
        `An account id has at most ${LONGEST_ID} characters, ` +
          `not ${account.length}`,
      );
    if (reference.length > LONGEST_ID)
      refuse(
        'InvalidReferenceError',
        `A reference has at most ${LONGEST_ID} characters, ` +
          `not ${reference.length}`,
      );
    if (!Number.isSafeInteger(amount) || amount <= 0)
      refuse('InvalidAmountError', `${amount} is not a positive whole number`);
    const delta = operation === 'withdraw' ? -amount : amount;
    // IMMEDIATE takes the write lock before the first check, so nothing can
    // change between the checks and the writes.
    return this.db
      .transaction(() => {
        const payment = this.journal(reference);
        const earlier = payment.find((entry) => entry.operation === operation);
        if (earlier?.account === account && earlier.delta === delta)
          return earlier.transactionId;
        if (earlier)
          refuse(
            'IdempotencyKeyReused',
            `The ${operation} of ${reference} was ${Math.abs(earlier.delta)} ` +
              `on ${earlier.account}, not ${amount} on ${account}`,
          );
        // The deposit and the refund of a payment exclude each other: the money
        // goes on to the target or back to the source, never both.
        const settled = payment.find((entry) => entry.operation !== 'withdraw');
        if (settled && operation !== 'withdraw')
          refuse(
            'PaymentSettledError',
            `${reference} was already settled by a ${settled.operation}`,
          );
        const balance = this.db
          .prepare('SELECT balance FROM accounts WHERE id = ?')
          .pluck()
          .get(account) as number | undefined;
        if (balance === undefined)
          refuse('InvalidAccountError', `Account ${account} does not exist`);
        if (balance + delta < 0)
          refuse(
            'InsufficientFundsError',
            `Account ${account} has ${balance}, ` +
              `not enough to withdraw ${amount}`,
          );
        const transactionId = randomUUID();
        this.db
          .prepare('UPDATE accounts SET balance = balance + ? WHERE id = ?')
          .run(delta, account);
        this.db
          .prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?)')
          .run(reference, operation, account, delta, transactionId);
        return transactionId;
      })
      .immediate();
  }
}

function refuse(code: RefusalCode, message: string): never {
  throw new BankRefusal(code, message);
}
