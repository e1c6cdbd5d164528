/**
 * Checks a story folder from source, without building: prints every problem
 * as file:line:col and the story's size. `node --import tsx scripts/check-story.ts [DIR]`.
 * (Players and authors use `hyosan check`; this is for working on the engine.)
 */
import { loadStoryDir } from '../src/story/load.js';
import { formatProblem } from '../src/story/problem.js';

const dir = process.argv[2] ?? 'story';
const result = await loadStoryDir(dir);
for (const p of result.problems) console.log(formatProblem(p));
console.log(result.stats);
process.exitCode = result.problems.some((p) => p.severity === 'error') ? 1 : 0;
