/**
 * Generated stories for the benchmarks: a large, valid story of any number
 * of scenes that looks like a written one (chapters, gated choices, effects,
 * conditional paragraphs, placeholders, endings, a drifting stat, a bond),
 * and a small looping story
 * for a game of any length. Deterministic: the same size gives the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SourceFile } from '../src/story/load.js';

/** Scenes per file, as an author groups a few related scenes. */
const SCENES_PER_FILE = 10;
/** Scenes per chapter; each chapter has its own flags and an ending. */
const CHAPTER = 50;

const WORDS = (
  'the corridor smells of chalk and rain a door bangs somewhere below you hear ' +
  'footsteps that are not quite footsteps the lights flicker and hold someone ' +
  'whispers your name from the stairwell and the radio crackles with static'
).split(' ');

const STORY_YAML = `id: bench
title: Generated Story
version: 1.0.0
start: c0.s0
clock: { day: 1, time: "08:40" }
vars:
  name: Min
stats:
  health:  { label: Health,  min: 0, max: 10, start: 10 }
  stamina: { label: Stamina, min: 0, max: 10, start: 6 }
  noise:   { label: Noise,   min: 0, max: 10, start: 0, drift: { every: 1h, by: -1 } }
  wits:    { label: Wits,    min: 0, max: 5,  start: 2 }
items:
  torch: { label: Torch, key: true }
characters:
  ally: { name: Su-a, bond: 4 }
hooks:
  on_death: end.dead
`;

const DEATH_SCENE = `id: end.dead
title: The End
text: The noise brought them, and there were too many.
ending: { title: Overrun }
`;

/** A small deterministic PRNG (mulberry32), so the same size always makes the same story. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)] ?? 'the');
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function sceneId(i: number): string {
  return `c${Math.floor(i / CHAPTER)}.s${i % CHAPTER}`;
}

/** One scene's YAML, as an item of a `scenes:` list (indented by two). */
function sceneYaml(i: number, total: number, rand: () => number): string {
  const chapter = Math.floor(i / CHAPTER);
  const id = sceneId(i);
  const lines = [`  - id: ${id}`, `    title: Scene ${i}`];
  if (i % CHAPTER === 0) lines.push(`    chapter: "Chapter ${chapter + 1}"`);
  const last = i === total - 1 || i % CHAPTER === CHAPTER - 1;
  lines.push('    text:');
  lines.push(`      - "${sentence(rand, 18)} {name} waits."`);
  lines.push(`      - if: c${chapter}_alarm`);
  lines.push(`        text: "${sentence(rand, 10)}"`);
  lines.push(`      - "${sentence(rand, 24)}"`);
  if (i % 7 === 3) lines.push('    on_enter:', '      - time: 10m', '      - add: { stamina: -1 }');
  if (i % 13 === 5) lines.push('    drift: { noise: off, stamina: { every: 30m, by: 1 } }');
  if (last) {
    lines.push(`    ending: { title: "Ending ${chapter}", summary: "${sentence(rand, 8)}" }`);
    return lines.join('\n');
  }
  // A chapter's second-to-last scene leads on to the next chapter; its last is an ending.
  const lastOfChapter = i % CHAPTER === CHAPTER - 2 && i + 2 < total;
  const next = sceneId(lastOfChapter ? i + 2 : i + 1);
  const skip = sceneId(Math.min(i + 2, chapter * CHAPTER + CHAPTER - 1, total - 1));
  lines.push('    choices:');
  lines.push(`      - text: "Go on carefully (${i})"`, `        goto: ${next}`);
  lines.push(
    `      - id: run`,
    `        text: "Run for it"`,
    `        requires: stamina > ${1 + (i % 3)}`,
    '        hint: You are too tired.',
    '        effects:',
    '          - add: { stamina: -2, noise: 1 }',
    `          - set: c${chapter}_alarm`,
    `          - chance: 30`,
    `            then:`,
    `              - add: { health: -1 }`,
    `        goto: ${skip}`,
  );
  if (i % 5 === 1) {
    lines.push(
      `      - id: search`,
      `        text: "Search the room"`,
      `        if: not has("torch") or visited("${id}") < 2`,
      '        effects:',
      '          - give: torch',
      '          - bond: { ally: 1 }',
      '          - check: wits',
      '            difficulty: 5',
      '            then: [{ set: found_note }]',
      `        goto: ${next}`,
    );
  }
  if (i % 9 === 4) {
    lines.push(
      `      - id: listen`,
      `        text: "Listen at the door"`,
      `        if: c${chapter}_alarm and noise < 5`,
      `        goto: ${next}`,
    );
  }
  if (i % 11 === 6) {
    lines.push(
      `      - id: note`,
      `        text: "Read the note again"`,
      `        if: found_note`,
      '        effects: [{ set_var: { name: "{name}" } }]',
      `        goto: ${next}`,
    );
  }
  return lines.join('\n');
}

/** A valid story of `scenes` scenes (at least 2), as the files an author would write. */
export function generateStory(scenes: number): SourceFile[] {
  const total = Math.max(2, scenes);
  const rand = prng(total);
  const files: SourceFile[] = [
    { path: 'story.yaml', text: STORY_YAML },
    { path: 'end/dead.yaml', text: DEATH_SCENE },
  ];
  for (let first = 0; first < total; first += SCENES_PER_FILE) {
    const items: string[] = [];
    for (let i = first; i < Math.min(total, first + SCENES_PER_FILE); i++) items.push(sceneYaml(i, total, rand));
    const chapter = Math.floor(first / CHAPTER);
    files.push({ path: `chapter-${chapter}/part-${first}.yaml`, text: `scenes:\n${items.join('\n')}\n` });
  }
  return files;
}

/**
 * A story of a few scenes in a ring, whose ending opens only after `moves`
 * choices, so a scripted game of exactly that many choices (always choice 1)
 * is possible. Each turn adds a little to the state (a flag, a visit).
 */
export function generateLoopStory(moves: number, ring = 12): SourceFile[] {
  const files: SourceFile[] = [{ path: 'story.yaml', text: STORY_YAML.replace('start: c0.s0', 'start: loop.0') }];
  files.push({ path: 'end/dead.yaml', text: DEATH_SCENE });
  const items: string[] = [];
  for (let i = 0; i < ring; i++) {
    const next = `loop.${(i + 1) % ring}`;
    items.push(
      [
        `  - id: loop.${i}`,
        `    title: Room ${i}`,
        `    text: "Round and round, {name}: room ${i} of ${ring}. ${sentence(prng(i + 1), 20)}"`,
        '    choices:',
        `      - id: out`,
        `        text: "Leave for good"`,
        `        if: turn >= ${moves - 1}`,
        '        goto: loop.end',
        `      - id: on`,
        `        text: "Walk on"`,
        `        if: turn < ${moves - 1}`,
        `        effects: [{ time: 5m }, { set: [seen_${i}] }]`,
        `        goto: ${next}`,
      ].join('\n'),
    );
  }
  items.push(['  - id: loop.end', '    title: Out', '    text: You are out.', '    ending: { title: Out }'].join('\n'));
  files.push({ path: 'loop.yaml', text: `scenes:\n${items.join('\n')}\n` });
  return files;
}

/** Writes `files` under `dir` (which must not hold another story). */
export async function writeStory(dir: string, files: readonly SourceFile[]): Promise<void> {
  for (const f of files) {
    const path = join(dir, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.text);
  }
}
