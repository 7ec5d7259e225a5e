// Input from outside the TypeScript client: raw payloads, as another SDK or a
// script may send them, to the sample's workflow on a real Worker.
import * as activities from '../src/activities';
import { rawStarts, testHostileInputs } from './helpers';

const start = rawStarts(activities);
testHostileInputs(
  start,
  'greetingWorkflow',
  'InvalidInputError',
  /name must be/,
);
