/**
 * A small bank for the activities to call: balances and a journal of applied operations in a
 * JSON file, so a Worker that crashes and restarts finds the money where it left it.
 *
 * Each operation carries an idempotency key. The bank applies a key once; a retry with the same
 * key gets the first transaction id back and moves nothing. That is what makes it safe for
 * Temporal to retry an activity whose earlier attempt may have reached the bank.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  link,
  mkdir,
  readFile,
  rename,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InsufficientFundsError, InvalidAccountError } from './errors';

export interface Operation {
  key: string;
  transactionId: string;
  account: string;
  /** Positive for money in, negative for money out. */
  delta: number;
}

export interface Ledger {
  balances: Record<string, number>;
  journal: Operation[];
}

/** Where the bank keeps its file: BANK_FILE, or .bank/ledger.json in the sample's folder. */
export function bankFile(): string {
  return (
    process.env.BANK_FILE ??
    fileURLToPath(new URL('../.bank/ledger.json', import.meta.url))
  );
}

/** The accounts a new bank opens with. */
export function seedAccounts(): Record<string, number> {
  return JSON.parse(
    readFileSync(new URL('./accounts.json', import.meta.url), 'utf8'),
  ) as Record<string, number>;
}

const lockRetryMs = 5;
const lockTimeoutMs = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Bank {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string = bankFile(),
    private readonly openingBalances: Record<string, number> = seedAccounts(),
  ) {}

  withdraw(account: string, amount: number, key: string): Promise<string> {
    return this.apply(key, account, -amount);
  }

  deposit(account: string, amount: number, key: string): Promise<string> {
    return this.apply(key, account, amount);
  }

  async ledger(): Promise<Ledger> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Ledger;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return { balances: { ...this.openingBalances }, journal: [] };
    }
  }

  private apply(key: string, account: string, delta: number): Promise<string> {
    // One operation at a time in this process; the lock file covers other processes.
    const result = this.queue.then(() =>
      this.withLock(() => this.applyUnlocked(key, account, delta)),
    );
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async applyUnlocked(
    key: string,
    account: string,
    delta: number,
  ): Promise<string> {
    const ledger = await this.ledger();
    const applied = ledger.journal.find((operation) => operation.key === key);
    if (applied) return applied.transactionId;

    const balance = ledger.balances[account];
    if (balance === undefined) throw new InvalidAccountError(account);
    if (balance + delta < 0)
      throw new InsufficientFundsError(account, balance, -delta);

    const transactionId = randomUUID();
    ledger.balances[account] = balance + delta;
    ledger.journal.push({ key, transactionId, account, delta });
    // Write a new file and rename it over the old one: a crash leaves the old or the new ledger, never half of one.
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(ledger));
    await rename(temporary, this.file);
    return transactionId;
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const lock = `${this.file}.lock`;
    await mkdir(path.dirname(lock), { recursive: true });
    const deadline = Date.now() + lockTimeoutMs;
    while (!(await createHolding(lock))) {
      const holder = await holderOf(lock);
      // A Worker killed while holding the lock leaves it behind: remove it for it.
      if (holder && !isAlive(holder)) await removeStaleLock(lock, holder);
      if (Date.now() > deadline)
        throw new Error(
          `The bank is still locked by process ${holder} after ${lockTimeoutMs / 1000} s (${lock}): stop that process if it hangs.`,
        );
      await new Promise((resolve) => setTimeout(resolve, lockRetryMs));
    }
    try {
      return await work();
    } finally {
      await unlink(lock);
    }
  }
}

/** Creates `file` holding this process's id, all at once, unless it exists. Says whether it did. */
async function createHolding(file: string): Promise<boolean> {
  const draft = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, String(process.pid));
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await unlink(draft);
  }
}

async function holderOf(file: string): Promise<number | undefined> {
  const content = await readFile(file, 'utf8').catch(() => undefined);
  return content ? Number(content) : undefined;
}

/**
 * Removes the lock of a process that died holding it. One process at a time, and only while that
 * process still holds it: two processes removing it at once could remove a lock a third just took.
 * (If a process dies within this step too, its guard is removed the same way, without a guard: a
 * real bank is a database with transactions.)
 */
async function removeStaleLock(
  lock: string,
  deadHolder: number,
): Promise<void> {
  const guard = `${lock}.takeover`;
  if (!(await createHolding(guard))) {
    const guardHolder = await holderOf(guard);
    if (guardHolder && !isAlive(guardHolder))
      await unlink(guard).catch(() => undefined);
    return;
  }
  try {
    if ((await holderOf(lock)) === deadHolder) await unlink(lock);
  } finally {
    await unlink(guard);
  }
}
