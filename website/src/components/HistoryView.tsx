/**
 * A recorded run's event history, step by step: src/remark/history.ts computes it at build time
 * from a replay test's fixture; this draws it. Selecting an event (click, arrow keys, or the
 * Previous and Next buttons) highlights the line of the page's workflow code that made it: stepping
 * through the events is watching a replay reach each line. The reverse: a click on a line of that
 * code selects the events it made, one after the other.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CodeLine, HistoryViewData, ViewEvent } from '../remark/history';

const currentLine = 'history-view-current-line';

/**
 * The line element of a snippet block on the page (src/remark/embed.ts numbers the blocks): a line
 * of its own code, not of the examples inside its hover cards.
 */
const lineElement = ({ block, line }: CodeLine) =>
  document.querySelectorAll(`[data-snippet-block="${block}"] > pre > code > .line`)[line - 1];

export default function HistoryView({ history }: { history: string }) {
  const view = useMemo(() => JSON.parse(history) as HistoryViewData, [history]);
  const events = useMemo(() => view.groups.flatMap((group) => group.events), [view]);
  const [selected, setSelected] = useState(0);
  // The line marked in the page's code: none until the reader picks an event.
  const [marked, setMarked] = useState<CodeLine>();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const event = events[selected];
  const selectedNow = useRef(selected);
  selectedNow.current = selected;

  useEffect(() => {
    if (!marked) return;
    // One marked line on the page, whichever view marked it.
    document.querySelectorAll(`.${currentLine}`).forEach((element) => element.classList.remove(currentLine));
    lineElement(marked)?.classList.add(currentLine);
  }, [marked]);

  const select = (index: number, focus: boolean) => {
    const next = Math.max(0, Math.min(events.length - 1, index));
    setSelected(next);
    setMarked(events[next].code);
    if (focus) buttons.current[next]?.focus();
  };

  useEffect(() => {
    const eventsOfLine = new Map<Element, number[]>();
    events.forEach((item, index) => {
      // The events a line made; a workflow task only shows where the code stood.
      const element = !item.name.startsWith('WorkflowTask') && item.code && lineElement(item.code);
      if (element) eventsOfLine.set(element, [...(eventsOfLine.get(element) ?? []), index]);
    });
    const cleanups = [...eventsOfLine]
      // A line stays with the first view on the page that has events for it.
      .filter(([element]) => !element.hasAttribute('data-history-events'))
      .map(([element, indices]) => {
        const onClick = () => select(indices.find((index) => index > selectedNow.current) ?? indices[0], true);
        element.setAttribute('data-history-events', indices.map((index) => events[index].id).join(' '));
        element.addEventListener('click', onClick);
        return () => {
          element.removeAttribute('data-history-events');
          element.removeEventListener('click', onClick);
        };
      });
    return () => cleanups.forEach((cleanup) => cleanup());
    // `select` only sets state and reads refs: the first render's does.
  }, [events]);

  const onKeyDown = (keyEvent: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowRight: selected + 1,
      ArrowUp: selected - 1,
      ArrowLeft: selected - 1,
      Home: 0,
      End: events.length - 1,
    };
    if (!(keyEvent.key in moves)) return;
    keyEvent.preventDefault();
    select(moves[keyEvent.key], true);
  };

  return (
    <section className="history-view" aria-label={view.title}>
      <p className="history-view__title">{view.title}</p>
      <p className="history-view__source">
        {events.length} events, recorded from a dev server: <code>{view.fixture}</code>, which the sample&apos;s replay
        test replays against the current code. Select an event to see the line of code that made it, or click a line of
        the workflow&apos;s code to find its events.
      </p>
      <div className="history-view__body">
        <div className="history-view__step">
          <div className="history-view__controls">
            <button type="button" onClick={() => select(selected - 1, false)} disabled={selected === 0}>
              Previous
            </button>
            <span aria-live="polite">
              Event {event.id} of {events.length}: {event.name}
            </span>
            <button type="button" onClick={() => select(selected + 1, false)} disabled={selected === events.length - 1}>
              Next
            </button>
          </div>
          <EventDetail event={event} onShowCode={setMarked} />
        </div>
        <ol className="history-view__timeline" aria-label="Events" onKeyDown={onKeyDown}>
          {view.groups.map((group) => (
            <li key={group.events[0].id} className={`history-view__group history-view__group--${group.kind}`}>
              <span className="history-view__group-label">{group.label}</span>
              <ol>
                {group.events.map((item) => {
                  const index = events.indexOf(item);
                  return (
                    <li key={item.id}>
                      <button
                        type="button"
                        ref={(element) => {
                          buttons.current[index] = element;
                        }}
                        className="history-view__event"
                        aria-current={index === selected ? 'step' : undefined}
                        tabIndex={index === selected ? 0 : -1}
                        onClick={() => select(index, false)}
                      >
                        <span className="history-view__event-name">
                          {item.id}. {item.name}
                          {item.tone && (
                            <span className="history-view__badge">
                              {item.divergence ? 'diverges' : item.tone === 'failure' ? 'failure' : 'retried'}
                            </span>
                          )}
                        </span>
                        <span className="history-view__event-time">{item.after ? `+${item.after}` : 'start'}</span>
                        {item.summary && <span className="history-view__event-summary">{item.summary}</span>}
                      </button>
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

function EventDetail({ event, onShowCode }: { event: ViewEvent; onShowCode: (line: CodeLine) => void }) {
  const show = (line: CodeLine) => (
    <button
      type="button"
      onClick={() => {
        onShowCode(line);
        lineElement(line)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      }}
    >
      Show in the code
    </button>
  );
  return (
    <div className="history-view__detail">
      <p className="history-view__detail-title">
        {event.id}. {event.name}
      </p>
      <p className="history-view__detail-time">
        {event.after ? `${event.at} after the start, ${event.after} after the event before` : 'The first event'}
      </p>
      <p>{event.explanation}</p>
      {event.facts.length > 0 && (
        <dl>
          {event.facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {event.divergence && (
        <p className="history-view__divergence">
          <strong>The changed code no longer replays this history: it fails here.</strong> The replay test&apos;s error:{' '}
          <code>{event.divergence.error}</code>
        </p>
      )}
      {event.code && (
        <p className="history-view__code">
          <span>
            {event.divergence ? 'The changed code' : 'Code'} ({event.code.where}): <code>{event.code.text}</code>
          </span>
          {show(event.code)}
        </p>
      )}
      {event.divergence?.patch && (
        <p className="history-view__code">
          <span>
            Behind the patch ({event.divergence.patch.where}): <code>{event.divergence.patch.text}</code>. This history
            has no marker for it, so on replay <code>patched()</code> returns false, the new step is skipped, and this
            event matches again.
          </span>
          {show(event.divergence.patch)}
        </p>
      )}
    </div>
  );
}
