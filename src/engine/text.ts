import { clockAt, dayAt } from './clock.js';
import type { GameState, Story, Template } from './types.js';

/**
 * Fills a template's `{name}` placeholders from the state: a string variable,
 * a stat's value, `{day}` or `{clock}`. The loader has already refused any
 * other name, so an unknown one here renders as empty rather than throwing.
 */
export function renderTemplate(story: Story, state: GameState, template: Template): string {
  const parts = template.parts;
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  let out = '';
  for (const part of parts) {
    out += typeof part === 'string' ? part : placeholder(story, state, part.name);
  }
  return out;
}

function placeholder(story: Story, state: GameState, name: string): string {
  if (Object.hasOwn(state.vars, name)) return state.vars[name]!;
  if (Object.hasOwn(state.stats, name)) return String(state.stats[name]);
  if (name === 'day') return String(dayAt(story.clock, state.time));
  if (name === 'clock') return clockAt(story.clock, state.time);
  return '';
}
