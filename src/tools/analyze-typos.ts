/**
 * `check`'s warnings for what is most often a slip of the keyboard: an item
 * taken or tested that nothing ever gives, a skill check no roll can pass,
 * and a flag that has a stat's name (`set: noise` sets a flag; the stat is
 * untouched). Choices whose `if`/`requires` tests a never-given item are
 * reported by the never-true analysis already; these cover the rest.
 */
import { referencesOf } from '../engine/condition.js';
import type { Condition } from '../engine/condition-types.js';
import type { Effect } from '../engine/effect-types.js';
import type { SourceRef } from '../engine/source-ref.js';
import type { Story } from '../engine/story-types.js';
import { BACK } from '../story/names.js';
import { edgesOf } from '../story/reachability.js';
import type { Problem } from '../story/problem.js';
import { forEachEffect, scenesInOrder, textConditions, type StoryFacts } from '../story/story-facts.js';
import { didYouMean } from '../story/suggest.js';

/** The highest a die adds to a `check` (a roll of 1–6). */
const DIE_MAX = 6;

function warning(at: SourceRef, message: string): Problem {
  return { file: at.file, line: at.line, col: at.col, severity: 'warning', message };
}

/** Appends the warnings for `story` to `problems`. */
export function typoWarnings(story: Story, facts: StoryFacts, problems: Problem[]): void {
  const stats = new Set(Object.keys(story.stats));
  const knownItems = new Set([...Object.keys(story.items), ...facts.itemsGiven.keys(), ...facts.startItems]);
  const obtainable = (item: string) => facts.itemsGiven.has(item) || facts.startItems.has(item);
  const neverGiven = (item: string) =>
    `item '${item}' is never given and is not in start_items${didYouMean(item, [...knownItems].filter(obtainable))}`;
  const statNamed = new Map([...stats].map((s) => [normalName(s), s]));
  const halfbieStrength = facts.infection;
  const reported = new Set<string>();
  const once = (key: string, problem: Problem) => {
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(problem);
  };
  const testsOf = (cond: Condition, at: SourceRef, where: string) => {
    for (const item of referencesOf(cond.ast, { stats }).items) {
      if (!obtainable(item)) once(`has:${item}:${where}`, warning(at, `${where} tests '${cond.src}', but ${neverGiven(item)}`));
    }
  };
  const effectsOf = (effects: readonly Effect[], at: SourceRef, where: string) =>
    forEachEffect(effects, (e) => {
      if (e.kind === 'take' && !obtainable(e.item)) {
        once(`take:${e.item}:${where}`, warning(at, `${where} takes '${e.item}', but ${neverGiven(e.item)}`));
      } else if (e.kind === 'if') {
        testsOf(e.cond, at, where);
      } else if (e.kind === 'check') {
        const def = story.stats[e.stat];
        if (def === undefined) return;
        const bonus = e.stat === 'strength' && halfbieStrength ? story.infection.strengthBonus : 0;
        const best = def.max + DIE_MAX + bonus;
        if (e.difficulty > best) {
          once(
            `check:${e.stat}:${e.difficulty}:${where}`,
            warning(
              at,
              `${where} has a check of ${e.stat} at difficulty ${e.difficulty} that can never succeed: ` +
                `the best is ${e.stat}'s maximum ${def.max} + a roll of ${DIE_MAX}` +
                (bonus > 0 ? ` + a halfbie's ${bonus}` : '') +
                ` = ${best}; lower the difficulty or raise the stat's max`,
            ),
          );
        }
      } else if (e.kind === 'set') {
        for (const flag of e.flags) {
          const stat = statNamed.get(normalName(flag));
          if (stat === undefined) continue;
          once(
            `flag:${flag}`,
            warning(
              at,
              `${where} sets the flag '${flag}', which has the name of the stat '${stat}': a flag is not the stat ` +
                `(to change the stat write 'add: { ${stat}: 1 }' or 'set_stat: { ${stat}: 0 }'); rename the flag`,
            ),
          );
        }
      }
    });
  backWithoutCall(story, problems);
  for (const scene of scenesInOrder(story)) {
    for (const cond of textConditions(scene)) testsOf(cond, scene.source, `the text of scene '${scene.id}'`);
    effectsOf(scene.onEnter, scene.source, `the on_enter of scene '${scene.id}'`);
    for (const choice of scene.choices) {
      effectsOf(choice.effects, choice.source, `choice '${choice.id}' in scene '${scene.id}'`);
    }
  }
}

/** `Noise`, `no-ise` and `no_ise` are one name to a reader. */
function normalName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * A `goto: "@back"` in a scene no `call` can lead to has nothing to come
 * back to: the game would stop there with an error.
 */
function backWithoutCall(story: Story, problems: Problem[]): void {
  const inCall = new Set<string>();
  const queue: string[] = [];
  for (const scene of story.scenes.values()) {
    for (const choice of scene.choices) if (choice.call !== undefined) queue.push(choice.call);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (inCall.has(id)) continue;
    inCall.add(id);
    const scene = story.scenes.get(id);
    if (scene === undefined) continue;
    for (const edge of edgesOf(scene)) if (edge.to !== BACK && !inCall.has(edge.to)) queue.push(edge.to);
  }
  for (const scene of scenesInOrder(story)) {
    if (inCall.has(scene.id)) continue;
    for (const edge of edgesOf(scene)) {
      if (edge.to !== BACK) continue;
      const at = edge.choice?.source ?? scene.source;
      const where = edge.choice === undefined ? `the on_enter of scene '${scene.id}'` : `choice '${edge.choice.id}' in scene '${scene.id}'`;
      problems.push(
        warning(at, `${where} goes to "@back", but no choice \`call\`s a sub-scene that leads here: there is nothing to come back to`),
      );
      break;
    }
  }
}
