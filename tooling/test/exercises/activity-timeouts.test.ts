// The exercise at the end of the tutorial page, kept honest both ways (see
// tooling/src/exercise-tests.ts): these are the lines `pnpm exercise` prints.
import { testExercises } from '../../src/exercise-tests';

testExercises(new URL('../../../samples/activity-timeouts/', import.meta.url), {
  'price-budget': {
    solution:
      'price-budget (solution): passes. A price service that never answered ' +
      'failed the order after 3 attempts with a schedule-to-close timeout, ' +
      'and the usual one answered 600 on attempt 2.',
    practice:
      'price-budget (practice): not yet. A price service that never answers ' +
      'was still being retried at attempt 5; give lookUpPrice a total budget of 5 seconds.',
  },
});
