#!/usr/bin/env node
// Bundles the command line into one self-contained file, dist/cli.js: every
// library and the shipped story (story/**/*.yaml) are inside it, so the
// published package has no runtime dependencies and reads no files to play.
// Run by `npm run build`, by `npm test` and by `prepare` on install.

import { build } from 'esbuild';
import { chmod, readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outfile = join(root, 'dist', 'cli.js');
const started = performance.now();

const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/**
 * Every `*.yaml` under `dir`, as absolute paths, skipping node_modules and
 * dot-folders as the loader's `loadStoryDir` does, so `hyosan check story/`
 * and the embedded story always agree.
 */
async function yamlFilesUnder(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const found = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...(await yamlFilesUnder(full)));
    }
    else if (entry.isFile() && entry.name.endsWith('.yaml')) found.push(full);
  }
  return found;
}

/**
 * Resolves `import files from 'virtual:story'` to the shipped story's files,
 * `[{ path: 'story/season1/lab.yaml', text }, ...]`, sorted by path, so the
 * bundle plays and checks the story without touching the disk.
 */
const storyPlugin = {
  name: 'virtual-story',
  setup(b) {
    b.onResolve({ filter: /^virtual:story$/ }, () => ({
      path: 'virtual:story',
      namespace: 'virtual-story',
    }));
    b.onLoad({ filter: /.*/, namespace: 'virtual-story' }, async () => {
      const absolute = await yamlFilesUnder(join(root, 'story'));
      const files = await Promise.all(
        absolute.map(async (file) => ({
          path: relative(root, file).split(sep).join('/'),
          text: await readFile(file, 'utf8'),
        })),
      );
      files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return {
        contents: `export default ${JSON.stringify(files)};`,
        loader: 'js',
        watchFiles: absolute,
      };
    });
  },
};

// Bundled CommonJS packages (react, the reconciler) call require() and may
// read __filename/__dirname, none of which exist in an ES module.
const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __hyosanCreateRequire } from 'node:module';",
  "import { fileURLToPath as __hyosanFileURLToPath } from 'node:url';",
  "import { dirname as __hyosanDirname } from 'node:path';",
  'const require = __hyosanCreateRequire(import.meta.url);',
  'const __filename = __hyosanFileURLToPath(import.meta.url);',
  'const __dirname = __hyosanDirname(__filename);',
].join('\n');

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
  define: {
    'process.env.NODE_ENV': '"production"',
    __HYOSAN_VERSION__: JSON.stringify(pkg.version),
  },
  // Ink imports react-devtools-core (only used when DEV=true) statically;
  // it is not installed and the game never needs it.
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.mjs' },
  plugins: [storyPlugin],
});

await chmod(outfile, 0o755);

const { size } = await stat(outfile);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(`dist/cli.js  ${(size / 1024).toFixed(1)} KiB  (built in ${seconds} s)`);
