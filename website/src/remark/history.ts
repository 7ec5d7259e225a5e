/**
 * The history view's content, computed at build time from a recorded event history: the fixture
 * a sample's replay test replays (`samples/<sample>/test/fixtures/<name>.json`, written by
 * `pnpm record-history` from a real dev server). Its events are grouped as a learner reads them
 * (a workflow task, an activity from scheduled to closed, a timer, a signal...), timed, explained,
 * and each is tied to the line of the page's workflow snippet that caused it, found by what the
 * line says (the activity's name, the `return` whose text the result contains), not by its number.
 * src/components/HistoryView.tsx draws it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderedSnippet, Snippet } from '@temporal-tutorials/tooling/snippets';

/** A TypeScript snippet shown on the page: the view highlights its lines. */
export interface PageCode {
  /** The block's number on the page: its `data-snippet-block` attribute. */
  block: number;
  /** Repository-relative, e.g. samples/hello-retry/src/workflows.ts. */
  file: string;
  /** The lines as shown. */
  lines: string[];
  /** Each shown line's number in the file. */
  lineNumbers: number[];
}

/** A snippet as a page shows it (`part`: the part shown, if not all of it). */
export function pageCodeOf(block: number, snippet: Snippet, rendered: RenderedSnippet, part?: string): PageCode {
  const lines = rendered.code.split('\n');
  const from = part ? snippet.parts.get(part)!.from : 0;
  return { block, file: rendered.file, lines, lineNumbers: snippet.lineNumbers.slice(from, from + lines.length) };
}

export interface CodeLine {
  block: number;
  /** 1-based, among the block's shown lines. */
  line: number;
  text: string;
  /** e.g. workflows.ts:31 */
  where: string;
}

export interface ViewEvent {
  id: number;
  /** e.g. ActivityTaskStarted */
  name: string;
  /** Since the first event, and since the one before (none for the first), e.g. "7.2 s". */
  at: string;
  after: string;
  summary: string;
  explanation: string;
  facts: [string, string][];
  /** A failure, or an attempt that follows failed ones. */
  tone?: 'failure' | 'retry';
  code?: CodeLine;
  /** Where a replay of this history against changed code fails (the replay test's error). */
  divergence?: { error: string; patch?: CodeLine };
}

export interface ViewGroup {
  kind: 'workflow' | 'task' | 'activity' | 'timer' | 'signal' | 'update' | 'cancel' | 'child' | 'marker' | 'other';
  label: string;
  events: ViewEvent[];
}

export interface HistoryViewData {
  title: string;
  /** Repository-relative path of the fixture. */
  fixture: string;
  workflowType: string;
  groups: ViewGroup[];
}

/** A history event as `temporal workflow show -o json` and `historyToJSON` write it. */
interface RawEvent {
  eventId: string;
  eventTime: string;
  eventType: string;
  [attributes: string]: unknown;
}

// The fields of the attributes the view reads; everything else is left out of the page.
interface Payloads {
  payloads?: { metadata?: { encoding?: string }; data?: string }[];
}
interface Failure {
  message?: string;
  cause?: Failure;
  applicationFailureInfo?: { type?: string; nonRetryable?: boolean };
  timeoutFailureInfo?: { timeoutType?: string; lastHeartbeatDetails?: Payloads };
  activityFailureInfo?: { activityType?: { name: string } };
}
interface Attributes {
  workflowType?: { name: string };
  activityType?: { name: string };
  input?: Payloads;
  result?: Payloads;
  details?: Record<string, Payloads>;
  attempt?: number;
  lastFailure?: Failure;
  failure?: Failure;
  retryState?: string;
  scheduledEventId?: string;
  initiatedEventId?: string;
  startedEventId?: string;
  workflowTaskCompletedEventId?: string;
  startToCloseTimeout?: string;
  heartbeatTimeout?: string;
  retryPolicy?: { initialInterval?: string; backoffCoefficient?: number; maximumAttempts?: number };
  startToFireTimeout?: string;
  timerId?: string;
  signalName?: string;
  markerName?: string;
  cause?: string;
  firstWorkflowTaskBackoff?: string;
  continuedExecutionRunId?: string;
  newExecutionRunId?: string;
  meta?: { updateId?: string };
  acceptedEventId?: string;
  acceptedRequest?: { meta?: { updateId?: string }; input?: { name?: string; args?: Payloads } };
  outcome?: { success?: Payloads; failure?: Failure };
}

/** EVENT_TYPE_ACTIVITY_TASK_STARTED -> ActivityTaskStarted */
const eventName = (type: string) =>
  type
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

const attributesOf = (event: RawEvent) =>
  (Object.entries(event).find(([key]) => key.endsWith('EventAttributes'))?.[1] ?? {}) as Attributes;

/** Milliseconds since the epoch, to the microsecond (the times have nanoseconds). */
function timeOf(event: RawEvent): number {
  const [, whole, fraction = ''] = /^(.*?:\d\d)(?:\.(\d+))?Z$/.exec(event.eventTime) ?? [];
  return Date.parse(`${whole}Z`) + Number(`0.${fraction || '0'}`) * 1000;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A payload as the reader would write it: JSON payloads decoded, anything else named. */
function payloadText(payloads: Payloads | undefined): string | undefined {
  const values = (payloads?.payloads ?? []).map(({ metadata, data }) => {
    const encoding = metadata?.encoding ? Buffer.from(metadata.encoding, 'base64').toString() : '';
    // What the TypeScript SDK sends for `undefined`, a void function's result.
    if (encoding === 'binary/null') return 'undefined';
    if (encoding !== 'json/plain') return `(${encoding || 'unknown'} payload)`;
    return data ? Buffer.from(data, 'base64').toString() : 'null';
  });
  return values.length ? values.join(', ') : undefined;
}

function failureText(failure: Failure | undefined): string | undefined {
  if (!failure) return undefined;
  const type = failure.applicationFailureInfo?.type;
  return `${failure.message ?? ''}${type ? ` (${type}${failure.applicationFailureInfo?.nonRetryable ? ', non-retryable' : ''})` : ''}`;
}

/** The failure and its causes, outermost first. */
function failureChain(failure: Failure | undefined): string[] {
  return failure ? [failureText(failure)!, ...failureChain(failure.cause)] : [];
}

const retryStateText = (state: string | undefined) =>
  state
    ? state
        .replace(/^RETRY_STATE_/, '')
        .toLowerCase()
        .replace(/_/g, ' ')
    : undefined;

/** The texts in a piece of code's string and template literals, without their `${...}` parts. */
function literals(code: string): string[] {
  return [...code.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`/g)].flatMap((match) =>
    (match[1] ?? match[2] ?? match[3] ?? '').split(/\$\{[^}]*\}/),
  );
}

function codeLine(code: PageCode, index: number): CodeLine {
  return {
    block: code.block,
    line: index + 1,
    text: code.lines[index].trim(),
    where: `${code.file.split('/').at(-1)}:${code.lineNumbers[index]}`,
  };
}

/** The first line of code (not a comment) of a snippet of `file` on the page that matches. */
function lineWith(blocks: PageCode[], file: string, pattern: RegExp): CodeLine | undefined {
  const matches = (line: string) => !/^\s*(\/\/|\*)/.test(line) && pattern.test(line);
  const code = blocks.find((block) => block.file === file && block.lines.some(matches));
  return code && codeLine(code, code.lines.findIndex(matches));
}

/** The workflow function on the page, and the lines in it that make each kind of event. */
class WorkflowCode {
  private constructor(
    private readonly code: PageCode,
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** The first snippet of the sample's src/ that shows `function <workflowType>(`. */
  static find(blocks: PageCode[], sample: string, workflowType: string): WorkflowCode | undefined {
    const definition = new RegExp(`\\bfunction\\s+${workflowType}\\s*\\(`);
    for (const code of blocks) {
      if (!code.file.startsWith(`samples/${sample}/src/`)) continue;
      const from = code.lines.findIndex((line) => definition.test(line));
      if (from < 0) continue;
      // The body ends at the first `}` as far left as the definition.
      const indent = /^ */.exec(code.lines[from])![0];
      const end = code.lines.findIndex((line, index) => index > from && line === `${indent}}`);
      return new WorkflowCode(code, from, end < 0 ? code.lines.length - 1 : end);
    }
    return undefined;
  }

  line(index: number): CodeLine {
    return codeLine(this.code, index);
  }

  get definition(): CodeLine {
    return this.line(this.from);
  }

  get end(): CodeLine {
    return this.line(this.to);
  }

  /** The first line of the body that matches. */
  first(pattern: RegExp): CodeLine | undefined {
    for (let index = this.from + 1; index <= this.to; index++) {
      if (pattern.test(this.code.lines[index])) return this.line(index);
    }
    return undefined;
  }

  /**
   * Of the statements that start with `keyword` (`return`, `throw`), the one whose literal text
   * the recorded value (a result, a failure's message) contains most of; of equals, one in the
   * function's own body rather than in a callback or a block; the only one when there is one.
   */
  statement(keyword: 'return' | 'throw', value: string): CodeLine | undefined {
    const bodyIndent = `${/^ */.exec(this.code.lines[this.from])![0]}  `;
    let best: { index: number; score: number } | undefined;
    for (let index = this.from + 1; index <= this.to; index++) {
      const line = this.code.lines[index];
      if (!new RegExp(`^\\s*${keyword}\\b`).test(line)) continue;
      const last = this.code.lines.findIndex((each, at) => at >= index && /;\s*$/.test(each));
      const statement = this.code.lines.slice(index, last < 0 ? this.to : last + 1).join('\n');
      const matched = literals(statement)
        .filter((text) => text.trim().length >= 3 && value.includes(text))
        .reduce((sum, text) => sum + text.length, 0);
      const score = matched * 2 + (line.startsWith(`${bodyIndent}${keyword}`) ? 1 : 0);
      if (!best || score > best.score) best = { index, score };
    }
    return best && this.line(best.index);
  }

  /** The `setHandler(...)` of a signal or an update: the line that names it, e.g. `decideSignal`. */
  handler(name: string | undefined): CodeLine | undefined {
    if (!name) return undefined;
    const names = new RegExp(escapeRegExp(name), 'i');
    for (let index = this.from + 1; index <= this.to; index++) {
      const nearby = `${this.code.lines[index - 1]}\n${this.code.lines[index]}`;
      if (names.test(this.code.lines[index]) && /\bsetHandler\s*\(/.test(nearby)) return this.line(index);
    }
    return undefined;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What each event means to a reader: one line, a paragraph, its facts. */
function describe(name: string, a: Attributes, events: Map<string, RawEvent>) {
  const scheduled = a.scheduledEventId ? attributesOf(events.get(a.scheduledEventId)!) : undefined;
  const activity = a.activityType?.name ?? scheduled?.activityType?.name;
  const facts: [string, string | undefined][] = [];
  let summary = '';
  let explanation = '';
  let tone: ViewEvent['tone'];
  switch (name) {
    case 'WorkflowExecutionStarted':
      summary = `${a.workflowType?.name}(${payloadText(a.input) ?? ''})`;
      explanation =
        (a.attempt ?? 1) > 1
          ? 'A new run, started by the retry policy after the run before it failed: the workflow begins again from its first line.'
          : "The start request, recorded: the workflow's type and input. The server schedules the first workflow task.";
      facts.push(
        ['Workflow', a.workflowType?.name],
        ['Input', payloadText(a.input)],
        ['Attempt', (a.attempt ?? 1) > 1 ? String(a.attempt) : undefined],
        ['Wait before its first task', a.firstWorkflowTaskBackoff !== '0s' ? a.firstWorkflowTaskBackoff : undefined],
        ['Continues run', a.continuedExecutionRunId],
      );
      break;
    case 'WorkflowTaskScheduled':
      summary = 'queued for a Worker';
      explanation = 'There is something new for the workflow code to see: the server queues a workflow task.';
      if ((a.attempt ?? 1) > 1) facts.push(['Attempt', String(a.attempt)]);
      break;
    case 'WorkflowTaskStarted':
      summary = 'a Worker runs the workflow code';
      explanation =
        'A Worker took the task. It runs the workflow code from the history: every result already recorded is ' +
        'handed back at once, without running anything again, up to the point the code has not passed yet.';
      break;
    case 'WorkflowTaskCompleted':
      summary = 'the code waits; its commands follow';
      explanation =
        'The code reached this line and cannot go on until something new happens. The Worker sends the commands ' +
        'the code issued (the events that follow) and keeps nothing: the history is the state.';
      break;
    case 'WorkflowTaskFailed':
    case 'WorkflowTaskTimedOut':
      tone = 'failure';
      summary =
        a.cause
          ?.replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, '')
          .toLowerCase()
          .replace(/_/g, ' ') ?? 'timed out';
      explanation = 'The workflow task did not complete; the server retries it. The workflow itself is still running.';
      facts.push(['Failure', failureText(a.failure)]);
      break;
    case 'ActivityTaskScheduled':
      summary = `${activity}, ${a.retryPolicy?.maximumAttempts ? `at most ${a.retryPolicy.maximumAttempts} attempts` : 'unlimited attempts'}`;
      explanation =
        'The command the activity call made. From here the server owns the activity: it hands attempts to ' +
        'Workers and retries them by the policy, however long that takes.';
      facts.push(
        ['Activity', activity],
        ['Input', payloadText(a.input)],
        ['Start-to-close timeout', a.startToCloseTimeout !== '0s' ? a.startToCloseTimeout : undefined],
        ['Heartbeat timeout', a.heartbeatTimeout !== '0s' ? a.heartbeatTimeout : undefined],
        [
          'Retry policy',
          a.retryPolicy &&
            `first wait ${a.retryPolicy.initialInterval}, x${a.retryPolicy.backoffCoefficient} each time, ` +
              (a.retryPolicy.maximumAttempts
                ? `${a.retryPolicy.maximumAttempts} attempts at most`
                : 'no attempt limit'),
        ],
      );
      break;
    case 'ActivityTaskStarted': {
      const attempt = a.attempt ?? 1;
      summary = `attempt ${attempt}${a.lastFailure ? `, after ${attempt - 1} failed` : ''}`;
      if (attempt > 1) tone = 'retry';
      explanation =
        attempt > 1
          ? `Written when the activity's last attempt ended, with that attempt's number. The ${attempt - 1} failed ` +
            'attempts before it, and the waits between them, are not events: they are in the time since the ' +
            'activity was scheduled, and only the last failure is kept.'
          : "Written when the activity's last attempt ended: here the first attempt was the last.";
      facts.push(['Attempt', String(attempt)], ['Last failure', failureText(a.lastFailure)]);
      break;
    }
    case 'ActivityTaskCompleted':
      summary = `result ${payloadText(a.result) ?? 'none'}`;
      explanation =
        'The result, recorded. A Worker that replays this history later gets it from here: the activity does ' +
        'not run again.';
      facts.push(['Result', payloadText(a.result)]);
      break;
    case 'ActivityTaskFailed':
    case 'ActivityTaskTimedOut':
      tone = 'failure';
      summary = failureText(a.failure) ?? 'failed';
      explanation =
        'The activity is over without a result: the workflow sees an ActivityFailure at its call and decides ' +
        'what to do.';
      facts.push(
        ['Failure', failureText(a.failure)],
        ['Retries', retryStateText(a.retryState)],
        ['Last heartbeat details', payloadText(a.failure?.timeoutFailureInfo?.lastHeartbeatDetails)],
      );
      break;
    case 'ActivityTaskCancelRequested':
    case 'ActivityTaskCanceled':
      summary = name === 'ActivityTaskCanceled' ? 'cancelled' : 'cancellation requested';
      explanation = 'The workflow asked for the activity to stop; it learns of it in the reply to a heartbeat.';
      break;
    case 'TimerStarted':
      summary = `fires in ${a.startToFireTimeout}`;
      explanation = 'A durable timer, kept by the server: no Worker needs to be running while it waits.';
      facts.push(['Duration', a.startToFireTimeout]);
      break;
    case 'TimerFired':
    case 'TimerCanceled':
      summary = name === 'TimerFired' ? 'fired' : 'cancelled';
      explanation = 'The timer ended; the next workflow task lets the code go past its wait.';
      break;
    case 'WorkflowExecutionSignaled':
      summary = `${a.signalName}(${payloadText(a.input) ?? ''})`;
      explanation = 'A signal arrived and is recorded: a replay delivers it at the same point of the code.';
      facts.push(['Signal', a.signalName], ['Input', payloadText(a.input)]);
      break;
    case 'WorkflowExecutionCancelRequested':
      summary = 'a cancel was requested';
      explanation = 'Someone asked the workflow to stop. The next workflow task tells the code, which decides how.';
      facts.push(['Cause', a.cause]);
      break;
    case 'MarkerRecorded':
      summary = a.markerName ?? 'marker';
      explanation = 'A marker: patched() records here which code path this run took, so a replay takes it too.';
      facts.push(['Marker', a.markerName], ['Details', payloadText(Object.values(a.details ?? {})[0])]);
      break;
    case 'WorkflowExecutionUpdateAccepted':
      summary = `${a.acceptedRequest?.input?.name ?? 'update'} accepted`;
      explanation = "An update passed its validator and is recorded; the workflow's handler runs it.";
      facts.push(['Update', a.acceptedRequest?.input?.name], ['Input', payloadText(a.acceptedRequest?.input?.args)]);
      break;
    case 'WorkflowExecutionUpdateCompleted':
      summary = 'update completed';
      explanation = "The update's handler finished; its caller gets this outcome.";
      facts.push(['Result', payloadText(a.outcome?.success)], ['Failure', failureText(a.outcome?.failure)]);
      break;
    case 'WorkflowExecutionCompleted':
      summary = `result ${payloadText(a.result) ?? 'none'}`;
      explanation = 'The workflow function returned. Its result is recorded; the execution is closed.';
      facts.push(['Result', payloadText(a.result)]);
      break;
    case 'WorkflowExecutionFailed':
    case 'WorkflowExecutionTimedOut':
      tone = 'failure';
      summary = failureText(a.failure) ?? 'timed out';
      explanation = a.newExecutionRunId
        ? 'This run failed; its retry policy starts a new run of the same workflow id.'
        : 'The workflow ended with a failure: what its caller receives, causes included.';
      facts.push(
        ['Failure', failureChain(a.failure).join(' <- caused by: ')],
        ['Retry', retryStateText(a.retryState)],
        ['Next run', a.newExecutionRunId],
      );
      break;
    default:
      summary = '';
      explanation = 'An event of this run.';
  }
  return {
    summary,
    explanation,
    tone,
    facts: facts.filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1] !== ''),
  };
}

/** The group an event belongs in: its kind, a key that joins its events, a label. */
function groupOf(name: string, a: Attributes, event: RawEvent, events: Map<string, RawEvent>) {
  const origin = (id: string | undefined) => (id ? attributesOf(events.get(id)!) : {});
  if (name.startsWith('WorkflowTask')) return { kind: 'task', key: `task:${a.scheduledEventId ?? event.eventId}` };
  if (name.startsWith('ActivityTask')) {
    const id = a.scheduledEventId ?? event.eventId;
    return { kind: 'activity', key: `activity:${id}`, label: `Activity ${origin(id).activityType?.name}` };
  }
  if (name.startsWith('Timer')) return { kind: 'timer', key: `timer:${a.timerId}`, label: 'Timer' };
  if (name === 'WorkflowExecutionSignaled')
    return { kind: 'signal', key: event.eventId, label: `Signal ${a.signalName}` };
  if (name.startsWith('WorkflowExecutionUpdate')) {
    const accepted = a.acceptedEventId ? origin(a.acceptedEventId) : a;
    const id = a.meta?.updateId ?? a.acceptedRequest?.meta?.updateId;
    return { kind: 'update', key: `update:${id}`, label: `Update ${accepted.acceptedRequest?.input?.name}` };
  }
  if (name === 'WorkflowExecutionCancelRequested')
    return { kind: 'cancel', key: event.eventId, label: 'Cancel request' };
  if (name === 'StartChildWorkflowExecutionInitiated' || name.startsWith('ChildWorkflowExecution')) {
    const id = a.initiatedEventId ?? event.eventId;
    return { kind: 'child', key: `child:${id}`, label: `Child workflow ${origin(id).workflowType?.name}` };
  }
  if (name === 'MarkerRecorded') return { kind: 'marker', key: event.eventId, label: 'Marker' };
  if (name.startsWith('WorkflowExecution')) {
    const ending = name.replace('WorkflowExecution', '').toLowerCase().replace('continuedasnew', 'continued as new');
    return { kind: 'workflow', key: event.eventId, label: `Workflow ${ending}` };
  }
  return { kind: 'other', key: event.eventId, label: name };
}

export interface ViewOptions {
  /** The page's block, for errors. */
  where: string;
  title?: string;
  /**
   * A changed workflow that no longer replays this history and the replay test's error; the same
   * change behind `patched()`. Both are files, shown by snippets on the page.
   */
  divergence?: { file: string; error: string; patch?: string };
}

/**
 * The view of one fixture. A history whose workflow, activities, result or failure the page's
 * code does not show is an error: the view would point at nothing.
 */
export function historyView(
  fixture: string,
  history: { events: RawEvent[] },
  blocks: PageCode[],
  { where, title, divergence }: ViewOptions,
): HistoryViewData {
  const sample = fixture.split('/')[1];
  const events = new Map(history.events.map((event) => [event.eventId, event]));
  const first = history.events[0];
  const workflowType = attributesOf(first).workflowType?.name ?? '';
  const code = WorkflowCode.find(blocks, sample, workflowType);
  if (!code)
    throw new Error(
      `${where}: the history ${fixture} is of ${workflowType}, and no snippet of samples/${sample}/src on this page ` +
        `shows "function ${workflowType}(": show it, so that the view can point at its lines`,
    );
  const required = (line: CodeLine | undefined, what: string) => {
    if (!line) throw new Error(`${where}: no line of ${workflowType} on this page ${what} (history ${fixture})`);
    return line;
  };

  // Where the code stands: at the line whose command came last (its definition at first).
  let position = code.definition;
  const lines = new Map<string, CodeLine | undefined>();
  for (const event of history.events) {
    const name = eventName(event.eventType);
    const a = attributesOf(event);
    const activity = a.activityType?.name;
    let line: CodeLine | undefined;
    if (name === 'WorkflowExecutionStarted') line = code.definition;
    else if (name === 'ActivityTaskScheduled')
      line = required(code.first(new RegExp(`\\b${activity}\\s*\\(`)), `calls ${activity}(...)`);
    else if (a.scheduledEventId && name.startsWith('ActivityTask')) line = lines.get(a.scheduledEventId);
    else if (name === 'TimerStarted') line = code.first(/\b(sleep|condition)\s*\(/);
    else if (name === 'MarkerRecorded') line = code.first(/\bpatched\s*\(/);
    else if (name.startsWith('Timer') && a.startedEventId) line = lines.get(a.startedEventId);
    else if (name === 'StartChildWorkflowExecutionInitiated') line = code.first(/\b(executeChild|startChild)\s*\(/);
    else if (a.initiatedEventId) line = lines.get(a.initiatedEventId);
    else if (name === 'WorkflowExecutionSignaled') line = code.handler(a.signalName);
    else if (name === 'WorkflowExecutionUpdateAccepted') line = code.handler(a.acceptedRequest?.input?.name);
    else if (a.acceptedEventId) line = lines.get(a.acceptedEventId);
    else if (name === 'WorkflowExecutionCompleted')
      line = code.statement('return', payloadText(a.result) ?? '') ?? code.end;
    else if (name === 'WorkflowExecutionFailed')
      // An activity's failure the workflow did not catch ends it where the code stood: at that call.
      line = required(
        code.statement('throw', failureChain(a.failure).join('\n')) ??
          (a.failure?.activityFailureInfo ? position : undefined),
        'throws, or calls the activity whose failure ended it',
      );
    else if (name === 'WorkflowTaskScheduled' || name === 'WorkflowTaskStarted') line = position;
    if (a.workflowTaskCompletedEventId && line) position = line;
    lines.set(event.eventId, line);
  }
  // A completed workflow task points at the last command it sent: where the code got to.
  for (const event of history.events) {
    if (eventName(event.eventType) !== 'WorkflowTaskCompleted') continue;
    const commandLines = history.events
      .filter((other) => attributesOf(other).workflowTaskCompletedEventId === event.eventId)
      .flatMap((other) => lines.get(other.eventId) ?? []);
    lines.set(event.eventId, commandLines.at(-1) ?? lines.get(attributesOf(event).startedEventId!));
  }

  const groups: (ViewGroup & { key: string })[] = [];
  const seen = new Set<string>();
  const start = timeOf(first);
  let previous = start;
  for (const event of history.events) {
    const name = eventName(event.eventType);
    const a = attributesOf(event);
    const time = timeOf(event);
    const { kind, key, label } = groupOf(name, a, event, events);
    const view: ViewEvent = {
      id: Number(event.eventId),
      name,
      at: formatDuration(time - start),
      after: event === first ? '' : formatDuration(time - previous),
      ...describe(name, a, events),
      code: lines.get(event.eventId),
    };
    if (!view.tone) delete view.tone;
    if (!view.code) delete view.code;
    previous = time;
    const last = groups.at(-1);
    if (last?.key === key) {
      last.events.push(view);
      continue;
    }
    const taskNumber = groups.filter((group) => group.kind === 'task').length + 1;
    const groupLabel = kind === 'task' ? `Workflow task ${taskNumber}` : label!;
    groups.push({
      key,
      kind: kind as ViewGroup['kind'],
      label: seen.has(key) ? `${groupLabel} (continued)` : groupLabel,
      events: [view],
    });
    seen.add(key);
  }
  if (divergence) markDivergence(groups, divergence, blocks, where);
  return {
    title: title ?? `The recorded history of ${workflowType}`,
    fixture,
    workflowType,
    groups: groups.map(({ kind, label, events: groupEvents }) => ({ kind, label, events: groupEvents })),
  };
}

/**
 * The view a page's ```history block asks for: `hello-retry/greeting-history` is the fixture
 * samples/hello-retry/test/fixtures/greeting-history.json. `diverges="fraud-check-unguarded"`: the
 * replay test replays it against test/fraud-check-unguarded-workflow.ts and keeps the error beside
 * the fixture (greeting-history.fraud-check-unguarded.txt); `patch="fraud-check-patched"`: the
 * same change behind patched().
 */
export function historyBlock(
  repoRoot: string,
  id: string,
  { title, diverges, patch }: Record<string, string | undefined>,
  blocks: PageCode[],
  where: string,
): HistoryViewData {
  const [sample = '', name = ''] = id.split('/');
  const read = (file: string, missing: string) => {
    try {
      return readFileSync(path.join(repoRoot, file), 'utf8');
    } catch {
      throw new Error(`${where}: ${missing}`);
    }
  };
  const fixture = `samples/${sample}/test/fixtures/${name}.json`;
  const history = JSON.parse(
    read(fixture, `no recorded history "${id}" (${fixture}); record one with \`pnpm record-history\``),
  ) as { events: RawEvent[] };
  const testWorkflow = (change: string) => `samples/${sample}/test/${change}-workflow.ts`;
  const errorFile = `samples/${sample}/test/fixtures/${name}.${diverges}.txt`;
  const divergence = diverges
    ? {
        file: testWorkflow(diverges),
        error: read(errorFile, `no replay error ${errorFile}; the sample's replay test writes it`).trim(),
        patch: patch && testWorkflow(patch),
      }
    : undefined;
  return historyView(fixture, history, blocks, { where, title, divergence });
}

/**
 * Marks the event a replay of the history against changed code fails at, as the replay test's
 * error names it (so far the core's "Activity type of scheduled event 'X' does not match activity
 * type of activity command 'Y'"), and points it at the changed code's call.
 */
function markDivergence(
  groups: ViewGroup[],
  { file, error, patch }: NonNullable<ViewOptions['divergence']>,
  blocks: PageCode[],
  where: string,
): void {
  const [, recorded, command] =
    /scheduled event '(\w+)' does not match activity type of activity command '(\w+)'/.exec(error) ?? [];
  if (!recorded) throw new Error(`${where}: no event named in the replay error "${error}"`);
  const event = groups
    .flatMap((group) => group.events)
    .find((each) => each.name === 'ActivityTaskScheduled' && each.summary.startsWith(`${recorded},`));
  const code = lineWith(blocks, file, new RegExp(`\\b${command}\\s*\\(`));
  const patchLine = patch && lineWith(blocks, patch, /\bpatched\s*\(/);
  if (!event || !code || (patch && !patchLine))
    throw new Error(
      `${where}: the replay error names ${recorded} and ${command}: the history needs its ActivityTaskScheduled, ` +
        `a snippet of ${file} a call of ${command}(...)${patch ? `, one of ${patch} a patched(...) call` : ''}, on this page`,
    );
  event.tone = 'failure';
  event.code = code;
  event.divergence = { error, ...(patchLine && { patch: patchLine }) };
}
