// `pnpm bank`: the money in sight. The balances, and per reference what the
// bank applied (withdrawn, deposited, refunded); `--reset` opens the bank
// again with its opening balances and an empty journal.
import { Bank } from './bank';
import { parseOptions, runMain } from './program';

const usage = `Usage: pnpm bank [--reference ID] [--reset] [--help] [--verbose]
Shows the balances and the journal of the bank in BANK_FILE (default
.bank/bank.sqlite); --reference shows one payment's entries only.`;

async function run(): Promise<void> {
  const values = parseOptions(usage, {
    reference: { type: 'string' },
    reset: { type: 'boolean' },
  });
  if (!values) return;
  const bank = new Bank();
  if (values.reset) bank.reset();
  const balances = Object.entries(bank.balances());
  const total = balances.reduce((sum, [, balance]) => sum + balance, 0);
  console.log(`Balances (total ${total}):`);
  for (const [account, balance] of balances)
    console.log(`  ${account}  ${String(balance).padStart(6)}`);
  const journal = bank.journal(values.reference);
  const which = values.reference ? ` of ${values.reference}` : '';
  console.log(`Journal${which}: ${journal.length} operation(s)`);
  for (const { reference, operation, account, delta } of journal) {
    const amount = (delta > 0 ? '+' : '') + String(delta);
    console.log(`  ${reference}  ${operation.padEnd(8)} ${account} ${amount}`);
  }
}

runMain(usage, run);
