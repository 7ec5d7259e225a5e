// The exercise at the end of the tutorial page, kept honest both ways (see
// tooling/src/exercise-tests.ts): these are the lines `pnpm exercise` prints.
import { testExercises } from '../../src/exercise-tests';

testExercises(new URL('../../../samples/hello-activity/', import.meta.url), {
  farewell: {
    solution:
      'farewell (solution): passes. The workflow scheduled composeGreeting, ' +
      'then composeFarewell, and returned "Hello, Ada! Goodbye, Ada!".',
    practice:
      'farewell (practice): not yet. No composeFarewell function in ' +
      'activities.ts: export one next to composeGreeting.',
  },
});
