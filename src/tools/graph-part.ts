/**
 * A part of the scene map, for `graph --only PREFIX` and
 * `graph --focus SCENE --depth N`: which scenes to draw, and the scenes just
 * outside it that an edge crosses to (drawn small, so the author sees where
 * the part is entered from and where it leads).
 */
import type { Story } from '../engine/story-types.js';
import { RETURN } from '../story/names.js';
import { edgesOf } from '../story/reachability.js';
import { didYouMean } from '../story/suggest.js';

/** How far `--focus` reaches when `--depth` is not given. */
export const DEFAULT_FOCUS_DEPTH = 2;

/** What part of the map to draw. */
export interface GraphPartOptions {
  /** Only scenes whose id starts with this. */
  readonly only?: string;
  /** Only scenes within `depth` choices of this scene, forwards or backwards. */
  readonly focus?: string;
  readonly depth?: number;
}

/** The scenes drawn in full, and the ones outside the part that an edge reaches or comes from. */
export interface GraphPart {
  readonly scenes: ReadonlySet<string>;
  readonly outside: ReadonlySet<string>;
}

/** A part that names no scene of the story: an author's typo, told with a suggestion. */
export class GraphPartError extends Error {}

/** The part of `story` the options select; the whole story when they select nothing in particular. */
export function graphPart(story: Story, options: GraphPartOptions): GraphPart {
  const ids = [...story.scenes.keys()];
  let scenes = new Set(ids);
  if (options.only !== undefined) {
    const only = options.only;
    scenes = new Set(ids.filter((id) => id.startsWith(only)));
    if (scenes.size === 0) {
      const prefixes = new Set(ids.map((id) => id.slice(0, id.indexOf('.') + 1)).filter((p) => p !== ''));
      throw new GraphPartError(
        `--only '${only}': no scene id starts with it${didYouMean(only, prefixes)} (scene ids start with ${[...prefixes].sort().join(', ')})`,
      );
    }
  }
  if (options.focus !== undefined) {
    if (!story.scenes.has(options.focus)) {
      throw new GraphPartError(`--focus '${options.focus}': no such scene${didYouMean(options.focus, ids)}`);
    }
    const near = neighbourhood(story, options.focus, options.depth ?? DEFAULT_FOCUS_DEPTH);
    scenes = new Set([...scenes].filter((id) => near.has(id)));
  }
  const outside = new Set<string>();
  for (const id of ids) {
    for (const edge of edgesOf(story.scenes.get(id)!)) {
      if (edge.to === RETURN || !story.scenes.has(edge.to)) continue;
      if (scenes.has(edge.from) && !scenes.has(edge.to)) outside.add(edge.to);
      if (!scenes.has(edge.from) && scenes.has(edge.to)) outside.add(edge.from);
    }
  }
  return { scenes, outside };
}

/** The scenes at most `depth` edges from `center`, following edges either way. */
function neighbourhood(story: Story, center: string, depth: number): Set<string> {
  const next = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = next.get(a);
    if (set === undefined) next.set(a, (set = new Set()));
    set.add(b);
  };
  for (const scene of story.scenes.values()) {
    for (const edge of edgesOf(scene)) {
      if (edge.to === RETURN || !story.scenes.has(edge.to)) continue;
      link(edge.from, edge.to);
      link(edge.to, edge.from);
    }
  }
  const reached = new Set([center]);
  let frontier = [center];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const found: string[] = [];
    for (const id of frontier) {
      for (const n of next.get(id) ?? []) {
        if (!reached.has(n)) {
          reached.add(n);
          found.push(n);
        }
      }
    }
    frontier = found;
  }
  return reached;
}
