/**
 * Scenes as plain text: what plain mode prints and what the transcript of an
 * Ink game records, so both read the same. No ANSI codes, wrapped to a width.
 */

import type { ChoiceView, GameState, SceneView, Story } from '../../engine/index.js';
import type { MoveOutcome } from '../changes.js';
import { endingBanner, choiceLabel } from '../labels.js';
import { runSummary, runSummaryLines } from '../run-summary.js';
import { statHelp } from '../stat-help.js';
import { statusReport, statusText } from '../status.js';
import { wrapHanging, wrapText } from '../wrap.js';

/**
 * What the last move told the player, before the next scene: each `say`
 * line as a paragraph, then the changes line in brackets; '' when nothing.
 */
export function outcomeText(outcome: MoveOutcome, width: number): string {
  let out = '';
  for (const said of outcome.said) {
    const lines = wrapText(said, width);
    if (lines.length > 0) out += `${lines.join('\n')}\n\n`;
  }
  if (outcome.changes !== undefined) out += `${wrapHanging(`[${outcome.changes}]`, width, 1).join('\n')}\n\n`;
  return out;
}

/** The scene's title underlined with `=`, then its paragraphs, each followed by a blank line. */
export function sceneText(view: SceneView, width: number): string {
  let out = `${view.title}\n${'='.repeat(Math.min([...view.title].length, width))}\n\n`;
  for (const paragraph of view.paragraphs) {
    const lines = wrapText(paragraph, width);
    if (lines.length > 0) out += `${lines.join('\n')}\n\n`;
  }
  return out;
}

/** The choices numbered `1.`, `2.`, … one per line, disabled ones marked in words. */
export function choiceText(choices: readonly ChoiceView[], width: number): string {
  let out = '';
  choices.forEach((choice, index) => {
    const prefix = `${index + 1}. `;
    const label = choiceLabel(choice);
    out += `${prefix}${wrapHanging(label, width, prefix.length).join('\n')}\n`;
  });
  return out;
}

/** The ending's banner and summary, then the run's summary (`found`: ending scenes found so far). */
export function endingText(story: Story, state: GameState, view: SceneView, found: readonly string[], width: number): string {
  let out = `${endingBanner(view.ending)}\n`;
  const summary = view.ending?.summary;
  if (summary !== undefined && summary.trim() !== '') out += `\n${wrapText(summary, width).join('\n')}\n`;
  out += '\n';
  for (const { label, text } of runSummaryLines(runSummary(story, state, found))) {
    out += `${wrapHanging(`${label}: ${text}`, width, 2).join('\n')}\n`;
  }
  return out;
}

/** What each number on the status panel means, one line each (plain mode's `help`, after the commands). */
export function statHelpText(story: Story, state: GameState, width: number): string {
  const lines = statHelp(story, state).map((e) => wrapHanging(`${e.label}: ${e.text}`, width, 2).join('\n'));
  return `\nWhat the numbers mean:\n${lines.join('\n')}\n`;
}

/** The status panel as lines of text (plain mode's `status`). */
export function statusBlock(story: Story, state: GameState, width: number): string {
  return `${statusText(statusReport(story, state))
    .map((line) => wrapHanging(line, width, 2).join('\n'))
    .join('\n')}\n`;
}
