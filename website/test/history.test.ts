// The history views' content as the build computes it (src/remark/history.ts), from the real
// fixtures and the snippets each page really shows: every event of the runs the tutorials tell
// points at the line of code that made it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSnippets, renderSnippet } from '@temporal-tutorials/tooling/snippets';
import { describe, expect, it } from 'vitest';
import { historyBlock, historyView, pageCodeOf, type HistoryViewData, type PageCode } from '../src/remark/history';
import { embedsOf, loadPages, websiteDir } from './pages';

const repoRoot = path.join(websiteDir, '..');
const snippets = loadSnippets(path.join(repoRoot, 'samples'));

/** Each history a page shows, computed from the TypeScript snippets it shows, as embed.ts does. */
const views = new Map<string, HistoryViewData>(
  loadPages().flatMap((page) => {
    const embeds = embedsOf(page);
    const code: PageCode[] = embeds
      .filter((embed) => embed.kind === 'snippet' && snippets.get(embed.id)!.file.endsWith('.ts'))
      .map((embed, index) => {
        const snippet = snippets.get(embed.id)!;
        return pageCodeOf(index + 1, snippet, renderSnippet(snippet, embed.options), embed.options.part);
      });
    return embeds
      .filter((embed) => embed.kind === 'history')
      .map(({ id, line, options }) => [
        `${id}${options.diverges ? `:${options.diverges}` : ''}`,
        historyBlock(repoRoot, id, options, code, `${page.file}:${line}`),
      ]);
  }),
);

const eventsOf = (id: string) => views.get(id)!.groups.flatMap((group) => group.events);
const eventOf = (id: string, name: string, nth = 0) => eventsOf(id).filter((event) => event.name === name)[nth];

describe('the history views', () => {
  it("are the five tutorials' seven recorded runs, and one against changed code", () => {
    expect([...views.keys()].sort()).toEqual([
      'activity-timeouts/order-history',
      'heartbeat-resume/batch-history',
      'heartbeat-resume/batch-resumed-history',
      'hello-activity/greeting-history',
      'hello-retry/greeting-history',
      'money-transfer/refund-history',
      'money-transfer/transfer-history',
      'money-transfer/transfer-history:fraud-check-unguarded',
    ]);
  });

  it('show every event once, in the order of the history', () => {
    for (const [id, view] of views) {
      const ids = eventsOf(id).map((event) => event.id);
      expect(ids, id).toEqual(ids.map((_, index) => index + 1));
      expect(view.groups.every((group) => group.events.length > 0)).toBe(true);
    }
  });

  it("point the workflow's start at its definition, each activity at its call, the end at its return or throw", () => {
    for (const [id, view] of views) {
      const events = eventsOf(id);
      expect(eventOf(id, 'WorkflowExecutionStarted').code?.text, id).toMatch(
        new RegExp(`function ${view.workflowType}\\(`),
      );
      for (const group of view.groups.filter((each) => each.kind === 'activity')) {
        const activity = group.label.replace('Activity ', '');
        for (const event of group.events.filter((each) => !each.divergence))
          expect(event.code?.text, `${id} ${event.id}`).toMatch(`${activity}(`);
      }
      const last = events.at(-1)!;
      // A failure ends at a throw, or at the call of the activity whose failure the workflow let through.
      expect(last.code?.text, id).toMatch(last.name === 'WorkflowExecutionFailed' ? /^throw |await \w+\(/ : /^return /);
    }
  });

  it("show hello-retry's three failed attempts as attempt 4 with the last failure, and the time they took", () => {
    const started = eventOf('hello-retry/greeting-history', 'ActivityTaskStarted');
    expect(started).toMatchObject({ tone: 'retry', summary: 'attempt 4, after 3 failed' });
    expect(Object.fromEntries(started.facts)).toMatchObject({
      Attempt: '4',
      'Last failure': 'Intentional failure on attempt 3 (Error)',
    });
    expect(started.after).toMatch(/ s$/);
  });

  it('tell the two ways a transfer ends by the text its code returns or throws', () => {
    const completed = eventOf('money-transfer/transfer-history', 'WorkflowExecutionCompleted');
    expect(completed.code?.text).toBe('return `Transfer complete (withdrawal ${withdrawal}, deposit ${depositId})`;');
    const failed = eventOf('money-transfer/refund-history', 'WorkflowExecutionFailed');
    const workflow = snippets.get('money-transfer-workflow')!;
    // The throw of DepositFailed, not the RefundFailed one before it.
    const thrown = workflow.lines[failed.code!.line - 1 + 1];
    expect(thrown).toContain('type: failure.type');
    expect(eventOf('money-transfer/refund-history', 'ActivityTaskFailed')).toMatchObject({
      tone: 'failure',
      summary: 'Account 99-999 does not exist (InvalidAccountError, non-retryable)',
    });
    expect(eventOf('money-transfer/refund-history', 'ActivityTaskScheduled', 2).code?.text).toContain(
      'refund(payment)',
    );
  });

  it('show the resumed batch: attempt 2 after the failure at item 3, and what each attempt did', () => {
    const id = 'heartbeat-resume/batch-resumed-history';
    expect(Object.fromEntries(eventOf(id, 'ActivityTaskStarted').facts)).toMatchObject({
      Attempt: '2',
      'Last failure': 'Intentional failure at item 3 (Error)',
    });
    expect(Object.fromEntries(eventOf(id, 'ActivityTaskCompleted').facts).Result).toBe(
      '[{"attempt":1,"first":0,"last":2},{"attempt":2,"first":3,"last":7}]',
    );
  });

  it('point a workflow task at where the code stood: waiting at the call it made, resuming there', () => {
    const id = 'hello-activity/greeting-history';
    expect(eventOf(id, 'WorkflowTaskStarted').code?.text).toMatch(/^export async function greetingWorkflow/);
    expect(eventOf(id, 'WorkflowTaskCompleted').code?.text).toMatch(/composeGreeting\(/);
    expect(eventOf(id, 'WorkflowTaskStarted', 1).code?.text).toMatch(/composeGreeting\(/);
  });

  it("mark the first event the unpatched change no longer replays, from the replay test's error", () => {
    const id = 'money-transfer/transfer-history:fraud-check-unguarded';
    const diverging = eventsOf(id).filter((event) => event.divergence);
    expect(diverging.map(({ id: eventId, name }) => `${eventId} ${name}`)).toEqual(['5 ActivityTaskScheduled']);
    const [event] = diverging;
    expect(event).toMatchObject({
      tone: 'failure',
      code: { text: 'await checkFraud(payment);', where: 'fraud-check-unguarded-workflow.ts:14' },
    });
    expect(event.divergence?.error).toContain(
      "scheduled event 'withdraw' does not match activity type of activity command 'checkFraud'",
    );
    expect(event.divergence?.patch?.text).toBe("if (patched('fraud-check')) await checkFraud(payment);");
  });

  it('fail the build when the page does not show the workflow the history ran', () => {
    const fixture = 'samples/hello-retry/test/fixtures/greeting-history.json';
    const history = JSON.parse(readFileSync(path.join(repoRoot, fixture), 'utf8')) as Parameters<typeof historyView>[1];
    expect(() => historyView(fixture, history, [], { where: 'page.md:1' })).toThrow(
      /page\.md:1: the history .* is of greetingWorkflow, and no snippet of samples\/hello-retry\/src on this page shows "function greetingWorkflow\("/,
    );
  });
});
