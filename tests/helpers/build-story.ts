/**
 * Builds small Story objects in code, for engine tests that must not depend
 * on the YAML loader. Conditions are given as closures with a label.
 */
import { DEFAULT_INFECTION_TABLE } from '../../src/engine/infection-table.js';
import type { Condition } from '../../src/engine/condition-types.js';
import type { Effect } from '../../src/engine/effect-types.js';
import type { GameState } from '../../src/engine/state-types.js';
import type { Choice, Hooks, Scene, StatDef, Story } from '../../src/engine/story-types.js';
import type { Template } from '../../src/engine/text-types.js';

export function text(src: string): Template {
  const parts: (string | { name: string })[] = [];
  const re = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
  let last = 0;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    if (m.index > last) parts.push(src.slice(last, m.index));
    parts.push({ name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < src.length || parts.length === 0) parts.push(src.slice(last));
  return { src, parts };
}

export function cond(src: string, test: (s: GameState) => boolean): Condition {
  return { src, ast: { kind: 'bool', value: true, start: 0, end: src.length }, test };
}

export interface ChoiceSpec {
  id: string;
  text?: string;
  goto?: string;
  effects?: Effect[];
  if?: Condition;
  requires?: Condition;
  hint?: string;
  input?: Choice['input'];
}

export interface SceneSpec {
  text?: string[];
  onEnter?: Effect[];
  choices?: ChoiceSpec[];
  ending?: string;
  chapter?: string;
}

const here = { file: 'test.yaml', line: 1, col: 1 };

export function buildStory(
  scenes: Record<string, SceneSpec>,
  options: {
    start?: string;
    stats?: Record<string, Partial<StatDef>>;
    characters?: Record<string, { name?: string; party?: boolean }>;
    hooks?: Hooks;
    vars?: Record<string, string>;
  } = {},
): Story {
  const map = new Map<string, Scene>();
  for (const [id, spec] of Object.entries(scenes)) {
    map.set(id, {
      id,
      title: id,
      ...(spec.chapter !== undefined ? { chapter: spec.chapter } : {}),
      text: (spec.text ?? [`You are in ${id}.`]).map((t) => ({ text: text(t) })),
      onEnter: spec.onEnter ?? [],
      choices: (spec.choices ?? []).map((c) => ({
        id: c.id,
        text: text(c.text ?? c.id),
        effects: c.effects ?? [],
        ...(c.goto !== undefined ? { goto: c.goto } : {}),
        ...(c.if !== undefined ? { if: c.if } : {}),
        ...(c.requires !== undefined ? { requires: c.requires } : {}),
        ...(c.hint !== undefined ? { hint: c.hint } : {}),
        ...(c.input !== undefined ? { input: c.input } : {}),
        source: here,
      })),
      ...(spec.ending !== undefined ? { ending: { title: spec.ending } } : {}),
      source: here,
    });
  }
  const stats: Record<string, StatDef> = {};
  for (const [id, s] of Object.entries(options.stats ?? {})) {
    stats[id] = { label: id, min: 0, max: 10, start: 5, visible: true, ...s };
  }
  const characters: Story['characters'] = {};
  for (const [id, c] of Object.entries(options.characters ?? {})) {
    (characters as Record<string, { name: string; startsInParty: boolean }>)[id] = {
      name: c.name ?? id,
      startsInParty: c.party ?? false,
    };
  }
  return {
    id: 'test',
    title: 'Test',
    version: '1',
    hash: 'test',
    start: options.start ?? Object.keys(scenes)[0]!,
    clock: { day: 1, minute: 8 * 60 },
    stats,
    items: {},
    startItems: {},
    characters,
    vars: { turned_id: '', turned_name: '', ...(options.vars ?? {}) },
    flags: {},
    hooks: options.hooks ?? {},
    infection: DEFAULT_INFECTION_TABLE,
    scenes: map,
  };
}
