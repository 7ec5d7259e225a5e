/**
 * What the tooling's commands share (as the samples' src/program.ts does for theirs): a wrong argument gets one line and
 * the usage (exit 2, nothing started), a failure the user can act on one line (exit 1), and a stack
 * only with --verbose or DEBUG=1.
 */
import { parseArgs } from 'node:util';
import { ServerBinaryNotFoundError } from './binaries';

/** A wrong argument: the command started nothing. */
export class UsageError extends Error {}

/** A failure the user can act on, told in one line. */
export class CommandError extends Error {}

export interface ParsedOptions {
  values: Record<string, string>;
  flags: Set<string>;
  help: boolean;
}

/**
 * Options `--name value` / `--name=value` (a value may be a negative number) and boolean flags;
 * `--help`, `-h` and `--verbose` are always known. Anything else is a UsageError.
 */
export function parseOptions(args: string[], strings: readonly string[], flags: readonly string[] = []): ParsedOptions {
  const { tokens } = parseArgs({
    args,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(strings.map((name) => [name, { type: 'string' as const }])),
  });
  const parsed: ParsedOptions = { values: {}, flags: new Set(), help: false };
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') throw new UsageError(`unexpected argument "${token.value}"`);
    const { name, rawName, value, inlineValue } = token;
    if (['help', 'h', 'verbose', ...flags].includes(name)) {
      if (value !== undefined) throw new UsageError(`${rawName} takes no value`);
      if (name === 'help' || name === 'h') parsed.help = true;
      else parsed.flags.add(name);
    } else if (!strings.includes(name)) {
      throw new UsageError(`unknown option ${rawName}`);
    } else if (value === undefined || (!inlineValue && /^-(?!\.?\d)/.test(value))) {
      throw new UsageError(`${rawName} needs a value`);
    } else {
      parsed.values[name] = value;
    }
  }
  return parsed;
}

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** Exits 2 with the usage for a UsageError, 1 with one line for any other failure. */
export function reportFailure(usage: string, error: unknown): never {
  if (error instanceof UsageError) {
    console.error(`Nothing was started: ${error.message}.\n${usage}`);
    process.exit(2);
  }
  if (process.env.DEBUG === '1' || process.argv.includes('--verbose')) console.error(error);
  else if (error instanceof CommandError || error instanceof ServerBinaryNotFoundError) console.error(error.message);
  else console.error(`${error instanceof Error ? error.message : String(error)} (--verbose shows the details)`);
  process.exit(1);
}

/** Runs a command's main function and exits with its code, or as `reportFailure` says. */
export function runCommand(usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => reportFailure(usage, error),
  );
}
