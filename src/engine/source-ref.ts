/** Where an author wrote something, which the engine keeps for messages. */

/** Where something was written, for messages an author can act on. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}
