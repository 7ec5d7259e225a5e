// Input from outside the TypeScript client: raw payloads, as another SDK or a
// script may send them, to the sample's workflow on a real Worker.
import { describe, it } from 'vitest';
import * as activities from '../src/activities';
import { expectRefused, hostileInputs, rawStarts } from './helpers';

const start = rawStarts(activities);

describe.concurrent('orderWorkflow, started with raw payloads', () => {
  it.each(hostileInputs)(
    '%s: refused at once, naming the item and showing it briefly',
    async (_, payload, shown) => {
      const run = await start('orderWorkflow', [payload]);
      expectRefused(run, 'InvalidInputError', /item must be/, shown);
    },
  );
});
