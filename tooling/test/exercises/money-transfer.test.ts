// The exercise at the end of the tutorial page, kept honest both ways (see
// tooling/src/exercise-tests.ts): these are the lines `pnpm exercise` prints.
import { testExercises } from '../../src/exercise-tests';

testExercises(new URL('../../../samples/money-transfer/', import.meta.url), {
  'refund-retries': {
    solution:
      'refund-retries (solution): passes. The refund is retried without limit, ' +
      'at most 10 s apart, and succeeded on attempt 8; the deposit gave up after 5 attempts.',
    practice:
      'refund-retries (practice): not yet. The refund was scheduled with ' +
      'maximumAttempts 5: it gave up, and the money is nowhere. Give refund ' +
      'options of its own, without maximumAttempts.',
  },
});
