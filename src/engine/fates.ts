/**
 * What became of a character: the story records it with the `fate` effect
 * and reads it back with `fate("woojin") == "lost"`. The engine keeps the
 * record; it never decides a fate itself.
 */
import type { Fate, GameState } from './state-types.js';
import type { Scene, Story } from './story-types.js';

/** Every fate, with what it means (docs/AUTHORING.md repeats this table). */
export const FATES: Readonly<Record<Fate, string>> = {
  killed: 'turned, and was put down',
  'killed-by-you': 'turned, and the player put them down',
  lost: 'turned, and got away: still out there',
  dead: 'died as themself',
  left: 'left behind, or parted alive',
};

/** The fate names, in the order above. */
export const FATE_NAMES = Object.keys(FATES) as readonly Fate[];

/** The `who` of a `fate` effect that means the companion who has just turned (`turned_id`). */
export const TURNED = 'turned';

/** The fate recorded for a character, or '' when none was. */
export function fateOf(state: GameState, who: string): Fate | '' {
  return Object.hasOwn(state.characters, who) ? (state.characters[who]!.fate ?? '') : '';
}

/**
 * Whether a scene is one where the player dies or is lost to the virus: an
 * ending marked `death: true`, or the scene an `on_death` or `on_turn` hook
 * names (those count without the mark).
 */
export function isDeathEnding(story: Story, scene: Scene): boolean {
  if (scene.ending?.death === true) return true;
  return scene.id === story.hooks.on_death || scene.id === story.hooks.on_turn;
}
