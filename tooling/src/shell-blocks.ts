/**
 * Runs the pages' ```sh blocks exactly as a learner types them, the way Rust's trycmd and
 * Python's doctest run documentation: the page is the test case.
 *
 * A block's title says where it runs: "repository root", "samples/<name>", or "any folder",
 * optionally followed by the terminal in parentheses ("samples/money-transfer (second terminal)").
 * Each terminal runs one thing at a time, as a real one does:
 *   - `pnpm dev-server` and `pnpm worker` keep running: started, awaited until their ready line;
 *   - `pnpm workflow` waits for its workflow: started, awaited until it has started the workflow,
 *     and it must exit 0 before its terminal runs anything else or the page ends;
 *   - any other command runs to its end and must exit 0, or the code in a `# exit code N` comment;
 *   - a `# Ctrl+C ...` comment line presses Ctrl+C in the block's terminal;
 *   - a `# after the Worker logs "text"` comment line waits for that line from the last Worker,
 *     `# after the first terminal prints "text"` for it from that terminal's command;
 *   - `kill -9 <pid>` kills the process id the last Worker printed, which must then be gone.
 * A block the runner cannot run as written says why in a `norun="..."` attribute, never silently.
 * A ```powershell block is the Windows form of the ```sh block before it (a tab beside it on the
 * site); the runner runs the ```sh form only, and the site's content test checks the pairing.
 */
import { execSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';
import { freePort, isRunning, startCommand, type SampleProcess } from './processes';

export interface ShellCommand {
  text: string;
  /** Line in the page. */
  line: number;
}

export interface ShellBlock {
  page: string;
  line: number;
  /** Repository-relative folder the block runs in ('' for the root). */
  folder: string;
  terminal: string;
  commands: ShellCommand[];
  /** Why the runner does not run this block, when the page says so. */
  norun?: string;
}

const attribute = (meta: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(meta)?.[1];

/** The ```sh blocks of one page, with where each runs; an unplaceable block is an error. */
export function shellBlocksOf(page: string, text: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const fence = /^( *)```(?:sh|bash|shell)([^\n]*)\n([\s\S]*?)^\1```/gm;
  for (const match of text.matchAll(fence)) {
    const line = text.slice(0, match.index).split('\n').length;
    const meta = match[2] ?? '';
    const where = `${page}:${line}`;
    const norun = attribute(meta, 'norun');
    const title = attribute(meta, 'title');
    if (!title && !norun) throw new Error(`${where}: a shell block needs title="<folder>" or norun="<why>"`);
    const [, place = '', terminal = 'first terminal'] = /^([^(]*?)\s*(?:\(([^)]*)\))?$/.exec(title ?? '') ?? [];
    let folder = '';
    if (/^samples\/[\w-]+$/.test(place)) folder = place;
    else if (!['repository root', 'any folder'].includes(place) && !norun)
      throw new Error(`${where}: title "${title}" names no folder ("repository root", "samples/<name>", "any folder")`);
    const commands: ShellCommand[] = [];
    const indent = match[1]?.length ?? 0;
    let pending = '';
    match[3]!.split('\n').forEach((raw, index) => {
      const source = raw.slice(indent);
      if (!source.trim()) return;
      pending = pending ? `${pending} ${source.trim()}` : source.trim();
      if (pending.endsWith('\\')) {
        pending = pending.slice(0, -1).trim();
        return;
      }
      commands.push({ text: pending, line: line + 1 + index });
      pending = '';
    });
    blocks.push({ page, line, folder, terminal, commands, ...(norun ? { norun } : {}) });
  }
  return blocks;
}

interface Running {
  process: SampleProcess;
  command: string;
  /** Must exit 0 before the terminal runs anything else (a starter waiting for its workflow). */
  mustFinish: boolean;
  /** Started by the runner, not the page: the server a learner has running from the Set up page. */
  implicit?: boolean;
}

const serverTerminal = 'server terminal';

export interface SessionOptions {
  /** Environment for every command: where the server is, scratch files. */
  env: Record<string, string>;
  /** Deadline for one command, or for a background command's ready line. */
  timeoutMs?: number;
}

/**
 * Runs a page's blocks in order against a dev server of its own, started with `pnpm dev-server` in
 * the "server terminal" as the Set up page tells a learner (a page's own block there replaces it). Throws with the
 * page, line and output on the first command that does not do what the page says.
 */
export async function runShellSession(blocks: ShellBlock[], options: SessionOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  let env: Record<string, string> = {};
  const terminals = new Map<string, Running>();
  let lastWorkerPid: number | undefined;
  let lastWorker: SampleProcess | undefined;
  const describe = (block: ShellBlock, command: ShellCommand, running?: SampleProcess) =>
    `${block.page}:${command.line} \`${command.text}\` (${block.terminal}, in ${block.folder || 'the root'})` +
    (running ? `\n--- its output ---\n${running.lines.slice(-30).join('\n')}` : '');

  async function finish(terminal: string, block: ShellBlock, command: ShellCommand): Promise<void> {
    const running = terminals.get(terminal);
    if (!running) return;
    terminals.delete(terminal);
    const { child } = running.process;
    const stillRunning = child.exitCode === null && child.signalCode === null;
    if (running.implicit) return running.process.kill('SIGINT');
    if (!running.mustFinish && stillRunning)
      throw new Error(
        `${describe(block, command)}: \`${running.command}\` still runs in that terminal; the page must stop it first (# Ctrl+C)`,
      );
    if (!running.mustFinish) return;
    const code = await exitCode(running.process, timeoutMs).catch(async (error: unknown) => {
      await running.process.kill('SIGKILL');
      throw new Error(`${describe(block, command)}: \`${running.command}\` ${String(error)}`, { cause: error });
    });
    if (code !== 0)
      throw new Error(`\`${running.command}\` exited ${code} before ${describe(block, command, running.process)}`);
  }

  try {
    // The server the Set up page leaves running; a page that starts its own replaces it. Its free
    // ports can be taken by another process before it binds them: then it starts on new ones.
    for (let attempt = 1; ; attempt++) {
      env = {
        ...options.env,
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        TEMPORAL_UI_PORT: String(await freePort()),
        CI: 'true',
      };
      const server = startCommand(repoRoot, 'pnpm -s dev-server', env);
      terminals.set(serverTerminal, { process: server, command: 'pnpm dev-server', mustFinish: false, implicit: true });
      try {
        await server.waitForLine(/dev server serving/, timeoutMs);
        break;
      } catch (error) {
        terminals.delete(serverTerminal);
        await server.kill('SIGINT');
        if (attempt === 3 || !server.lines.some((line) => line.includes('address already in use'))) throw error;
      }
    }
    for (const block of blocks.filter((candidate) => !candidate.norun)) {
      const cwd = path.join(repoRoot, block.folder);
      for (const command of block.commands) {
        if (/^#\s*Ctrl\+C/i.test(command.text)) {
          const running = terminals.get(block.terminal);
          if (!running) throw new Error(`${describe(block, command)}: nothing runs in that terminal to stop`);
          terminals.delete(block.terminal);
          await running.process.kill('SIGINT');
          continue;
        }
        const awaited = /^#\s*after the Worker logs "([^"]+)"/i.exec(command.text)?.[1];
        if (awaited) {
          if (!lastWorker) throw new Error(`${describe(block, command)}: no Worker is running`);
          await lastWorker.waitForLine(new RegExp(escapeRegExp(awaited)), timeoutMs).catch((error: unknown) => {
            throw new Error(`${describe(block, command, lastWorker)}\n${String(error)}`, { cause: error });
          });
          continue;
        }
        const [, watched, printed] = /^#\s*after the ([\w ]+ terminal) prints "([^"]+)"/i.exec(command.text) ?? [];
        if (watched && printed) {
          const running = terminals.get(watched);
          if (!running) throw new Error(`${describe(block, command)}: nothing runs in the ${watched}`);
          await running.process.waitForLine(new RegExp(escapeRegExp(printed)), timeoutMs).catch((error: unknown) => {
            throw new Error(`${describe(block, command, running.process)}\n${String(error)}`, { cause: error });
          });
          continue;
        }
        if (command.text.startsWith('#')) continue;
        const [shellText = '', comment = ''] = command.text.split(/\s+#\s*/, 2);
        await finish(block.terminal, block, command);

        if (/^kill -9 <pid>$/.test(shellText)) {
          if (lastWorkerPid === undefined)
            throw new Error(`${describe(block, command)}: no Worker has printed its pid`);
          const pid = lastWorkerPid;
          execSync(shellText.replace('<pid>', String(pid)), { cwd });
          await until(() => !isRunning(pid), 10_000, `${describe(block, command)}: process ${pid} still runs`);
          // The terminal whose Worker died is free again once pnpm notices.
          for (const [name, running] of terminals)
            if (running.process.lines.some((l) => l.includes(`(process ${pid})`))) {
              terminals.delete(name);
              await exitCode(running.process, timeoutMs).catch(() => running.process.kill('SIGKILL'));
            }
          continue;
        }
        if (/<[^>]+>/.test(shellText))
          throw new Error(`${describe(block, command)}: a placeholder the runner cannot fill`);

        const ready = readyLine(shellText);
        const started = startCommand(cwd, shellText, env);
        if (ready) {
          terminals.set(block.terminal, { process: started, command: shellText, mustFinish: ready.mustFinish });
          const line = await started.waitForLine(ready.pattern, timeoutMs).catch((error: unknown) => {
            throw new Error(`${describe(block, command, started)}\n${String(error)}`, { cause: error });
          });
          const pid = /\(process (\d+)\)/.exec(line)?.[1];
          if (pid) {
            lastWorkerPid = Number(pid);
            lastWorker = started;
          }
          continue;
        }
        const expected = Number(/exit code (\d+)/.exec(comment)?.[1] ?? 0);
        const code = await exitCode(started, timeoutMs).catch(async (error: unknown) => {
          await started.kill('SIGKILL');
          throw new Error(`${describe(block, command, started)}\n${String(error)}`, { cause: error });
        });
        if (code !== expected)
          throw new Error(`${describe(block, command, started)}\nexited ${code}, the page expects ${expected}`);
      }
    }
    // A starter still waiting must see its workflow finish, as the page promises.
    for (const [terminal, running] of [...terminals])
      if (running.mustFinish) {
        const last = blocks.at(-1)!;
        await finish(terminal, last, last.commands.at(-1)!);
      }
  } finally {
    await Promise.all([...terminals.values()].map(({ process }) => process.kill('SIGINT')));
  }
}

function readyLine(command: string): { pattern: RegExp; mustFinish: boolean } | undefined {
  if (/\bpnpm (-s )?dev-server\b/.test(command)) return { pattern: /dev server serving/, mustFinish: false };
  if (/\bpnpm worker\b/.test(command)) return { pattern: /Worker polling/, mustFinish: false };
  if (/\bpnpm workflow\b/.test(command)) return { pattern: /Started workflow|already/, mustFinish: true };
  return undefined;
}

async function exitCode({ child }: SampleProcess, timeoutMs: number): Promise<number> {
  if (child.exitCode === null && child.signalCode === null) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise((resolve) => child.once('close', resolve)),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`did not exit within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
  return child.exitCode ?? 128;
}

async function until(condition: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
