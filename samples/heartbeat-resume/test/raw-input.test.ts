// Input from outside the TypeScript client: raw payloads, as another SDK or a
// script may send them, to the sample's workflow on a real Worker.
import { describe, it } from 'vitest';
import { createActivities } from '../src/activities';
import {
  expectRefused,
  hugeString,
  jsonPayload,
  rawStarts,
  testHostileInputs,
} from './helpers';

const start = rawStarts(createActivities());
const huge = JSON.stringify(hugeString);

testHostileInputs(
  start,
  'batchWorkflow',
  'InvalidInputError',
  /must be an object/,
);

describe.concurrent('batchWorkflow, started raw with one field wrong', () => {
  it.each([
    ['a 1.5 MB count', `{"itemCount":${huge}}`, /itemCount must be .*\.\.\./],
    [
      'a 1.5 MB field name',
      `{"itemCount":1,${huge}:1}`,
      /unknown fields \["x+\.\.\. \(\d+ characters\)/,
    ],
  ])('%s: refused at once, naming the field', async (_, json, says) => {
    const run = await start('batchWorkflow', [jsonPayload(json)]);
    expectRefused(run, 'InvalidInputError', says);
  });
});
