/**
 * The child process of tests/saves-fault.test.ts: resumes the slot `loop` in
 * the folder given as its argument (or starts a game), then makes a choice
 * and saves, over and over, until it is killed. Prints `ready` after its
 * first save, so the parent knows a save is under way.
 */
import { SaveError, SaveStore, newGame, rewind, type SavedGame } from '../../src/saves/index.js';
import { playPicks, saveStory } from './save-story.js';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: save-loop DIR');
  const story = saveStory();
  const store = new SaveStore({ dir });
  const resumed = await store.load('loop', story);
  let game: SavedGame = resumed instanceof SaveError ? newGame(story, Number(process.pid)) : resumed;
  for (let i = 0; ; i++) {
    // Vary the file's size both ways, so a torn write could not hide.
    game = game.history.length > 120 ? rewind(story, game, 100) : playPicks(story, game, [i * 7 + (process.pid % 5)]);
    const failed = await store.save('loop', story, game);
    if (failed !== undefined) throw failed;
    if (i === 0) process.stdout.write('ready\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
