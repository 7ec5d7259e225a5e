// Runs before each test file: send the SDK's logs, the native core's included, through console,
// so that vitest shows them for a test that failed and keeps quiet about the ones that passed.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({
  logger: new DefaultLogger('WARN', ({ level, message, meta }) => {
    const error = meta?.error instanceof Error ? `: ${meta.error.message}` : '';
    console.warn(`[temporal ${level}] ${message}${error}`);
  }),
  telemetryOptions: { logging: { filter: 'WARN', forward: {} } },
});
