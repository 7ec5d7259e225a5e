// Input from outside the TypeScript client: raw payloads, as another SDK or a
// script may send them, to the sample's workflow on a real Worker.
import { describe, it } from 'vitest';
import * as activities from '../src/activities';
import { expectRefused, hostileInputs, rawStarts } from './helpers';

const start = rawStarts(activities);

describe.concurrent('greetingWorkflow, started with raw payloads', () => {
  it.each(hostileInputs)(
    '%s: refused at once, naming the name and showing it briefly',
    async (_, payload, shown) => {
      const run = await start('greetingWorkflow', [payload]);
      expectRefused(run, 'InvalidInputError', /name must be/, shown);
    },
  );
});
