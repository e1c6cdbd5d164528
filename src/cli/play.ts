/**
 * Playing a game: load the story, open the save folder (and the transcript),
 * find the game to begin with (`--continue`, `--load`, a new one), then hand
 * over to the line-by-line mode or to the Ink screen (loaded only when used,
 * so plain mode and pipes never evaluate React or Ink).
 */

import { realpath } from 'node:fs/promises';
import type { Story } from '../engine/story-types.js';
import { chooseSaveDir } from '../saves/slots.js';
import { SaveStore } from '../saves/store.js';
import { formatProblem } from '../story/problem.js';
import { onFullScreen } from '../ui/ink/full-screen.js';
import { packsLine, type GameStart, type PackSwitch } from '../ui/ports.js';
import { titleFrame } from '../ui/ink/title.js';
import { sizeOf } from '../ui/ink/layout.js';
import { UsageError } from './args.js';
import type { PlayOptions } from './args.js';
import type { CliContext } from './context.js';
import { playPlain } from '../ui/plain/plain.js';
import { PlayServices } from './play-services.js';
import { savedLine } from '../ui/labels.js';
import { profileDir, readSettings } from './profile.js';
import { checkStartScene, setupFor } from './start-setup.js';
import { loadStory } from './story-source.js';
import { installedPackFolders } from './installed-packs.js';
import { PLAIN_LAUNCH, shellWord } from './launch-command.js';
import { openTranscript, transcriptHeading, type Transcript } from './transcript.js';
import type { WatchOptions } from './watch.js';
import type { LoadResult } from '../story/load.js';

/** Plays a game with the given options; resolves to the exit code. */
export async function play(given: PlayOptions, ctx: CliContext): Promise<number> {
  const options = { ...given, packs: given.packs ?? [] };
  if (options.watch && options.story === undefined && options.packs.length === 0) {
    throw new UsageError('--watch needs --story DIR or --pack DIR (the shipped story is built in and never changes)');
  }
  if (options.continue && options.load !== undefined) {
    throw new UsageError('--continue and --load both choose the game to begin with; give one of them');
  }
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
  const saveDir = chooseSaveDir(options.saveDir, ctx.env.HYOSAN_SAVE_DIR);
  // Installed packs go with the built-in story only: a story folder is an author's, played as it is (or with --pack).
  const installed = options.story === undefined && installedPackFolders(saveDir).length > 0;
  let story = result.story;
  let packNotices: readonly string[] = [];
  let packSwitches: readonly PackSwitch[] = [];
  let brokenPacks = 0;
  if (options.packs.length > 0 || installed) {
    // Pack code is imported only when there is a pack: a plain start never loads it.
    const { playWithPacks } = await import('./play-packs.js');
    const packed = await playWithPacks(story, options.packs, installed ? saveDir : undefined);
    if ('errors' in packed) {
      for (const problem of packed.errors) ctx.stderr.write(`${formatProblem(problem)}\n`);
      const args = packed.folders.map((f) => ` --pack ${f}`).join('');
      ctx.stderr.write(`hyosan: ${packed.folders.join(', ')} cannot be played until its errors are fixed (see 'hyosan check${args}').\n`);
      return 1;
    }
    story = packed.story;
    packNotices = packed.notices;
    packSwitches = packed.switches;
    brokenPacks = packed.broken;
  }
  const packs = packsLine(story.packs ?? [], brokenPacks);
  for (const notice of packNotices) ctx.stderr.write(`hyosan: ${notice}\n`);
  if (options.startAt !== undefined) await checkStartScene(story, options.startAt, label, options.story === undefined);
  const setup = options.setup === undefined ? undefined : setupFor(story, options.setup, label);

  const plain = options.plain || ctx.stdin.isTTY !== true || ctx.stdout.isTTY !== true;
  let transcript: Transcript | undefined;
  if (options.transcript !== undefined) {
    const opened = openTranscript(options.transcript);
    // A transcript file that cannot be one (a folder, a FIFO, a device) is a mistake on the command line.
    if (typeof opened === 'string') throw new UsageError(opened);
    transcript = opened;
  }

  const store = new SaveStore({ dir: saveDir });
  const seeds = seedSource(options.seed);
  const settings = await readSettings(profileDir(store.dir));
  const services = new PlayServices({
    story,
    store,
    newSeed: seeds,
    settings,
    ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
    ...(setup === undefined ? {} : { setup }),
    // Plain mode copies its own output to the transcript; the Ink screen's scenes are written by the services.
    ...(transcript === undefined || plain ? {} : { transcript, transcriptWidth: 72 }),
    ...(options.watch ? watching(options, ctx, installed ? saveDir : undefined) : {}),
    storyAlone: result.story,
    // A story from a folder autosaves to slots of its own, whatever id its story.yaml claims.
    ...(options.story === undefined ? {} : { storyFolder: await realpath(options.story) }),
  });

  let start: GameStart | undefined;
  if (options.continue || options.load !== undefined) {
    const loaded = options.load === undefined ? await services.continueLatest() : await services.load(options.load);
    if (typeof loaded === 'string') {
      transcript?.close();
      ctx.stderr.write(`hyosan: ${loaded}\n`);
      return 1;
    }
    start = loaded;
  } else if (plain || options.startAt !== undefined) {
    start = services.newGame();
  }
  transcript?.write(transcriptHeading(story.title, start?.game.seed, new Date()));

  const found = await services.foundEndings();
  if (plain) {
    const interrupt = new AbortController();
    // The first Ctrl+C saves and leaves; a second one, while that runs, ends the process as usual.
    const stopListening = ctx.onInterrupt?.(() => {
      stopListening?.();
      interrupt.abort();
    });
    let code: number;
    try {
      code = await playPlain(story, start ?? services.newGame(), services, {
        input: ctx.stdin,
        output: ctx.stdout,
        // A terminal echoes what is typed; a pipe does not, and the output would lose it.
        echo: ctx.stdin.isTTY !== true,
        found,
        settings,
        interrupt: interrupt.signal,
        ...(transcript === undefined ? {} : { transcript }),
        ...(ctx.stdout.columns === undefined ? {} : { columns: ctx.stdout.columns }),
      });
    } finally {
      stopListening?.();
      transcript?.close();
    }
    return afterGame(code, services, transcript, options, ctx);
  }
  const noColor = ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '';
  const continueNote = await services.continuePreview();
  const canContinue = continueNote !== undefined;
  // A game that opens on the title screen shows it before Ink has loaded (see ui/ink/title.ts).
  const firstFrame =
    start === undefined
      ? titleFrame({
          title: story.title,
          tagline: story.tagline,
          packs,
          canContinue,
          continueNote,
          columns: sizeOf(ctx.stdout).columns,
          color: settings.colour && !noColor,
          styled: !noColor,
        })
      : undefined;
  const io = { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr };
  const code = await onFullScreen(io, firstFrame, async (painted) => {
    const { playInk } = await import('../ui/ink/launch.js');
    return playInk(
      { story, ...(start === undefined ? {} : { start }), ports: services, settings, noColor, found, canContinue, continueNote, packs: packSwitches, packsLine: packs },
      io,
      painted,
    );
  });
  // After the shell's screen is back, where the player will see it.
  return afterGame(code, services, transcript, options, ctx);
}

/**
 * The exit code once the game is over. One line says the game was saved
 * and how to go on with it. What the player could not be told on the screen
 * (the last save failed, the transcript stopped early) is printed now, and
 * fails the run: a script must not take it for success.
 */
function afterGame(code: number, services: PlayServices, transcript: Transcript | undefined, options: PlayOptions, ctx: CliContext): number {
  transcript?.close();
  if (services.savedOnLeaving) ctx.stdout.write(`${savedLine(resumeCommand(ctx.launchedAs ?? PLAIN_LAUNCH, options))}\n`);
  const { unsaved, notices } = services.onLeaving;
  for (const notice of notices) ctx.stderr.write(`hyosan: ${notice}\n`);
  const problems = [unsaved, transcript?.failure].filter((p) => p !== undefined);
  for (const problem of problems) ctx.stderr.write(`hyosan: ${problem}\n`);
  return problems.length > 0 && code === 0 ? 1 : code;
}

/** The command that continues the game just left: hyosan as it was started (`launch`), with the story and save folder it was played with. */
export function resumeCommand(launch: string, options: PlayOptions): string {
  const words = [launch];
  if (options.story !== undefined) words.push('--story', shellWord(options.story));
  for (const pack of options.packs ?? []) words.push('--pack', shellWord(pack));
  if (options.saveDir !== undefined) words.push('--save-dir', shellWord(options.saveDir));
  return [...words, '--continue'].join(' ');
}

/**
 * What `--watch` follows: the story folder (or the first pack's, for the
 * built-in story) and the packs' folders, reloaded together as the game
 * began with them.
 */
function watching(
  options: PlayOptions & { readonly packs: readonly string[] },
  ctx: CliContext,
  installedIn: string | undefined,
): { watchDir?: string; watchOptions?: WatchOptions } {
  const [dir, ...also] = options.story === undefined ? options.packs : [options.story, ...options.packs];
  if (dir === undefined) return {};
  if (options.packs.length === 0) return { watchDir: dir };
  const reload = async (): Promise<LoadResult> => {
    const alone = options.story === undefined ? await ctx.shippedStory() : await (await import('../story/load.js')).loadStoryDir(options.story);
    if (alone.story === undefined) return alone;
    const packed = await (await import('./play-packs.js')).playWithPacks(alone.story, options.packs, installedIn);
    return 'errors' in packed ? { problems: packed.errors, stats: alone.stats } : { ...alone, story: packed.story };
  };
  return { watchDir: dir, watchOptions: { also, reload } };
}

/** The seed of each new game: `--seed` (every game the same, to reproduce one), else a fresh random one. */
function seedSource(seed: number | undefined): () => number {
  // A seed only has to differ between games, not stay secret: Math.random
  // does, and spares every start loading node:crypto.
  return () => seed ?? Math.floor(Math.random() * 2 ** 32);
}
