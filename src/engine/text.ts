import { clockAt, dayAt } from './clock.js';
import type { GameState } from './state-types.js';
import type { Story } from './story-types.js';
import type { Paragraph, Template, TemplatePart, VaryMode } from './text-types.js';

/**
 * Fills a template from the state: `{name}` placeholders (a string
 * variable, a stat's value, `{day}` or `{clock}`), inline conditions and
 * variations by visit. The loader has already refused any other name, so
 * an unknown one here renders as empty rather than throwing.
 */
export function renderTemplate(story: Story, state: GameState, template: Template): string {
  const parts = template.parts;
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  return renderParts(story, state, parts);
}

/** The paragraphs of a scene's text that show in this state, rendered. */
export function renderParagraphs(story: Story, state: GameState, text: readonly Paragraph[]): string[] {
  const out: string[] = [];
  const show = (template: Template) => {
    const rendered = renderTemplate(story, state, template);
    // A paragraph made only of inline text that came out empty is no paragraph.
    if (rendered.trim() !== '') out.push(rendered);
  };
  for (const p of text) {
    if ('first' in p) {
      const chosen = p.first.find((c) => c.if === undefined || c.if.test(state));
      if (chosen !== undefined) for (const t of chosen.text) show(t);
    } else if (p.if === undefined || p.if.test(state)) {
      show(p.text);
    }
  }
  return out;
}

function renderParts(story: Story, state: GameState, parts: readonly TemplatePart[]): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part === 'string') out += part;
    else if ('name' in part) out += placeholder(story, state, part.name);
    else if (part.kind === 'if') out += renderParts(story, state, part.cond.test(state) ? part.then : part.else);
    else out += renderParts(story, state, pick(part.mode, part.options, state, i));
  }
  return out;
}

/** The option a variation shows on this visit of the current scene (the first visit is 1). */
function pick(
  mode: VaryMode,
  options: readonly (readonly TemplatePart[])[],
  state: GameState,
  position: number,
): readonly TemplatePart[] {
  const n = Math.max(1, state.visits[state.scene] ?? 1);
  const last = options.length - 1;
  switch (mode) {
    case 'seq':
      return options[Math.min(n - 1, last)] ?? [];
    case 'cycle':
      return options[(n - 1) % options.length] ?? [];
    case 'once':
      return options[n - 1] ?? [];
    case 'shuffle':
      return options[mix(state.rng, n, position, state.scene) % options.length] ?? [];
    default: {
      const never: never = mode;
      return never;
    }
  }
}

/**
 * A number from the game's PRNG state, the visit and where the variation
 * sits, without drawing from the PRNG: showing a scene again (a resize, a
 * reload) shows the same option, and showing it changes nothing.
 */
function mix(rng: number, visit: number, position: number, scene: string): number {
  let h = (rng ^ Math.imul(visit, 0x9e3779b1) ^ Math.imul(position + 1, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < scene.length; i++) h = Math.imul(h ^ scene.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

function placeholder(story: Story, state: GameState, name: string): string {
  if (Object.hasOwn(state.vars, name)) return state.vars[name]!;
  if (Object.hasOwn(state.stats, name)) return String(state.stats[name]);
  if (name === 'day') return String(dayAt(story.clock, state.time));
  if (name === 'clock') return clockAt(story.clock, state.time);
  return '';
}
