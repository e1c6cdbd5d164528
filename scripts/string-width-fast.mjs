// A build-time change to the `string-width` package that Ink and hyosan's own
// wrapping use to measure text. Unchanged, every start pays for it twice:
// its module creates an Intl.Segmenter (loading ICU's segmentation data), and
// the first text that is not plain ASCII (a curly quote, an em dash) compiles
// its emoji regular expressions. Story text is full of those characters.
//
// The change: the segmenter is created when first used, and a string made
// only of characters that are each one column wide and each a grapheme of
// their own is measured by its length. That set is not written by hand: it
// is computed here from the package's own function, character by character,
// so the answer is the package's answer. tests/string-width-fast.test.ts
// compares the changed function with the original on every character and on
// the story's text. If the package changes so that the change no longer
// applies, the build fails and says so.

const SEGMENTER = 'const segmenter = new Intl.Segmenter();';
// A regular expression literal is parsed when its module is: this one makes
// V8 expand every emoji sequence there is, ~40 ms of every start. Built on
// first use instead (string-width 8 calls only its `test`).
const RGI_EMOJI = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const EXPORT = 'export default function stringWidth(';

// Up to the CJK blocks: past them nearly everything is two columns wide, and
// trying every character there would double the build's time for nothing.
const LAST = 0x2fff;

/**
 * The characters (from U+0020 to U+2FFF) that `stringWidth` measures as one
 * column, that are a grapheme on their own next to any other such character,
 * as a regular expression character class (without the brackets).
 */
export function narrowCharacterClass(stringWidth) {
  const segmenter = new Intl.Segmenter();
  const graphemes = (text) => [...segmenter.segment(text)].length;
  const ranges = [];
  for (let code = 0x20; code <= LAST; code++) {
    const c = String.fromCharCode(code);
    const narrow =
      stringWidth(c) === 1 && stringWidth(c + c) === 2 && graphemes(`a${c}a`) === 3 && graphemes(c + c) === 2;
    if (!narrow) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  const hex = (code) => `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return ranges.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('');
}

/**
 * `source` (string-width's index.js) with the lazy segmenter, the lazy emoji
 * regular expression (in the versions that have it) and the fast path for
 * `charClass`.
 */
export function patchStringWidth(source, charClass) {
  if (!source.includes(SEGMENTER) || !source.includes(EXPORT)) {
    throw new Error(
      'string-width no longer has the lines scripts/string-width-fast.mjs changes; update the change or remove it from scripts/build.mjs',
    );
  }
  if (source.includes('RGI_Emoji}$/v') && !source.includes(RGI_EMOJI)) {
    throw new Error(
      "string-width's emoji regular expression is no longer the line scripts/string-width-fast.mjs makes lazy; update the change",
    );
  }
  return `${source
    .replace(
      SEGMENTER,
      'let segmenterInstance;\nconst segmenter = { segment: (text) => (segmenterInstance ??= new Intl.Segmenter()).segment(text) };',
    )
    .replace(
      RGI_EMOJI,
      // A function, so the `$'` in the pattern is not read as a replacement pattern.
      () =>
        "let rgiEmojiRegexInstance;\nconst rgiEmojiRegex = { test: (text) => (rgiEmojiRegexInstance ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text) };",
    )
    .replace(EXPORT, 'function stringWidthMeasured(')}
const narrowOnly = /^[${charClass}]*$/;
export default function stringWidth(string, options) {
  if (typeof string === 'string' && options?.ambiguousIsNarrow !== false && narrowOnly.test(string)) return string.length;
  return stringWidthMeasured(string, options);
}
`;
}
