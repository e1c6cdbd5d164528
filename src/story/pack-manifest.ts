/**
 * pack.yaml: what a pack is (id, title, version, author, the story and the
 * range of its versions it was written for), and the names it adds, in
 * story.yaml's own form and checked by the same code. A pack adds; it never
 * replaces: a name the story has, a hook the story sets, or a setting that
 * is the story's alone (its start, clock, starting items, infection numbers)
 * is refused with a message that says what a pack may do instead.
 */
import type { Story } from '../engine/story-types.js';
import type { FileContext } from './context.js';
import { PACK_ID, PACK_SECTIONS, STORY_ONLY_FIELDS, packLoadSchema } from './pack-schema.js';
import { isMapping } from './parse-yaml.js';
import { checkSceneRefs, compileSettings, declaredNames, type DeclaredNames, type StorySettings } from './story-config.js';
import { isFullVersion, parseRange, parseVersion, satisfies } from './version-range.js';

/** What a pack says it is. */
export interface PackManifest {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly author: string;
  readonly description?: string;
  /** The story it extends, and the versions of it the pack was written for (as written). */
  readonly story: { readonly id: string; readonly versions: string };
}

/** The names and hooks a pack adds, compiled as story.yaml's are. */
export type PackSettings = Pick<StorySettings, 'stats' | 'items' | 'characters' | 'vars' | 'flags' | 'hooks'>;

/** The names the story has, beyond its settings: flags its effects set, items they give or take. */
export interface StoryNames {
  readonly flags: ReadonlySet<string>;
  readonly items: ReadonlySet<string>;
}

/** The pack id in pack.yaml, read however wrong the rest is, when it is a valid one. */
export function packIdOf(raw: unknown): string | undefined {
  return isMapping(raw) && typeof raw.id === 'string' && PACK_ID.test(raw.id) ? raw.id : undefined;
}

/** The names pack.yaml declares (as `declaredNames` reads story.yaml's), tolerating mistakes. */
export function packDeclaredNames(raw: unknown): DeclaredNames {
  return declaredNames(sectionsOf(raw));
}

/** The sections of pack.yaml that add names, as the story.yaml they would be part of. */
function sectionsOf(raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isMapping(raw)) return out;
  for (const key of PACK_SECTIONS) if (Object.hasOwn(raw, key)) out[key] = raw[key];
  return out;
}

/**
 * Checks pack.yaml against the story it is for and compiles what it adds.
 * `manifest` is undefined when what the pack is cannot be told (its id,
 * title, version, author or story missing or of the wrong type);
 * `settings` when its sections have errors (both reported).
 */
export function compileManifest(
  raw: unknown,
  ctx: FileContext,
  story: Story,
  known: StoryNames,
): { manifest?: PackManifest; settings?: PackSettings } {
  if (!isMapping(raw)) {
    ctx.error([], 'pack.yaml holds a mapping: id, title, version, author, story: { id, versions }');
    return {};
  }
  const identity: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((STORY_ONLY_FIELDS as readonly string[]).includes(key)) {
      ctx.error(
        [key],
        `a pack cannot set '${key}': it is the story's own setting, which a pack may not change ` +
          '(a pack adds scenes and names, and leads into its scenes with extend)',
        'key',
      );
    } else {
      identity[key] = value;
    }
  }
  const data = ctx.check(packLoadSchema, identity, []);
  const id = packIdOf(raw);
  const settings = id === undefined ? undefined : compileSections(raw, ctx, story, known, id);
  if (data === undefined) return settings === undefined ? {} : { settings };
  const version = String(data.version);
  if (!isFullVersion(version)) {
    ctx.error(['version'], `'${version}' is not a version: write MAJOR.MINOR.PATCH, e.g. "1.0.0" (in quotes)`);
  }
  if (data.story.id !== story.id) {
    ctx.error(
      ['story', 'id'],
      `this pack is for the story '${data.story.id}', not '${story.id}' (the story it is played with): a pack adds to one story`,
    );
  }
  const range = parseRange(data.story.versions);
  if ('error' in range) {
    ctx.error(['story', 'versions'], range.error);
  } else if (data.story.id === story.id) {
    const storyVersion = parseVersion(story.version);
    if (storyVersion === undefined || !satisfies(storyVersion, range)) {
      ctx.warning(
        ['story', 'versions'],
        `pack '${data.id}' was written for ${story.id} ${range.src}, and this is ${story.id} ${story.version}: ` +
          'check that what it extends is still there, then widen versions',
      );
    }
  }
  // What the pack says it is, even when it is for another story: `hyosan packs` names it by its title.
  const manifest: PackManifest = {
    id: data.id,
    title: data.title.trim(),
    version,
    author: data.author.trim(),
    ...(data.description === undefined || data.description.trim() === '' ? {} : { description: data.description.trim() }),
    story: { id: data.story.id, versions: data.story.versions.trim() },
  };
  return settings === undefined ? { manifest } : { manifest, settings };
}

/** What each section's names are called in messages. */
const WHAT: Record<string, string> = {
  vars: 'variable',
  stats: 'stat',
  counters: 'counter',
  items: 'item',
  characters: 'character',
  flags: 'flag',
};

/**
 * The sections that add names, compiled as story.yaml's (their bounds and
 * types checked by the same code, at the same places), after checking that
 * every name is new and in the pack's namespace and every hook unset.
 */
function compileSections(
  raw: Record<string, unknown>,
  ctx: FileContext,
  story: Story,
  known: StoryNames,
  id: string,
): PackSettings | undefined {
  const before = ctx.errors;
  const has: Record<string, (name: string) => boolean> = {
    vars: (n) => Object.hasOwn(story.vars, n),
    stats: (n) => Object.hasOwn(story.stats, n),
    counters: (n) => Object.hasOwn(story.stats, n),
    items: (n) => known.items.has(n),
    characters: (n) => n === 'player' || Object.hasOwn(story.characters, n),
    flags: (n) => known.flags.has(n),
  };
  for (const [section, owned] of Object.entries(has)) {
    const names = raw[section];
    if (!isMapping(names)) continue;
    for (const name of Object.keys(names)) {
      const what = `${WHAT[section]} '${name}'`;
      if (owned(name)) {
        const advice = `a pack cannot change the story's settings; name the pack's own ${WHAT[section]} ${id}.${name}`;
        ctx.error([section, name], replaceMessage(id, `the story's ${what}`, advice), 'key');
      } else if (!name.startsWith(`${id}.`)) {
        ctx.error([section, name], namespaceMessage(id, what, name), 'key');
      }
    }
  }
  if (isMapping(raw.hooks)) {
    for (const hook of Object.keys(raw.hooks)) {
      const theirs = (story.hooks as Record<string, string | undefined>)[hook];
      if (theirs === undefined) continue;
      ctx.error(
        ['hooks', hook],
        `pack '${id}' tries to replace the story's hook ${hook} (${theirs}): the story's hooks are its own; ` +
          'a pack may set only a hook the story leaves unset',
        'key',
      );
    }
  }
  // As story.yaml, with the story's own id, title and start standing in for what a pack.yaml does not say.
  const asStory = { id: story.id, title: story.title, start: story.start, ...sectionsOf(raw) };
  const settings = compileSettings(asStory, ctx);
  checkSceneRefs({ hooks: raw.hooks }, ctx);
  if (settings === undefined || ctx.errors > before) return undefined;
  const { stats, items, characters, vars, flags, hooks } = settings;
  return { stats, items, characters, vars, flags, hooks };
}

/** `pack 'x' tries to replace …: advice`. */
export function replaceMessage(id: string, what: string, advice: string): string {
  return `pack '${id}' tries to replace ${what}: ${advice}`;
}

/** `pack 'x' adds the … outside its namespace: …`. */
export function namespaceMessage(id: string, what: string, name: string): string {
  return `pack '${id}' adds the ${what} outside its namespace: every name a pack adds starts with '${id}.' (write '${id}.${name}')`;
}
