/** Renders a benchmark report as Markdown (for the site and the note) and as an SVG bar chart. */
import type { BenchReport, Machine, ThroughputRow, TimingRow } from './results';
import { formatMilliseconds, formatSeconds, formatSpread, summarize } from './stats';

/** Markdown table cells: no pipes, no line breaks; MDX also reads `<` and `{` as code, so none of those. */
function cell(text: string): string {
  return text
    .replace(/\|/g, '/')
    .replace(/[<{]/g, '(')
    .replace(/[>}]/g, ')')
    .replace(/\s*\n\s*/g, ' ');
}

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
}

function gibibytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

export function describeMachine(machine: Machine): string {
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
  const after = machine.loadAverageAfter ? `, after: ${load(machine.loadAverageAfter)}` : '';
  return (
    `${machine.cores} cores (${machine.cpuModel}), ${gibibytes(machine.memoryBytes)} memory, ${machine.os}, ` +
    `Node.js ${machine.node}, ${machine.temporalCli}. ` +
    `Load average (1, 5, 15 min) before the run: ${load(machine.loadAverageBefore)}${after}.`
  );
}

function timingCells(row: TimingRow): string[] {
  // A failed run that still has times says so loudly, so nobody reads its numbers as a result.
  const status = row.samples.length > 0 ? row.status.toUpperCase() : row.status;
  const problem = row.status === 'ok' ? '' : `${status}${row.reason ? `: ${row.reason}` : ''}`;
  const notes = [problem, row.notes].filter(Boolean).join('. ');
  if (row.samples.length === 0) return [row.name, '0', '–', '–', notes];
  const summary = summarize(row.samples);
  return [row.name, String(summary.n), formatSeconds(summary.median), formatSpread(summary), notes];
}

function throughputCells(row: ThroughputRow): string[] {
  const label = `${row.workers} Worker${row.workers === 1 ? '' : 's'}${row.server === 'cluster' ? ', cluster' : ''}`;
  if (row.status !== 'ok' && row.wallSeconds === undefined) {
    return [label, String(row.transfers), '–', '–', '–', '–', '–', '–', '–', `${row.status}: ${row.reason ?? ''}`];
  }
  // CPU seconds, and their share of the wall time: 100 % is one core busy all the time.
  const cpu = (value: number | undefined) =>
    value === undefined || Number.isNaN(value)
      ? '–'
      : `${formatSeconds(value)}${row.wallSeconds ? ` (${Math.round((100 * value) / row.wallSeconds)} %)` : ''}`;
  const checks = row.status === 'ok' ? (row.checks ?? '') : `${row.status.toUpperCase()}: ${row.reason ?? ''}`;
  return [
    label,
    `${row.transfers} (${row.concurrency} at a time)`,
    row.transfersPerSecond === undefined ? '–' : row.transfersPerSecond.toFixed(1),
    row.p50Ms === undefined ? '–' : formatMilliseconds(row.p50Ms),
    row.p99Ms === undefined ? '–' : formatMilliseconds(row.p99Ms),
    row.workerCpuSeconds ? row.workerCpuSeconds.map(cpu).join(' + ') : '–',
    cpu(row.serverCpuSeconds),
    cpu(row.clientCpuSeconds),
    row.wallSeconds === undefined ? '–' : formatSeconds(row.wallSeconds),
    checks,
  ];
}

/**
 * A sentence saying which process was busiest in each throughput run, and what the extra Workers
 * changed: the numbers themselves say where the limit is, this only reads them out.
 */
export function whereTheLimitIs(rows: ThroughputRow[]): string | undefined {
  const measured = rows.filter((row) => row.wallSeconds && row.transfersPerSecond !== undefined);
  if (measured.length === 0) return undefined;
  const busiest = measured.map((row) => {
    const wall = row.wallSeconds!;
    const workers = row.workerCpuSeconds ?? [];
    const candidates: [string, number][] = [
      ...workers.map((cpu, index): [string, number] => [
        workers.length === 1 ? 'the Worker' : `Worker ${index + 1}`,
        cpu,
      ]),
      ...(row.serverProcessCpuSeconds
        ? Object.entries(row.serverProcessCpuSeconds).map(([name, cpu]): [string, number] => [
            `the cluster's ${name}`,
            cpu,
          ])
        : [['the dev server', row.serverCpuSeconds ?? NaN] as [string, number]]),
      ['the client', row.clientCpuSeconds ?? NaN],
    ];
    const [name, cpu] = candidates
      .filter(([, value]) => !Number.isNaN(value))
      .reduce((top, candidate) => (candidate[1] > top[1] ? candidate : top), ['none', -1]);
    const where = row.server === 'cluster' ? ' on the cluster' : '';
    return `with ${row.workers} Worker${row.workers === 1 ? '' : 's'}${where}, ${name} (${Math.round((100 * cpu) / wall)} % of one core)`;
  });
  let sentence = `Busiest process ${busiest.join('; ')}.`;
  const change = (from: ThroughputRow, to: ThroughputRow) => {
    const percent = (100 * (to.transfersPerSecond! - from.transfersPerSecond!)) / from.transfersPerSecond!;
    return `${percent >= 0 ? '+' : ''}${percent.toFixed(0)} %`;
  };
  const onDevServer = measured.filter((row) => row.server !== 'cluster');
  const onCluster = measured.filter((row) => row.server === 'cluster');
  for (const [rows, where] of [
    [onDevServer, ''],
    [onCluster, ' on the cluster'],
  ] as const) {
    const [first, ...others] = rows;
    for (const other of others) {
      sentence += ` ${other.workers} Workers instead of ${first!.workers}${where} changed the throughput by ${change(first!, other)}.`;
    }
  }
  for (const row of onCluster) {
    const same = onDevServer.find((other) => other.workers === row.workers);
    if (same)
      sentence += ` With ${row.workers} Worker${row.workers === 1 ? '' : 's'}, the cluster instead of the dev server changed it by ${change(same, row)}.`;
  }
  return sentence;
}

export function renderMarkdown(report: BenchReport): string {
  const when = report.startedAt.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
  const parts = [
    `Measured by \`${report.command}\` on ${when}, which took ${formatDuration(report.wallSeconds)} in all.`,
    `Machine: ${describeMachine(report.machine)}`,
    table(
      ['Measurement', 'Reps', 'Median', 'Spread (min–max)', 'Notes'],
      ['l', 'r', 'r', 'r', 'l'],
      report.timings.map(timingCells),
    ),
  ];
  if (report.throughput.length > 0) {
    const reps = Math.max(...report.throughput.map((row) => row.reps));
    parts.push(
      `money-transfer throughput: one local dev server (rows marked cluster: the \`pnpm cluster\` service, five server ` +
        `processes over PostgreSQL, on the same machine), the sample's own Worker process(es) sharing one bank file, ` +
        `transfers started from one client with a bounded number in flight; latency is start to result of each ` +
        `workflow; CPU is user + system time of each process during the run, and its share of the wall time ` +
        `(100 % = one core busy throughout)` +
        (reps > 1 ? ` (medians of ${reps} runs).` : '.'),
      table(
        [
          'Workers',
          'Transfers',
          'Transfers/s',
          'p50 latency',
          'p99 latency',
          'Worker CPU',
          'Server CPU',
          'Client CPU',
          'Wall time',
          'Checked afterwards',
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
        report.throughput.map(throughputCells),
      ),
    );
    for (const row of report.throughput.filter((candidate) => candidate.serverProcessCpuSeconds)) {
      const share = Object.entries(row.serverProcessCpuSeconds!)
        .map(([name, cpu]) => `${name} ${formatSeconds(cpu)} (${Math.round((100 * cpu) / row.wallSeconds!)} %)`)
        .join(', ');
      parts.push(
        `Server CPU on the cluster with ${row.workers} Worker${row.workers === 1 ? '' : 's'}, by process: ${share}.`,
      );
    }
    const limits = whereTheLimitIs(report.throughput);
    if (limits) parts.push(limits);
  }
  return `${parts.join('\n\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Bar {
  label: string;
  median: number;
  min: number;
  max: number;
  floor?: number;
}

/** The bars the chart shows: every timing with numbers, plus the throughput runs' wall times. */
export function chartBars(report: BenchReport): Bar[] {
  const bars: Bar[] = report.timings
    .filter((row) => row.samples.length > 0)
    .map((row) => ({
      label: `${row.name.replace(/`/g, '')}${row.status === 'ok' ? '' : ` (${row.status})`}`,
      ...summarize(row.samples),
      ...(row.floorSeconds ? { floor: row.floorSeconds } : {}),
    }));
  for (const row of report.throughput) {
    if (row.wallSeconds === undefined) continue;
    bars.push({
      label: `money-transfer${row.server === 'cluster' ? ' on the cluster' : ''}, ${row.transfers} transfers, ${row.workers} Worker${row.workers === 1 ? '' : 's'}`,
      median: row.wallSeconds,
      min: row.wallSeconds,
      max: row.wallSeconds,
    });
  }
  return bars;
}

/** A horizontal bar chart of the medians with min–max whiskers, on a logarithmic time axis. */
export function renderSvg(report: BenchReport): string {
  const bars = chartBars(report);
  const labelWidth = 430;
  const plotWidth = 440;
  const rowHeight = 26;
  const top = 48;
  const width = labelWidth + plotWidth + 90;
  const height = top + Math.max(bars.length, 1) * rowHeight + 40;
  const values = bars.flatMap((bar) => [bar.min, bar.max]).filter((value) => value > 0);
  const lowPower = Math.floor(Math.log10(Math.min(...values, 1)));
  const highPower = Math.max(Math.ceil(Math.log10(Math.max(...values, 1))), lowPower + 1);
  const x = (seconds: number) =>
    labelWidth + ((Math.log10(Math.max(seconds, 10 ** lowPower)) - lowPower) / (highPower - lowPower)) * plotWidth;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(`pnpm bench, ${report.startedAt.slice(0, 10)}: median (bar), min–max (whisker), floor (red dashes), seconds, log scale`)}</text>`,
    `<text x="10" y="36" fill="#555">${escapeXml(`${report.machine.cores} cores, ${gibibytes(report.machine.memoryBytes)}, Node.js ${report.machine.node}`)}</text>`,
  ];
  const axisY = top + bars.length * rowHeight + 6;
  for (let power = lowPower; power <= highPower; power++) {
    const tick = x(10 ** power);
    const label = power < 0 ? (10 ** power).toFixed(-power) : String(10 ** power);
    out.push(
      `<line x1="${tick.toFixed(1)}" y1="${top - 4}" x2="${tick.toFixed(1)}" y2="${axisY}" stroke="#ddd"/>`,
      `<text x="${tick.toFixed(1)}" y="${axisY + 16}" text-anchor="middle" fill="#555">${label} s</text>`,
    );
  }
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const middle = y + rowHeight / 2;
    out.push(
      `<text x="${labelWidth - 8}" y="${middle + 4}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 5}" width="${Math.max(x(bar.median) - labelWidth, 1).toFixed(1)}" height="${rowHeight - 10}" fill="#4f7ec9"/>`,
    );
    if (bar.max > bar.min) {
      const [low, high] = [x(bar.min), x(bar.max)];
      out.push(
        `<line x1="${low.toFixed(1)}" y1="${middle}" x2="${high.toFixed(1)}" y2="${middle}" stroke="#222"/>`,
        `<line x1="${low.toFixed(1)}" y1="${middle - 5}" x2="${low.toFixed(1)}" y2="${middle + 5}" stroke="#222"/>`,
        `<line x1="${high.toFixed(1)}" y1="${middle - 5}" x2="${high.toFixed(1)}" y2="${middle + 5}" stroke="#222"/>`,
      );
    }
    if (bar.floor) {
      const at = x(bar.floor).toFixed(1);
      out.push(
        `<line x1="${at}" y1="${y + 1}" x2="${at}" y2="${y + rowHeight - 1}" stroke="#c0392b" stroke-width="2" stroke-dasharray="3,2"><title>${escapeXml(`floor: ${formatSeconds(bar.floor)}`)}</title></line>`,
      );
    }
    out.push(
      `<text x="${(Math.max(x(bar.max), x(bar.median)) + 6).toFixed(1)}" y="${middle + 4}">${escapeXml(formatSeconds(bar.median))}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
