/**
 * The errors a move can throw: a choice the state does not offer (a
 * caller's bug or a stale save), and a story that goes wrong at run time.
 */

/** A choice that cannot be made in this state: a caller's bug, or a stale save. */
export class ChoiceError extends Error {
  override readonly name = 'ChoiceError';
  constructor(
    message: string,
    readonly scene: string,
    readonly choice: string,
  ) {
    super(message);
  }
}

/** A story that loops or points nowhere at run time (the loader prevents most). */
export class StoryRuntimeError extends Error {
  override readonly name = 'StoryRuntimeError';
}
