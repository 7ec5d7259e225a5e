// The exercise at the end of the tutorial page, kept honest both ways (see
// tooling/src/exercise-tests.ts): these are the lines `pnpm exercise` prints.
import { testExercises } from '../../src/exercise-tests';

testExercises(new URL('../../../samples/heartbeat-resume/', import.meta.url), {
  'heartbeat-every': {
    solution:
      'heartbeat-every (solution): passes. Heartbeating every 5 items, a failure ' +
      'at item 7 redid 2 (items 5-6) and a failure at item 13 redid 3 (items 10-12): ' +
      'at most 4 items are redone.',
    practice:
      'heartbeat-every (practice): not yet. After a failure at item 7, attempt 2 ' +
      'resumed at item 7 itself: the activity still heartbeats after every item. ' +
      'Heartbeat after every 5 items.',
  },
});
