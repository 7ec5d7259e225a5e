import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ApplicationFailure,
  ensureApplicationFailure,
} from '@temporalio/common';
import { scratchDir } from '@temporal-tutorials/tooling/testing';
import { describe, expect, it } from 'vitest';
import { Bank } from '../src/bank';
import { InsufficientFundsError, InvalidAccountError } from '../src/errors';

const newBankFile = () => path.join(scratchDir('bank'), 'ledger.json');

describe('Bank', () => {
  it('applies an idempotency key once and returns the first transaction id to a retry', async () => {
    const bank = new Bank(newBankFile(), { alice: 100, bob: 0 });
    const first = await bank.withdraw('alice', 30, 'ref-1-withdraw');
    const retry = await bank.withdraw('alice', 30, 'ref-1-withdraw');

    expect(retry).toBe(first);
    const ledger = await bank.ledger();
    expect(ledger.balances).toEqual({ alice: 70, bob: 0 });
    expect(ledger.journal).toHaveLength(1);
  });

  it('keeps balances and applied keys in its file, for the next process to find', async () => {
    const file = newBankFile();
    const transactionId = await new Bank(file, { alice: 100 }).withdraw(
      'alice',
      40,
      'ref-2-withdraw',
    );
    const reopened = new Bank(file, { alice: 100 });

    expect(await reopened.withdraw('alice', 40, 'ref-2-withdraw')).toBe(
      transactionId,
    );
    expect((await reopened.ledger()).balances).toEqual({ alice: 60 });
  });

  it('loses no update when many operations run at once', async () => {
    const bank = new Bank(newBankFile(), { alice: 1000, bob: 0 });
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        Promise.all([
          bank.withdraw('alice', 10, `r${index}-w`),
          bank.deposit('bob', 10, `r${index}-d`),
        ]),
      ),
    );
    expect((await bank.ledger()).balances).toEqual({ alice: 500, bob: 500 });
  });

  it('loses no update when several processes share the file and crashed ones left locks behind', async () => {
    const file = newBankFile();
    // The pid of a process that has exited: the lock it "held" is stale.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${file}.lock`, String(deadPid));
    // ...and one that died while removing a stale lock left its guard too.
    writeFileSync(`${file}.lock.takeover`, String(deadPid));
    // Separate Bank objects share only the file and its lock, as separate Worker processes do.
    const banks = Array.from(
      { length: 8 },
      () => new Bank(file, { alice: 1000, bob: 0 }),
    );
    await Promise.all(
      banks.flatMap((bank, b) =>
        Array.from({ length: 10 }, (_, index) =>
          bank.withdraw('alice', 1, `bank${b}-r${index}-w`),
        ),
      ),
    );
    const ledger = await banks[0]!.ledger();
    expect(ledger.balances).toEqual({ alice: 920, bob: 0 });
    expect(ledger.journal).toHaveLength(80);
  });

  it('rejects an unknown account and an overdraft with typed errors, moving nothing', async () => {
    const bank = new Bank(newBankFile(), { alice: 100 });
    await expect(bank.deposit('nobody', 5, 'k1')).rejects.toBeInstanceOf(
      InvalidAccountError,
    );
    await expect(bank.withdraw('alice', 101, 'k2')).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(await bank.ledger()).toEqual({
      balances: { alice: 100 },
      journal: [],
    });
  });
});

describe('error types', () => {
  it('keep their type when a minifier renames the class, unlike a plain Error', () => {
    const Renamed = class extends InsufficientFundsError {};
    const PlainRenamed = class extends Error {};

    expect(ensureApplicationFailure(new Renamed('alice', 1, 2))).toMatchObject({
      type: 'InsufficientFundsError',
    });
    expect(ensureApplicationFailure(new PlainRenamed('x')).type).toBe(
      'PlainRenamed',
    );
    expect(new InvalidAccountError('x')).toBeInstanceOf(ApplicationFailure);
  });
});
