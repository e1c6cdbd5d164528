/**
 * What a whole story can ever do, gathered from every effect and condition:
 * which flags some effect sets, which items are ever given, who can join the
 * party, which stats ever change, and what the conditions test. The static
 * analyses (`analyze.ts`) and the condition domains build on these facts.
 */
import { referencesOf } from '../engine/condition.js';
import type { Condition } from '../engine/condition-types.js';
import type { Effect } from '../engine/effect-types.js';
import type { SourceRef } from '../engine/source-ref.js';
import type { Fate } from '../engine/state-types.js';
import type { Choice, Scene, Story } from '../engine/story-types.js';
import type { Template, TemplatePart } from '../engine/text-types.js';

/** Where an effect runs: a choice (when made) or a scene's `on_enter`. */
export interface EffectSite {
  readonly scene: Scene;
  readonly choice?: Choice;
}

/**
 * Calls `visit` for every effect in `effects`, nested branches included;
 * `inBranch` is true inside a `chance`, `check` or `if` branch.
 */
export function forEachEffect(
  effects: readonly Effect[],
  visit: (effect: Effect, inBranch: boolean) => void,
  inBranch = false,
): void {
  for (const effect of effects) {
    visit(effect, inBranch);
    if (effect.kind === 'chance' || effect.kind === 'check' || effect.kind === 'if') {
      forEachEffect(effect.then, visit, true);
      forEachEffect(effect.else, visit, true);
    }
  }
}

// A story never changes once loaded, so its sorted scenes are sorted once.
const sortedScenes = new WeakMap<Story, readonly Scene[]>();

/** The story's scenes sorted by id, so every report comes out in the same order. */
export function scenesInOrder(story: Story): readonly Scene[] {
  let sorted = sortedScenes.get(story);
  if (sorted === undefined) {
    sorted = Object.freeze([...story.scenes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    sortedScenes.set(story, sorted);
  }
  return sorted;
}

/** Where an effect site was written. */
export function sourceOf(site: EffectSite): SourceRef {
  return site.choice?.source ?? site.scene.source;
}

/** The inline conditions of a template (`{if COND: …}`), nested ones included. */
export function templateConditions(template: Template, out: Condition[] = []): Condition[] {
  const walk = (parts: readonly TemplatePart[]): void => {
    for (const part of parts) {
      if (typeof part === 'string' || 'name' in part) continue;
      if (part.kind === 'if') {
        out.push(part.cond);
        walk(part.then);
        walk(part.else);
      } else {
        for (const option of part.options) walk(option);
      }
    }
  };
  if (template.parts.length > 1 || typeof template.parts[0] === 'object') walk(template.parts);
  return out;
}

/**
 * The conditions a scene's text tests: paragraphs' `if`, first-match cases'
 * `if`, and inline conditions in the paragraphs (its `back` too) and the
 * choices' texts.
 */
export function textConditions(scene: Scene): Condition[] {
  const out: Condition[] = [];
  for (const p of [...scene.text, ...(scene.back ?? [])]) {
    if ('first' in p) {
      for (const c of p.first) {
        if (c.if !== undefined) out.push(c.if);
        for (const t of c.text) templateConditions(t, out);
      }
    } else {
      if (p.if !== undefined) out.push(p.if);
      templateConditions(p.text, out);
    }
  }
  for (const choice of scene.choices) templateConditions(choice.text, out);
  return out;
}

/** The conditions on which stats' `drift` and `at_min` run (`if:` in story.yaml), in the stats' order. */
export function statConditions(story: Story): Condition[] {
  const out: Condition[] = [];
  for (const def of Object.values(story.stats)) {
    if (def.drift?.if !== undefined) out.push(def.drift.if);
    if (def.atMin?.if !== undefined) out.push(def.atMin.if);
  }
  return out;
}

/**
 * Every condition of the story: the stats' drift and at_min `if`, choices'
 * `if`/`requires`, the text's conditions, `if` effects.
 */
export function conditionsOf(story: Story): Condition[] {
  const out: Condition[] = statConditions(story);
  for (const scene of scenesInOrder(story)) out.push(...sceneConditions(scene));
  return out;
}

/** Every condition of one scene: its text's, its choices' `if`/`requires`, and those in its effects. */
export function sceneConditions(scene: Scene): Condition[] {
  const out = textConditions(scene);
  const lists: (readonly Effect[])[] = [scene.onEnter];
  for (const choice of scene.choices) {
    if (choice.if !== undefined) out.push(choice.if);
    if (choice.requires !== undefined) out.push(choice.requires);
    lists.push(choice.effects);
  }
  for (const list of lists) {
    forEachEffect(list, (e) => {
      if (e.kind === 'if') out.push(e.cond);
      else if (e.kind === 'say') templateConditions(e.text, out);
      else if (e.kind === 'setVar') templateConditions(e.value, out);
    });
  }
  return out;
}

/** What the story can ever do, and what its conditions test. */
export interface StoryFacts {
  /** Flags some `set` effect sets (first site, for messages). */
  readonly flagsSet: ReadonlyMap<string, EffectSite>;
  /** Items some `give` effect gives (first site). */
  readonly itemsGiven: ReadonlyMap<string, EffectSite>;
  /** Items in `start_items` with a count above zero. */
  readonly startItems: ReadonlySet<string>;
  /** Characters some `join` effect adds, or who start in the party. */
  readonly joiners: ReadonlySet<string>;
  /** Stats some effect (or the engine itself: drift, at_min, healing) can change. */
  readonly statsChanged: ReadonlySet<string>;
  /** Characters whose bond some `bond` effect changes. */
  readonly bondsChanged: ReadonlySet<string>;
  /** String variables some effect or typed answer can change. */
  readonly varsChanged: ReadonlySet<string>;
  /** Some effect exposes a character or sets a status: the player may become a halfbie (and heal, and gain strength). */
  readonly infection: boolean;
  /** Flags, items and characters that some condition tests. */
  readonly tested: { readonly flags: ReadonlySet<string>; readonly items: ReadonlySet<string> };
  /** The fates some `fate` effect records, by character; under `turned`, those recorded for whoever turned. */
  readonly fates: ReadonlyMap<string, ReadonlySet<Fate>>;
  /** Characters (and `player`) some `expose` effect exposes. */
  readonly exposed: ReadonlySet<string>;
}

/** Gathers the facts about `story` from all its effects and conditions. */
export function storyFacts(story: Story): StoryFacts {
  const flagsSet = new Map<string, EffectSite>();
  const itemsGiven = new Map<string, EffectSite>();
  const joiners = new Set<string>();
  const statsChanged = new Set<string>();
  const bondsChanged = new Set<string>();
  const varsChanged = new Set<string>();
  const fates = new Map<string, Set<Fate>>();
  const exposed = new Set<string>();
  let infectionEffects = false;
  // Conditions the story tests, each once: choices that share a condition's text share its compiled object.
  const conditions = new Set<Condition>(statConditions(story));
  const gather = (effects: readonly Effect[], site: EffectSite): void =>
    forEachEffect(effects, (e) => {
      switch (e.kind) {
        case 'set':
          for (const f of e.flags) if (!flagsSet.has(f)) flagsSet.set(f, site);
          return;
        case 'give':
          if (!itemsGiven.has(e.item)) itemsGiven.set(e.item, site);
          return;
        case 'join':
          joiners.add(e.who);
          return;
        case 'add':
        case 'setStat':
          for (const stat of Object.keys(e.stats)) statsChanged.add(stat);
          return;
        case 'setVar':
          varsChanged.add(e.name);
          for (const c of templateConditions(e.value)) conditions.add(c);
          return;
        case 'say':
          for (const c of templateConditions(e.text)) conditions.add(c);
          return;
        case 'expose':
          exposed.add(e.who);
          infectionEffects = true;
          return;
        case 'setStatus':
          infectionEffects = true;
          return;
        case 'fate': {
          const known = fates.get(e.who) ?? new Set<Fate>();
          known.add(e.fate);
          fates.set(e.who, known);
          return;
        }
        case 'if':
          conditions.add(e.cond);
          return;
        case 'bond':
          for (const who of Object.keys(e.changes)) if (e.changes[who] !== 0) bondsChanged.add(who);
          return;
        case 'clear':
        case 'take':
        case 'leave':
        case 'time':
        case 'skipTime':
        case 'goto':
        case 'chance':
        case 'check':
        case 'feed':
        case 'stress':
        case 'cure':
          return;
        default: {
          const _never: never = e;
          return _never;
        }
      }
    });
  for (const [id, def] of Object.entries(story.characters)) if (def.startsInParty) joiners.add(id);
  // One walk over the story, scenes in id order: the first site of a flag or item is the one reported.
  for (const scene of scenesInOrder(story)) {
    for (const c of textConditions(scene)) conditions.add(c);
    gather(scene.onEnter, { scene });
    for (const choice of scene.choices) {
      if (choice.if !== undefined) conditions.add(choice.if);
      if (choice.requires !== undefined) conditions.add(choice.requires);
      if (choice.input !== undefined) varsChanged.add(choice.input.var);
      gather(choice.effects, { scene, choice });
    }
  }
  // The engine heals a semi-infected player's health as time passes, and a
  // companion turning fills in these two variables.
  if (infectionEffects) statsChanged.add('health');
  // Time moves the drifting stats, and running one out moves the stats its at_min names.
  for (const stat of story.drifting ?? []) {
    statsChanged.add(stat);
    for (const other of Object.keys(story.stats[stat]?.atMin?.add ?? {})) statsChanged.add(other);
  }
  varsChanged.add('turned_id');
  varsChanged.add('turned_name');

  const stats = new Set(Object.keys(story.stats));
  const testedFlags = new Set<string>();
  const testedItems = new Set<string>();
  for (const cond of conditions) {
    const refs = referencesOf(cond.ast, { stats });
    for (const f of refs.flags) testedFlags.add(f);
    for (const i of refs.items) testedItems.add(i);
  }
  const startItems = new Set(Object.keys(story.startItems).filter((i) => (story.startItems[i] ?? 0) > 0));
  return {
    flagsSet,
    itemsGiven,
    startItems,
    joiners,
    statsChanged,
    bondsChanged,
    varsChanged,
    infection: infectionEffects,
    tested: { flags: testedFlags, items: testedItems },
    fates,
    exposed,
  };
}
