// The `virtual:` module exists only inside the bundle: scripts/build.mjs
// resolves it. Only shipped-story.ts imports it.

/**
 * Null when the build precompiled the story (dist/story.br); else, in a
 * build with story errors, every *.yaml under story/ as `[{ path, text }]`
 * sorted by path, as JSON, deflated (raw), in base64.
 */
declare module 'virtual:story-yaml' {
  const deflated: string | null;
  export default deflated;
}
