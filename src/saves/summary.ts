/** What a save looks like in a list: the fields `hyosan saves` and a title screen show. */
import type { AnySave } from './format.js';

/** A save's display fields, whatever its format version. */
export interface SaveSummary {
  readonly storyId: string;
  readonly storyVersion: string;
  readonly formatVersion: number;
  readonly scene: string;
  readonly sceneTitle: string;
  readonly chapter: string;
  readonly clock: string;
  readonly savedAt: string;
  readonly playerName?: string;
  readonly condition: string;
  readonly turn: number;
}

/** The display fields of a validated save. */
export function summarize(save: AnySave): SaveSummary {
  const { meta } = save;
  return {
    storyId: save.story.id,
    storyVersion: save.story.version,
    formatVersion: save.version,
    scene: save.state.scene,
    sceneTitle: meta.sceneTitle,
    chapter: meta.chapter,
    clock: meta.clock,
    savedAt: meta.savedAt,
    ...(meta.playerName === undefined ? {} : { playerName: meta.playerName }),
    condition: meta.condition,
    turn: meta.turn,
  };
}

/** `2025-03-14 09:05` in the local time zone, for an ISO date. */
export function formatSavedAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
