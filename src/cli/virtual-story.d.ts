// `virtual:story` exists only inside the bundle: scripts/build.mjs resolves it
// to every *.yaml under story/, sorted by path. Only shipped-story.ts imports it.
declare module 'virtual:story' {
  const files: readonly { readonly path: string; readonly text: string }[];
  export default files;
}
