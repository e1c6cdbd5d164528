/**
 * The command line's dispatcher: parses the arguments and runs a command
 * against the streams and environment it is given. `main.ts` hands it the
 * real process; nothing here touches `process` itself. The author tools and
 * `saves` are imported when run, so starting a game never evaluates the YAML
 * parser, zod's schemas or the analyses.
 */

import { parseArgs, UsageError } from './args.js';
import type { Command } from './args.js';
import type { CliContext } from './context.js';
import { helpText } from './help.js';
import { play } from './play.js';
import { hyosanVersion } from './version.js';

/** Runs the command line; resolves to the process's exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return usageFailure(ctx, parsed.error);
  try {
    return await runCommand(parsed.command, ctx);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(ctx, error);
    throw error;
  }
}

async function runCommand(command: Command, ctx: CliContext): Promise<number> {
  switch (command.kind) {
    case 'help':
      ctx.stdout.write(helpText(hyosanVersion()));
      return 0;
    case 'version':
      ctx.stdout.write(`hyosan ${hyosanVersion()}\n`);
      return 0;
    case 'check':
      return (await import('./check-command.js')).checkCommand(command, ctx);
    case 'play':
      return play(command.options, ctx);
    case 'graph':
      return (await import('./graph-command.js')).graphCommand(command.argv, ctx);
    case 'randomtest':
      return (await import('./randomtest-command.js')).randomtestCommand(command.argv, ctx);
    case 'new':
      return (await import('./new-command.js')).newCommand(command.argv, ctx);
    case 'saves':
      return (await import('./list-saves.js')).listSaves(command.argv, ctx);
    case 'packs':
      return (await import('./packs-command.js')).packsCommand(command.argv, ctx);
    default: {
      const _never: never = command;
      return _never;
    }
  }
}

function usageFailure(ctx: CliContext, error: UsageError): number {
  ctx.stderr.write(`hyosan: ${error.message}\nTry 'hyosan --help'.\n`);
  return 2;
}
