// Input from outside the TypeScript client: raw payloads, as another SDK or a
// script may send them, to the sample's workflow on a real Worker and bank.
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import { appliedOf, expectMoneyInOnePlace, newBank, payment } from './harness';
import {
  expectRefused,
  hugeString,
  jsonPayload,
  rawStarts,
  testHostileInputs,
} from './helpers';

const bank = newBank();
const start = rawStarts(createActivities(bank));

testHostileInputs(
  start,
  'moneyTransfer',
  'InvalidPaymentError',
  /not an object/,
);

describe.concurrent('moneyTransfer, started raw with one field wrong', () => {
  it.each(['sourceAccount', 'targetAccount', 'referenceId'])(
    'a 1.5 MB %s: refused at once, naming it, before any money moves',
    async (field) => {
      const details = { ...payment(), [field]: hugeString };
      const run = await start('moneyTransfer', [
        jsonPayload(JSON.stringify(details)),
      ]);
      expectRefused(
        run,
        'InvalidPaymentError',
        new RegExp(`${field} must be .*\\.\\.\\. \\(1500000 characters\\)`),
      );
      expect(appliedOf(bank, details.referenceId)).toEqual([0, 0, 0]);
      expectMoneyInOnePlace(bank, details.referenceId);
    },
  );

  it('an amount of NaN, as Python writes it: refused at once', async () => {
    const { referenceId } = payment();
    const json = JSON.stringify({ ...payment(), referenceId, amount: 0 });
    const run = await start('moneyTransfer', [
      jsonPayload(json.replace('"amount":0', '"amount":NaN')),
    ]);
    expectRefused(run, 'InvalidPaymentError', /unreadable input/);
    expect(appliedOf(bank, referenceId)).toEqual([0, 0, 0]);
    expectMoneyInOnePlace(bank, referenceId);
  });
});
