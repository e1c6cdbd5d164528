/**
 * The scene map of a story that builds or gathers its scenes itself (the
 * shipped story's, built as each scene is first asked for; a story with
 * packs, looking the story's own scenes up in its map): it never changes
 * once made, and going through it (size aside) gathers every scene into the
 * underlying map first, so it behaves as the map of a story loaded at once.
 * Subclasses answer `get`, `has` and `size` themselves.
 */
import type { Scene } from '../engine/story-types.js';

/** A read-only scene map whose entries are gathered when first gone through. */
export abstract class SceneMap extends Map<string, Scene> {
  private complete = false;

  /** Every scene, in the story's order. */
  protected abstract inOrder(): Iterable<readonly [string, Scene]>;

  override set(): this {
    throw new TypeError('a story’s scenes never change once it is loaded');
  }

  override delete(): boolean {
    throw new TypeError('a story’s scenes never change once it is loaded');
  }

  override clear(): void {
    throw new TypeError('a story’s scenes never change once it is loaded');
  }

  // Going through the scenes: gather them all into the underlying map, then
  // use its own iterators (`super`, as the overrides here would recurse).

  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }

  override values(): MapIterator<Scene> {
    this.fill();
    return super.values();
  }

  override entries(): MapIterator<[string, Scene]> {
    this.fill();
    return super.entries();
  }

  override forEach(visit: (scene: Scene, id: string, map: Map<string, Scene>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach((scene, id) => visit.call(thisArg, scene, id, this));
  }

  override [Symbol.iterator](): MapIterator<[string, Scene]> {
    return this.entries();
  }

  private fill(): void {
    if (this.complete) return;
    for (const [id, scene] of this.inOrder()) super.set(id, scene);
    this.complete = true;
  }
}
