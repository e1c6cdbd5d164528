/**
 * Playing a game: load the story, pick the seed and the start, then hand
 * over to the line-by-line mode or to the Ink screen (loaded only when used,
 * so plain mode and pipes never evaluate React or Ink).
 */

import { randomInt } from 'node:crypto';
import { start } from '../engine/index.js';
import type { Story } from '../engine/types.js';
import { formatProblem } from '../story/problem.js';
import { closest } from '../story/suggest.js';
import { UsageError } from './args.js';
import type { PlayOptions } from './args.js';
import { playPlain } from './plain.js';
import { notAvailableYet } from './context.js';
import type { CliContext } from './context.js';
import { loadStory } from './story-source.js';

/** Plays a game with the given options; resolves to the exit code. */
export async function play(options: PlayOptions, ctx: CliContext): Promise<number> {
  const missing = unavailableOption(options);
  if (missing !== undefined) return notAvailableYet(ctx, missing);

  const { label, result } = await loadStory(options.story, ctx.shippedStory);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (result.story === undefined || errors.length > 0) {
    for (const problem of errors) ctx.stderr.write(`${formatProblem(problem)}\n`);
    const checkArgs = options.story === undefined ? '' : ` ${options.story}`;
    ctx.stderr.write(
      `hyosan: ${label} cannot be played until its errors are fixed (see 'hyosan check${checkArgs}').\n`,
    );
    return 1;
  }

  const story = options.startAt === undefined ? result.story : startingAt(result.story, options.startAt, label);
  const seed = options.seed ?? randomInt(0, 2 ** 32);
  const state = start(story, seed);

  const plain = options.plain || ctx.stdin.isTTY !== true || ctx.stdout.isTTY !== true;
  if (plain) {
    return playPlain(story, state, {
      input: ctx.stdin,
      output: ctx.stdout,
      // A terminal echoes what is typed; a pipe does not, and the transcript would lose it.
      echo: ctx.stdin.isTTY !== true,
      ...(ctx.stdout.columns === undefined ? {} : { columns: ctx.stdout.columns }),
    });
  }
  const { playInk } = await import('../ui/launch.js');
  return playInk(story, state, {
    stdin: ctx.stdin,
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    color: !(ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== ''),
  });
}

/** The first option given that later versions will implement, for the "not available" message. */
function unavailableOption(options: PlayOptions): string | undefined {
  if (options.continue) return '--continue';
  if (options.load !== undefined) return '--load';
  if (options.saveDir !== undefined) return '--save-dir';
  if (options.transcript !== undefined) return '--transcript';
  return undefined;
}

/** The story with another start scene, for authors trying out one scene (`--start-at`). */
function startingAt(story: Story, scene: string, label: string): Story {
  if (!story.scenes.has(scene)) {
    const guess = closest(scene, story.scenes.keys());
    throw new UsageError(
      `--start-at: no scene '${scene}' in ${label}${guess === undefined ? '' : ` (did you mean ${guess}?)`}`,
    );
  }
  return { ...story, start: scene };
}
