/**
 * A pack's extends: what it adds to the story's own scenes. An entry names a
 * scene of the story and adds paragraphs and choices after the scene's own
 * (the choices' ids in the pack's namespace), or names one of its choices
 * and adds effects after the choice's own (never a `goto`). A scene or a
 * choice the story does not have (any more) is named as such, with the
 * versions the pack was written for.
 */
import type { Effect } from '../engine/effect-types.js';
import type { SourceRef } from '../engine/source-ref.js';
import type { Choice, Scene, Story } from '../engine/story-types.js';
import type { Paragraph } from '../engine/text-types.js';
import type { FileContext } from './context.js';
import { compileEffects } from './effects.js';
import { type PackManifest, replaceMessage } from './pack-manifest.js';
import { extendLoadSchema } from './pack-schema.js';
import { type DataPath, type YamlFile, isMapping } from './parse-yaml.js';
import type { Problem } from './problem.js';
import { compileChoices, compileText } from './scenes.js';
import { forEachEffect } from './story-facts.js';
import { didYouMean } from './suggest.js';

/** What an extend adds to one of the story's scenes. */
export interface SceneExtension {
  readonly scene: string;
  /** Paragraphs after the scene's own. */
  readonly text: readonly Paragraph[];
  /** Choices after the scene's own, their ids in the pack's namespace. */
  readonly choices: readonly Choice[];
  /** Effects run after one of the scene's choices' own. */
  readonly afterChoice?: { readonly choice: string; readonly effects: readonly Effect[] };
  readonly source: SourceRef;
}

/** A choice an extend adds whose id the scene has already: the story's own, or one another extend of the pack adds. */
export function duplicateChoices(story: Story, extensions: readonly SceneExtension[], id: string): Problem[] {
  const problems: Problem[] = [];
  const added = new Map<string, Map<string, SourceRef>>();
  for (const extension of extensions) {
    const scene = story.scenes.get(extension.scene)!;
    const seen = added.get(scene.id) ?? new Map<string, SourceRef>();
    added.set(scene.id, seen);
    for (const choice of extension.choices) {
      const other = seen.get(choice.id);
      const message = scene.choices.some((c) => c.id === choice.id)
        ? replaceMessage(id, `choice '${choice.id}' of scene '${scene.id}'`, 'a pack can only add choices of its own; give this one another id')
        : other !== undefined
          ? `the pack adds two choices with the id '${choice.id}' to scene '${scene.id}' (the other at ${other.file}:${other.line}:${other.col}); give one of them another id`
          : undefined;
      if (message !== undefined) problems.push({ ...choice.source, severity: 'error', message });
      seen.set(choice.id, choice.source);
    }
  }
  return problems;
}

/** The entries of an extend file: one under `extend:`, or each item of its list. */
export function extendEntries(yaml: YamlFile): { raw: unknown; path: DataPath }[] {
  const data = yaml.data;
  if (!isMapping(data)) return [];
  const list = data.extend;
  return Array.isArray(list) ? list.map((raw, i) => ({ raw, path: ['extend', i] })) : [{ raw: list, path: ['extend'] }];
}

/** The message for a name of the story that is gone, with the range the pack was written for. */
function goneMessage(story: Story, manifest: PackManifest | undefined, what: string, name: string, candidates: Iterable<string>): string {
  const range = manifest === undefined ? '' : ` ${manifest.story.versions}`;
  return (
    `pack '${manifest?.id ?? '?'}' extends ${what} '${name}', which ${story.id} ${story.version} does not have${didYouMean(name, candidates)} ` +
    `(the story may have changed since the pack was written for ${story.id}${range})`
  );
}

const NO_GOTO =
  "effects added to the story's choice cannot include a goto: where the story's choice leads is the story's; add a choice of the pack's own instead";

/** One extend entry compiled: what it adds to which scene; undefined (with problems reported) when it is wrong. */
export function compileExtension(
  raw: unknown,
  path: DataPath,
  ctx: FileContext,
  story: Story,
  manifest: PackManifest | undefined,
  id: string,
  own: ReadonlyMap<string, Scene>,
): SceneExtension | undefined {
  const before = ctx.errors;
  const data = ctx.check(extendLoadSchema, raw, path);
  if (data === undefined) return undefined;
  const scene = story.scenes.get(data.scene);
  if (scene === undefined) {
    const message = own.has(data.scene)
      ? `'${data.scene}' is the pack's own scene: write its text and choices in its own file; extend adds to the story's scenes`
      : goneMessage(story, manifest, 'the scene', data.scene, story.scenes.keys());
    ctx.error([...path, 'scene'], message);
    return undefined;
  }
  const source = ctx.source(path);
  if (data.choice !== undefined) {
    if (data.text !== undefined || data.choices !== undefined) {
      ctx.error(
        [...path, 'choice'],
        'an extend that names a choice adds effects to that choice; put text and choices in an extend of the scene without `choice:`',
        'key',
      );
    }
    if (data.effects === undefined) {
      ctx.error([...path, 'choice'], `an extend of the choice '${data.choice}' adds effects to it: list them under effects:`, 'key');
    }
    if (!scene.choices.some((c) => c.id === data.choice)) {
      ctx.error(
        [...path, 'choice'],
        goneMessage(story, manifest, `the choice`, data.choice, scene.choices.map((c) => c.id)).replace(
          `'${data.choice}', which`,
          `'${data.choice}' of scene '${scene.id}', which`,
        ),
      );
    }
    const effects = compileEffects(data.effects ?? [], [...path, 'effects'], ctx);
    let redirects = false;
    forEachEffect(effects, (e) => {
      if (e.kind === 'goto') redirects = true;
    });
    if (redirects) ctx.error([...path, 'effects'], NO_GOTO);
    if (ctx.errors > before) return undefined;
    return { scene: scene.id, text: [], choices: [], afterChoice: { choice: data.choice, effects }, source };
  }
  if (data.effects !== undefined) {
    ctx.error(
      [...path, 'effects'],
      "effects in an extend go with a choice of the scene: name it with choice: ID (or put the effects in a choice of the pack's own)",
      'key',
    );
  }
  if (data.text === undefined && data.choices === undefined) {
    ctx.error(path, 'this extend adds nothing: give text, choices, or a choice with effects');
  }
  const rawChoices = Array.isArray(raw) ? [] : isMapping(raw) && Array.isArray(raw.choices) ? raw.choices : [];
  if (scene.ending !== undefined && rawChoices.length > 0) {
    ctx.error(
      [...path, 'choices'],
      `scene '${scene.id}' is an ending: a pack may add text to it, not choices (whether the story goes on from there is the story's)`,
      'key',
    );
  }
  const text = compileText(data.text, [...path, 'text'], ctx);
  const choices = compileChoices(rawChoices, [...path, 'choices'], ctx);
  if (text === undefined || choices === undefined || ctx.errors > before) return undefined;
  // The choices a pack adds live in its namespace, whether the author wrote the prefix or not.
  const named = choices.map((c) => (c.id.startsWith(`${id}.`) ? c : Object.freeze({ ...c, id: `${id}.${c.id}` })));
  return { scene: scene.id, text, choices: named, source };
}
