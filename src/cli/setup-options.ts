/**
 * The names of the options that set up a game begun with `--start-at SCENE`
 * (play and `randomtest`), apart from what they mean (start-setup.ts), so
 * the argument parsers can know them without importing the story's names.
 */

/** The options that set up a game begun with `--start-at`. */
export const SETUP_OPTIONS = [
  '--set',
  '--clear',
  '--give',
  '--take',
  '--join',
  '--leave',
  '--stat',
  '--bond',
  '--at',
  '--status',
  '--var',
  '--force',
] as const;

/** One of the setup options. */
export type SetupOption = (typeof SETUP_OPTIONS)[number];

/** A setup option as given on the command line. */
export interface SetupArg {
  readonly option: SetupOption;
  readonly value: string;
}

/** Whether `text` names a setup option. */
export function isSetupOption(text: string): text is SetupOption {
  return (SETUP_OPTIONS as readonly string[]).includes(text);
}

/**
 * What is wrong with giving these setup options, if anything: they set up
 * nothing without `--start-at`, nor with `--continue`/`--load` (`resumes`),
 * which play a saved game as it was.
 */
export function setupArgsProblem(
  args: readonly SetupArg[],
  startAt: string | undefined,
  resumes?: string,
): string | undefined {
  const first = args[0];
  if (first === undefined) return undefined;
  if (resumes !== undefined) return `${first.option} sets up a new game; ${resumes} resumes a saved one as it was`;
  if (startAt === undefined) return `${first.option} sets up a game begun at a scene of your choice: add --start-at SCENE`;
  return undefined;
}

/** The setup options again as command-line words, each value quoted by `quote` (for replay lines). */
export function setupArgv(args: readonly SetupArg[], quote: (word: string) => string): string[] {
  return args.flatMap((a) => [a.option, quote(a.value)]);
}
