// The `virtual:` modules exist only inside the bundle: scripts/build.mjs
// resolves them. Only shipped-story.ts imports them.

/**
 * Every *.yaml under story/ as `[{ path, text }]` sorted by path, as JSON,
 * deflated (raw), in base64; null when the story was precompiled (only a
 * build with story errors needs its YAML).
 */
declare module 'virtual:story' {
  const deflated: string | null;
  export default deflated;
}

/** The shipped story precompiled and packed (src/story/packed-story.ts); null when built with story errors. */
declare module 'virtual:story-image' {
  const packed: { readonly head: string; readonly scenes: readonly string[] } | null;
  export default packed;
}
