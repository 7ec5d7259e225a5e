// The exercise at the end of the tutorial page, kept honest both ways (see
// tooling/src/exercise-tests.ts): these are the lines `pnpm exercise` prints.
import { testExercises } from '../../src/exercise-tests';

testExercises(new URL('../../../samples/hello-retry/', import.meta.url), {
  'non-retryable': {
    solution:
      'non-retryable (solution): passes. A blank name failed on attempt 1 ' +
      'with a BlankName failure, never retried, and "World" was greeted on attempt 4.',
    practice:
      'non-retryable (practice): not yet. The name "" got "Hello, !" after ' +
      '4 attempt(s); refuse a blank name with a non-retryable failure.',
  },
});
