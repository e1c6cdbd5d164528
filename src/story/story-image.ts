/**
 * A compiled `Story` as plain JSON, and back: the build stores the shipped
 * story this way so that starting a game parses no YAML and validates
 * nothing. A condition is kept as its source and compiled again on the way
 * back, against the same names the loader used (so it means the same
 * thing), the first time it is used: a game's first screen needs only a few
 * of them. A text template is kept as its source and parsed again, exactly
 * as the loader parsed it. Everything else is kept as it is.
 */
import { DEFAULT_INFECTION_TABLE, type InfectionTable } from '../engine/infection-table.js';
import { compileCondition, compileNumber, type ConditionNames } from '../engine/condition.js';
import type { Condition, NumberExpr } from '../engine/condition-types.js';
import type { Effect } from '../engine/effect-types.js';
import type { GameState } from '../engine/state-types.js';
import type { AtMinRule, Choice, Scene, SceneDrift, StatDef, StatDriftRule, Story } from '../engine/story-types.js';
import type { Paragraph, Template } from '../engine/text-types.js';
import type { StoryStats } from './compile.js';
import type { Problem } from './problem.js';
import { compileTemplateParts, isSimple, parseTemplate } from './template.js';

/**
 * Bumped whenever the image's shape changes; an image of another version is refused.
 * 5: a stat's `drift` and `at_min` may carry an `if`, kept as its source.
 * 6: a scene may carry `back`, paragraphs like its `text`.
 */
export const STORY_IMAGE_VERSION = 6;

/** An effect with its conditions, amounts and templates as source text. */
export type EffectImage =
  | Exclude<Effect, { kind: 'if' | 'chance' | 'check' | 'setVar' | 'say' | 'add' | 'setStat' }>
  | { readonly kind: 'add' | 'setStat'; readonly stats: Readonly<Record<string, number | string>> }
  | { readonly kind: 'setVar'; readonly name: string; readonly value: string }
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'if'; readonly cond: string; readonly then: EffectImage[]; readonly else: EffectImage[] }
  | (Omit<Extract<Effect, { kind: 'chance' }>, 'then' | 'else'> & {
      readonly then: EffectImage[];
      readonly else: EffectImage[];
    })
  | (Omit<Extract<Effect, { kind: 'check' }>, 'then' | 'else'> & {
      readonly then: EffectImage[];
      readonly else: EffectImage[];
    });

type ParagraphImage =
  | { readonly text: string; readonly if?: string }
  | { readonly first: readonly { readonly if?: string; readonly text: readonly string[] }[] };

interface ChoiceImage extends Omit<Choice, 'text' | 'if' | 'requires' | 'effects'> {
  readonly text: string;
  readonly if?: string;
  readonly requires?: string;
  readonly effects: EffectImage[];
}

/** A scene with its conditions and templates as source text. */
export interface SceneImage extends Omit<Scene, 'text' | 'back' | 'onEnter' | 'choices'> {
  readonly text: ParagraphImage[];
  readonly back?: ParagraphImage[];
  readonly onEnter: EffectImage[];
  readonly choices: ChoiceImage[];
}

/** A stat with the conditions of its `drift` and `at_min` as source text. */
export interface StatDefImage extends Omit<StatDef, 'drift' | 'atMin'> {
  readonly drift?: Omit<StatDriftRule, 'if'> & { readonly if?: string };
  readonly atMin?: Omit<AtMinRule, 'if'> & { readonly if?: string };
}

/** A whole story as JSON-safe data. */
export interface StoryImage {
  readonly version: typeof STORY_IMAGE_VERSION;
  /** The story's settings; `infection` is null when it is the default table. */
  readonly story: Omit<Story, 'scenes' | 'infection' | 'stats'> & {
    readonly stats: Readonly<Record<string, StatDefImage>>;
    readonly infection: InfectionTable | null;
  };
  readonly scenes: SceneImage[];
  /** The story's size, as `check` reports it. */
  readonly stats: StoryStats;
  /** The loader's warnings (a story with errors has no image). */
  readonly problems: readonly Problem[];
}

/** A loaded story as plain data, with its size and the loader's warnings. */
export function storyImage(story: Story, stats: StoryStats, problems: readonly Problem[]): StoryImage {
  const { scenes, infection, stats: statDefs, ...settings } = story;
  const statImages: Record<string, StatDefImage> = {};
  for (const id of Object.keys(statDefs)) statImages[id] = statDefImage(statDefs[id]!);
  return {
    version: STORY_IMAGE_VERSION,
    story: { ...settings, stats: statImages, infection: infection === DEFAULT_INFECTION_TABLE ? null : infection },
    scenes: [...scenes.values()].map(sceneImage),
    stats,
    problems,
  };
}

/** A stat with its rules' conditions as their source. */
function statDefImage(def: StatDef): StatDefImage {
  const { drift, atMin, ...rest } = def;
  const src = (cond: Condition | undefined) => (cond === undefined ? {} : { if: cond.src });
  return {
    ...rest,
    ...(drift === undefined ? {} : { drift: { every: drift.every, by: drift.by, ...src(drift.if) } }),
    ...(atMin === undefined
      ? {}
      : { atMin: { every: atMin.every, add: atMin.add, ...(atMin.say === undefined ? {} : { say: atMin.say }), ...src(atMin.if) } }),
  };
}

function sceneImage(scene: Scene): SceneImage {
  const { back, ...rest } = scene;
  return {
    ...rest,
    text: scene.text.map(paragraphImage),
    ...(back === undefined ? {} : { back: back.map(paragraphImage) }),
    onEnter: scene.onEnter.map(effectImage),
    choices: scene.choices.map(choiceImage),
  };
}

function paragraphImage(p: Paragraph): ParagraphImage {
  if ('first' in p) {
    return {
      first: p.first.map((c) => ({ ...(c.if === undefined ? {} : { if: c.if.src }), text: c.text.map((t) => t.src) })),
    };
  }
  return p.if === undefined ? { text: p.text.src } : { text: p.text.src, if: p.if.src };
}

function choiceImage(choice: Choice): ChoiceImage {
  const { text, if: cond, requires, effects, ...rest } = choice;
  return {
    ...rest,
    text: text.src,
    ...(cond === undefined ? {} : { if: cond.src }),
    ...(requires === undefined ? {} : { requires: requires.src }),
    effects: effects.map(effectImage),
  };
}

function effectImage(effect: Effect): EffectImage {
  switch (effect.kind) {
    case 'if':
      return { kind: 'if', cond: effect.cond.src, then: effect.then.map(effectImage), else: effect.else.map(effectImage) };
    case 'chance':
    case 'check':
      return { ...effect, then: effect.then.map(effectImage), else: effect.else.map(effectImage) };
    case 'add':
    case 'setStat': {
      // A null-prototype record serialises like any other; the way back restores the prototype.
      const stats: Record<string, number | string> = {};
      for (const stat in effect.stats) {
        const v = effect.stats[stat]!;
        stats[stat] = typeof v === 'number' ? v : v.src;
      }
      return { kind: effect.kind, stats };
    }
    case 'setVar':
      return { kind: 'setVar', name: effect.name, value: effect.value.src };
    case 'say':
      return { kind: 'say', text: effect.text.src };
    case 'set':
    case 'clear':
    case 'give':
    case 'take':
    case 'join':
    case 'leave':
    case 'time':
    case 'skipTime':
    case 'goto':
    case 'expose':
    case 'feed':
    case 'stress':
    case 'cure':
    case 'setStatus':
    case 'fate':
    case 'bond':
      return effect;
    default: {
      const _never: never = effect;
      return _never;
    }
  }
}

/** Thrown when an image cannot be turned back into a story: a build out of step with the code. */
export class StoryImageError extends Error {
  override readonly name = 'StoryImageError';
}

/** The story an image holds, equal in every way to the one it was made from. */
export function storyFromImage(image: StoryImage): Story {
  return storyFromParts(
    { version: image.version, story: image.story, sceneIds: image.scenes.map((s) => s.id), flags: flagNames(image) },
    (_ids, rebuild) => new Map(image.scenes.map((s) => [s.id, rebuild(s)])),
  );
}

/** What a story is rebuilt from besides its scenes: its settings, its scenes' ids, and the flag names. */
export interface ImageHead {
  readonly version: typeof STORY_IMAGE_VERSION;
  readonly story: StoryImage['story'];
  readonly sceneIds: readonly string[];
  /** The flags conditions may test (`flagNames` of the whole image). */
  readonly flags: Iterable<string>;
}

/**
 * A story from the head of an image; `makeScenes` makes its scene map,
 * given the ids and the function that rebuilds one scene (it may call it
 * later, when a scene is first needed).
 */
export function storyFromParts(
  head: ImageHead,
  makeScenes: (ids: readonly string[], rebuild: (scene: SceneImage) => Scene) => ReadonlyMap<string, Scene>,
): Story {
  if (head.version !== STORY_IMAGE_VERSION) {
    throw new StoryImageError(
      `the precompiled story has format ${String(head.version)}, this program reads ${STORY_IMAGE_VERSION}: rebuild it (npm run build)`,
    );
  }
  const { story } = head;
  const names: ConditionNames = {
    stats: new Set(Object.keys(story.stats)),
    flags: new Set(head.flags),
    characters: new Set(Object.keys(story.characters)),
    bonds: new Set(Object.keys(story.characters).filter((id) => story.characters[id]!.bond !== undefined)),
    vars: new Set(Object.keys(story.vars)),
    scenes: new Set(head.sceneIds),
    clock: story.clock,
  };
  const rebuilder = new Rebuilder(names);
  const scenes = makeScenes(head.sceneIds, (scene) => rebuilder.scene(scene));
  return Object.freeze({
    ...story,
    stats: record(Object.fromEntries(Object.entries(story.stats).map(([id, def]) => [id, rebuilder.statDef(def)]))),
    items: record(story.items),
    startItems: record(story.startItems),
    characters: record(story.characters),
    vars: record(story.vars),
    flags: record(story.flags),
    hooks: Object.freeze({ ...story.hooks }),
    infection: story.infection ?? DEFAULT_INFECTION_TABLE,
    scenes,
  });
}

/**
 * The flags conditions may test, as the loader finds them: declared in
 * story.yaml, or set or cleared by some effect.
 */
export function flagNames(image: StoryImage): Set<string> {
  const flags = new Set(Object.keys(image.story.flags));
  const visit = (effects: readonly EffectImage[]): void => {
    for (const e of effects) {
      if (e.kind === 'set' || e.kind === 'clear') for (const f of e.flags) flags.add(f);
      else if (e.kind === 'if' || e.kind === 'chance' || e.kind === 'check') {
        visit(e.then);
        visit(e.else);
      }
    }
  };
  for (const scene of image.scenes) {
    visit(scene.onEnter);
    for (const choice of scene.choices) visit(choice.effects);
  }
  return flags;
}

/** Compiles a condition of an image; the image was checked when it was made, so a failure is a build out of step. */
function compileOrThrow(src: string, names: ConditionNames): Condition {
  const result = compileCondition(src, names);
  if (result.ok) return result.condition;
  const why = result.problems.map((p) => p.message).join('; ');
  throw new StoryImageError(`the precompiled story's condition '${src}' does not compile (${why}): rebuild it (npm run build)`);
}

/** A scene's drift as the loader makes it: a frozen record without a prototype (or `off`). */
function sceneDrift(drift: SceneDrift): SceneDrift {
  return drift === 'off' ? drift : record(drift);
}

/** A frozen record without a prototype, as the loader makes them. */
function record<T>(from: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, from));
}

/** Turns image parts back into story parts. */
class Rebuilder {
  // The same source compiles to the same test; many choices share a condition.
  private readonly conditions = new Map<string, Condition>();

  constructor(private readonly names: ConditionNames) {}

  /**
   * A condition compiled when first used: its `test` replaces itself with
   * the compiled closure on the first call, and its `ast` compiles on first
   * read, so a condition never used costs nothing and a used one costs one
   * compile.
   */
  condition(src: string): Condition {
    const known = this.conditions.get(src);
    if (known !== undefined) return known;
    const names = this.names;
    let compiled: Condition | undefined;
    const force = (): Condition => (compiled ??= compileOrThrow(src, names));
    const lazy: { readonly src: string; readonly ast: Condition['ast']; test: Condition['test'] } = {
      src,
      get ast() {
        return force().ast;
      },
      test(state: GameState): boolean {
        const test = force().test;
        lazy.test = test;
        return test(state);
      },
    };
    this.conditions.set(src, lazy);
    return lazy;
  }

  /** A computed amount, compiled again (the image was checked when it was made). */
  number(src: string): NumberExpr {
    const result = compileNumber(src, this.names);
    if (result.ok) return result.expr;
    throw new StoryImageError(`the precompiled story's amount '${src}' does not compile: rebuild it (npm run build)`);
  }

  template(src: string): Template {
    const { parts } = parseTemplate(src);
    if (isSimple(parts)) return { src, parts };
    // Inline conditions compile as the loader compiled them; the image was checked when it was made.
    return { src, parts: compileTemplateParts(parts, (cond) => this.condition(cond))! };
  }

  /**
   * A stat as the loader makes it: its rules' conditions compiled, an
   * `at_min`'s stats in a record without a prototype, keys in the loader's
   * order (src/story/story-config.ts).
   */
  statDef(image: StatDefImage): StatDef {
    const { drift, atMin, ...rest } = image;
    const def: StatDef = {
      ...rest,
      ...(drift === undefined
        ? {}
        : { drift: { every: drift.every, by: drift.by, ...(drift.if === undefined ? {} : { if: this.condition(drift.if) }) } }),
      ...(atMin === undefined
        ? {}
        : {
            atMin: {
              every: atMin.every,
              add: Object.assign(Object.create(null) as Record<string, number>, atMin.add),
              ...(atMin.say === undefined ? {} : { say: atMin.say }),
              ...(atMin.if === undefined ? {} : { if: this.condition(atMin.if) }),
            },
          }),
    };
    return def;
  }

  paragraph(p: ParagraphImage): Paragraph {
    if ('first' in p) {
      return {
        first: p.first.map((c) => ({
          ...(c.if === undefined ? {} : { if: this.condition(c.if) }),
          text: c.text.map((t) => this.template(t)),
        })),
      };
    }
    return p.if === undefined ? { text: this.template(p.text) } : { text: this.template(p.text), if: this.condition(p.if) };
  }

  scene(image: SceneImage): Scene {
    // In the loader's key order, as `choice` explains.
    return Object.freeze({
      id: image.id,
      title: image.title,
      ...(image.chapter === undefined ? {} : { chapter: image.chapter }),
      ...(image.timeOfDay === undefined ? {} : { timeOfDay: image.timeOfDay }),
      ...(image.drift === undefined ? {} : { drift: sceneDrift(image.drift) }),
      text: image.text.map((p) => this.paragraph(p)),
      ...(image.back === undefined ? {} : { back: image.back.map((p) => this.paragraph(p)) }),
      onEnter: image.onEnter.map((e) => this.effect(e)),
      choices: image.choices.map((c) => this.choice(c)),
      ...(image.ending === undefined ? {} : { ending: image.ending }),
      source: image.source,
    });
  }

  choice(image: ChoiceImage): Choice {
    // Keys in the loader's order (src/story/scenes.ts), so choices rebuilt
    // from the image share the shapes of loaded ones: the engine reads them
    // on every move, and a spread of the image's JSON objects made several
    // times as many shapes (random playtests ran ~25% slower).
    return Object.freeze({
      id: image.id,
      text: this.template(image.text),
      ...(image.if === undefined ? {} : { if: this.condition(image.if) }),
      ...(image.requires === undefined ? {} : { requires: this.condition(image.requires) }),
      ...(image.hint === undefined ? {} : { hint: image.hint }),
      effects: image.effects.map((e) => this.effect(e)),
      ...(image.goto === undefined ? {} : { goto: image.goto }),
      ...(image.input === undefined ? {} : { input: image.input }),
      ...(image.once === undefined ? {} : { once: image.once }),
      ...(image.call === undefined ? {} : { call: image.call }),
      source: image.source,
    });
  }

  effect(image: EffectImage): Effect {
    switch (image.kind) {
      case 'if':
        return { kind: 'if', cond: this.condition(image.cond), then: this.effects(image.then), else: this.effects(image.else) };
      case 'chance':
      case 'check':
        return { ...image, then: this.effects(image.then), else: this.effects(image.else) };
      case 'add':
      case 'setStat': {
        const stats = Object.create(null) as Record<string, number | NumberExpr>;
        for (const stat in image.stats) {
          const v = image.stats[stat]!;
          stats[stat] = typeof v === 'number' ? v : this.number(v);
        }
        return { kind: image.kind, stats };
      }
      case 'setVar':
        return { kind: 'setVar', name: image.name, value: this.template(image.value) };
      case 'say':
        return { kind: 'say', text: this.template(image.text) };
      case 'set':
      case 'clear':
      case 'give':
      case 'take':
      case 'join':
      case 'leave':
      case 'time':
      case 'skipTime':
      case 'goto':
      case 'expose':
      case 'feed':
      case 'stress':
      case 'cure':
      case 'setStatus':
      case 'fate':
        return image;
      case 'bond':
        // Without a prototype, as the loader makes it: a character's id never reaches Object.prototype.
        return { kind: 'bond', changes: Object.assign(Object.create(null) as Record<string, number>, image.changes) };
      default: {
        const _never: never = image;
        return _never;
      }
    }
  }

  private effects(images: readonly EffectImage[]): Effect[] {
    return images.map((e) => this.effect(e));
  }
}
