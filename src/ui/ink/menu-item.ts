/** One entry of a menu: the title screen's, the in-game menu's, the settings'. */
export interface MenuItem<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  readonly enabled: boolean;
  /** A short note shown after the label (the save Continue would load). */
  readonly note?: string;
}
