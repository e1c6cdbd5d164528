/**
 * Files in a story folder that are not the author's YAML at all (a copied
 * config file, a password file): they are named, never quoted. Reporting
 * each of their keys as an unknown field would print the file back line by
 * line, and a story someone else made could use that to show a player what
 * a file of theirs holds.
 */
import { sceneLoadSchema } from './scene-schema.js';
import { storySchema } from './story-schema.js';

/** The fields a scene file's top level may have: a scene's, or `scenes:`. */
const SCENE_FILE_FIELDS: ReadonlySet<string> = new Set([...Object.keys(sceneLoadSchema.shape), 'scenes']);
const STORY_FIELDS: ReadonlySet<string> = new Set(Object.keys(storySchema.shape));

/** Whether a top-level mapping has fields, none of them one its kind of file has. */
function foreign(data: Record<string, unknown>, fields: ReadonlySet<string>): boolean {
  let any = false;
  for (const key in data) {
    if (fields.has(key)) return false;
    any = true;
  }
  return any;
}

/** Whether a scene file's top-level mapping is someone else's file rather than a scene. */
export function isForeignSceneFile(data: Record<string, unknown>): boolean {
  return foreign(data, SCENE_FILE_FIELDS);
}

/** Whether a story.yaml's top-level mapping is someone else's file. */
export function isForeignStoryFile(data: Record<string, unknown>): boolean {
  return foreign(data, STORY_FIELDS);
}

/** The message for a scene file that is not one. */
export const NOT_A_SCENE_FILE =
  'this is not a scene file: none of its fields is one a scene has (id, title, text, choices... or scenes:), ' +
  'so its contents are not quoted here; is it in the right folder?';

/** The message for a story.yaml that is not one. */
export const NOT_A_STORY_FILE =
  'this is not a story.yaml: none of its fields is one story.yaml has (id, title, start...), ' +
  'so its contents are not quoted here; see docs/AUTHORING.md';

/** What a file holds when it holds no mapping, without quoting it: `a text`, `the number 3`. */
export function describeTopLevel(value: unknown): string {
  if (typeof value === 'string') return 'a line of text';
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  return typeof value === 'number' ? `the number ${value}` : String(value);
}
