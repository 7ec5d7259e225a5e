import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Bank } from '../src/bank';
import { BankRefusal, type RefusalCode } from '../src/errors';

const scratch = mkdtempSync(path.join(tmpdir(), 'money-transfer-bank-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let banks = 0;
const newBankFile = () => path.join(scratch, `bank-${++banks}.sqlite`);

function refusalOf(operation: () => unknown): RefusalCode | undefined {
  try {
    operation();
  } catch (error) {
    if (error instanceof BankRefusal) return error.code;
    throw error;
  }
  return undefined;
}

describe('Bank', () => {
  it('applies an idempotency key once and returns the first transaction id to a retry', () => {
    const bank = new Bank(newBankFile(), { alice: 100, bob: 0 });
    const first = bank.withdraw('alice', 30, 'ref-1');
    const retry = bank.withdraw('alice', 30, 'ref-1');

    expect(retry).toBe(first);
    expect(bank.balances()).toEqual({ alice: 70, bob: 0 });
    expect(bank.journal()).toHaveLength(1);
  });

  it('keeps balances and applied keys in its file, for the next process to find', () => {
    const file = newBankFile();
    const first = new Bank(file, { alice: 100 });
    const transactionId = first.withdraw('alice', 40, 'ref-2');
    // Opening balances apply to a new bank only.
    const reopened = new Bank(file, { alice: 100, bob: 5 });

    expect(reopened.withdraw('alice', 40, 'ref-2')).toBe(transactionId);
    expect(reopened.balances()).toEqual({ alice: 60 });
  });

  it('opens again with its opening balances and an empty journal on reset (pnpm bank --reset)', () => {
    const file = newBankFile();
    const bank = new Bank(file, { alice: 100, bob: 0 });
    bank.withdraw('alice', 40, 'ref-3');
    bank.deposit('bob', 40, 'ref-3');
    bank.reset();

    expect(bank.balances()).toEqual({ alice: 100, bob: 0 });
    expect(bank.journal()).toEqual([]);
    // The key is free again: the operation is applied anew.
    bank.withdraw('alice', 40, 'ref-3');
    expect(new Bank(file).balances()).toEqual({ alice: 60, bob: 0 });
  });

  it('refuses a reused key with another account or amount, moving nothing', () => {
    const bank = new Bank(newBankFile(), { alice: 100, bob: 100 });
    bank.withdraw('alice', 10, 'ref-3');

    expect(refusalOf(() => bank.withdraw('alice', 11, 'ref-3'))).toBe(
      'IdempotencyKeyReused',
    );
    expect(refusalOf(() => bank.withdraw('bob', 10, 'ref-3'))).toBe(
      'IdempotencyKeyReused',
    );
    expect(bank.balances()).toEqual({ alice: 90, bob: 100 });
  });

  it('lets one payment be deposited or refunded, never both, in either order', () => {
    const bank = new Bank(newBankFile(), { alice: 100, bob: 0 });
    bank.withdraw('alice', 10, 'refunded');
    bank.refund('alice', 10, 'refunded');
    bank.withdraw('alice', 10, 'deposited');
    bank.deposit('bob', 10, 'deposited');

    expect(refusalOf(() => bank.deposit('bob', 10, 'refunded'))).toBe(
      'PaymentSettledError',
    );
    expect(refusalOf(() => bank.refund('alice', 10, 'deposited'))).toBe(
      'PaymentSettledError',
    );
    expect(bank.balances()).toEqual({ alice: 90, bob: 10 });
  });

  it.each([0, -5, 2.5, Number.NaN, 2 ** 53])(
    'refuses the amount %s, moving nothing',
    (amount) => {
      const bank = new Bank(newBankFile(), { alice: 100, bob: 0 });
      expect(refusalOf(() => bank.withdraw('alice', amount, 'r'))).toBe(
        'InvalidAmountError',
      );
      expect(refusalOf(() => bank.deposit('bob', amount, 'r'))).toBe(
        'InvalidAmountError',
      );
      expect(bank.balances()).toEqual({ alice: 100, bob: 0 });
      expect(bank.journal()).toEqual([]);
    },
  );

  it('refuses an unknown account and an overdraft, moving nothing', () => {
    const bank = new Bank(newBankFile(), { alice: 100 });
    expect(refusalOf(() => bank.deposit('nobody', 5, 'k1'))).toBe(
      'InvalidAccountError',
    );
    expect(refusalOf(() => bank.withdraw('alice', 101, 'k2'))).toBe(
      'InsufficientFundsError',
    );
    expect(bank.balances()).toEqual({ alice: 100 });
    expect(bank.journal()).toEqual([]);
  });

  it('refuses an account id or a reference too long to be one, moving nothing', () => {
    const bank = new Bank(newBankFile(), { alice: 100 });
    const long = 'x'.repeat(65);
    expect(refusalOf(() => bank.deposit(long, 5, 'k1'))).toBe(
      'InvalidAccountError',
    );
    expect(() => bank.deposit(long, 5, 'k1')).toThrow(
      'An account id has at most 64 characters, not 65',
    );
    expect(refusalOf(() => bank.withdraw('alice', 5, long))).toBe(
      'InvalidReferenceError',
    );
    expect(bank.balances()).toEqual({ alice: 100 });
    expect(bank.journal()).toEqual([]);
  });

  it('loses no update when several processes write the same file at once', async () => {
    const file = newBankFile();
    new Bank(file, { alice: 1000, bob: 0 });
    // Separate processes share only the file, as separate Workers do.
    const writer = (name: string) => `
      const { Bank } = await import(${JSON.stringify(
        new URL('../src/bank.ts', import.meta.url).href,
      )});
      const bank = new Bank(${JSON.stringify(file)}, {});
      for (let i = 0; i < 50; i++) {
        bank.withdraw('alice', 1, '${name}-' + i);
        bank.deposit('bob', 1, '${name}-' + i);
      }`;
    await Promise.all(
      ['p1', 'p2', 'p3', 'p4'].map(async (name) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', writer(name)],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        );
        const [code] = (await once(child, 'close')) as [number];
        expect(code).toBe(0);
      }),
    );
    const bank = new Bank(file, {});
    expect(bank.balances()).toEqual({ alice: 800, bob: 200 });
    expect(bank.journal()).toHaveLength(400);
  });
});
