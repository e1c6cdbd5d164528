/**
 * Which scene ids a story folder's files declare, and where, without
 * compiling the story: `new scene` refuses an id already taken, and
 * `--start-at` tells an author the scene is in their working folder, even
 * while the story has errors elsewhere.
 */
import { isMapping, parseYamlFile } from '../story/parse-yaml.js';
import { readStoryFolder } from '../story/load.js';

/** Every scene id in the YAML files under `dir`, with the file that declares it (the first, for duplicates). */
export async function sceneIdsIn(dir: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const read = await readStoryFolder(dir);
  for (const source of read.sources) {
    // story.yaml's `id` is the story's, not a scene's.
    if (/(^|[\\/])story\.yaml$/.test(source.path)) continue;
    const { yaml } = parseYamlFile(source);
    const data = yaml?.data;
    if (!isMapping(data)) continue;
    const scenes = Array.isArray(data.scenes) ? data.scenes : [data];
    for (const scene of scenes) {
      if (isMapping(scene) && typeof scene.id === 'string' && !ids.has(scene.id)) ids.set(scene.id, source.path);
    }
  }
  return ids;
}
