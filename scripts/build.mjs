#!/usr/bin/env node
// Bundles the command line into dist/cli.js and the chunks beside it in
// dist/chunks/, and writes the shipped story precompiled from
// story/**/*.yaml to dist/story.br: every library is inside, so the
// published package has no runtime dependencies. Run by `npm run build`, by
// `npm test` and by `prepare` on install.

import { build } from 'esbuild';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { narrowCharacterClass, patchStringWidth } from './string-width-fast.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const outfile = join(dist, 'cli.js');
const chunks = join(dist, 'chunks');
// Read by dist/cli.js (src/cli/main.ts names it beside itself).
const storyImageFile = join(dist, 'story.br');
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

/** The shipped story's files, `[{ path: 'story/season1/lab.yaml', text }, ...]`, sorted by path. */
async function shippedStoryFiles() {
  const absolute = await yamlFilesUnder(join(root, 'story'));
  const files = await Promise.all(
    absolute.map(async (file) => ({
      path: relative(root, file).split(sep).join('/'),
      text: await readFile(file, 'utf8'),
    })),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { absolute, files };
}

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

/**
 * Loads the story with the project's own loader (bundled to a temporary
 * module, since this script is plain JavaScript): the story precompiled and
 * packed, or the lines of the errors that prevent it; and the function that
 * compresses it.
 */
async function precompile(files) {
  const dir = await mkdtemp(join(tmpdir(), 'hyosan-build-'));
  try {
    const module = join(dir, 'precompile-story.mjs');
    await build({
      absWorkingDir: root,
      entryPoints: ['scripts/precompile-story.ts'],
      outfile: module,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      banner: { js: banner },
    });
    const { precompileStory, compressPacked } = await import(pathToFileURL(module).href);
    return { precompiled: precompileStory(files), compressPacked };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const story = await shippedStoryFiles();
const { precompiled, compressPacked } = await precompile(story.files);
// A story with errors fails the build: players would only meet the errors at
// start. HYOSAN_ALLOW_STORY_ERRORS=1 builds anyway with no image, and the game
// then loads the YAML at start and reports the errors itself.
let packed = null;
if ('packed' in precompiled) packed = precompiled.packed;
else {
  const n = precompiled.errors.length;
  console.error(precompiled.errors.join('\n'));
  if (process.env.HYOSAN_ALLOW_STORY_ERRORS !== '1') {
    console.error(
      `build: story/ has ${n} error${n === 1 ? '' : 's'} (above), so it cannot be precompiled; ` +
        'fix them, or build anyway with HYOSAN_ALLOW_STORY_ERRORS=1',
    );
    process.exit(1);
  }
  console.error(`build: story/ has ${n} error${n === 1 ? '' : 's'}; its YAML is embedded instead of a precompiled story (HYOSAN_ALLOW_STORY_ERRORS=1)`);
}

/**
 * Resolves `virtual:story-yaml` to null when the story was precompiled (the
 * bundle then plays and checks it from dist/story.br), else to its files,
 * deflated and in base64 (a build with story errors: the game loads them
 * and reports the errors).
 */
const storyYamlPlugin = {
  name: 'virtual-story-yaml',
  setup(b) {
    b.onResolve({ filter: /^virtual:story-yaml$/ }, (args) => ({ path: args.path, namespace: 'virtual-story' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual-story' }, () => ({
      contents: `export default ${JSON.stringify(packed === null ? deflatedFiles() : null)};`,
      loader: 'js',
      watchFiles: story.absolute,
    }));
  },
};

/** The shipped story's files as JSON, deflated (raw) and in base64, as src/cli/shipped-story.ts reads them. */
function deflatedFiles() {
  return deflateRawSync(JSON.stringify(story.files), { level: 9 }).toString('base64');
}

/** Every copy of string-width in the bundle, changed as scripts/string-width-fast.mjs explains. */
const stringWidthPlugin = {
  name: 'string-width-fast',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const { default: stringWidth } = await import(pathToFileURL(args.path).href);
      const source = await readFile(args.path, 'utf8');
      return { contents: patchStringWidth(source, narrowCharacterClass(stringWidth)), loader: 'js' };
    });
  },
};

// Chunks are named by content: a stale one would only take up room in the
// package; so would a story.br left from a build before the story had errors.
await rm(chunks, { recursive: true, force: true });
await rm(storyImageFile, { force: true });
// Compressing takes seconds at brotli's best; it runs while esbuild bundles.
const compressed = packed === null ? null : compressPacked(packed);

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: dist,
  // What a start does not need (the Ink screen for plain mode, the author
  // tools, the story's loader for --help) goes into chunks that Node reads
  // only when they are imported, so a start parses only the code it runs.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Node 20 reads /…/v regular expressions; left as literals they compile when
  // first used, where esbuild's `new RegExp(…)` for "older" targets compiles
  // string-width's large Unicode classes on every start (tens of ms).
  supported: { 'regexp-set-notation': true },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
  define: {
    'process.env.NODE_ENV': '"production"',
    __HYOSAN_VERSION__: JSON.stringify(pkg.version),
    // yoga-layout (Ink's layout engine) loads its WebAssembly with fetch()
    // when fetch exists, which in Node loads the whole HTTP client first; the
    // game makes no requests, and without fetch yoga decodes it in place.
    fetch: 'undefined',
  },
  // Ink imports react-devtools-core and ws (only used when DEV=true); the
  // first is not installed, and the game never needs either.
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.mjs', ws: './scripts/stubs/ws.mjs' },
  plugins: [storyYamlPlugin, stringWidthPlugin],
});

await chmod(outfile, 0o755);
if (compressed !== null) await writeFile(storyImageFile, await compressed);

const { size } = await stat(outfile);
let chunkBytes = 0;
const chunkFiles = await readdir(chunks);
for (const file of chunkFiles) chunkBytes += (await stat(join(chunks, file))).size;
const image = compressed === null ? 'no story.br' : `story.br ${((await stat(storyImageFile)).size / 1024).toFixed(1)} KiB`;
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(
  `dist/cli.js  ${(size / 1024).toFixed(1)} KiB + ${chunkFiles.length} chunks ${(chunkBytes / 1024).toFixed(1)} KiB + ${image}  (built in ${seconds} s)`,
);
