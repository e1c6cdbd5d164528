/** The text `hyosan --help` prints: every command and option, one line each. */

/** The usage text, ending with a newline. */
export function helpText(version: string): string {
  return `hyosan ${version}: survive the Jonas-virus outbreak at Hyosan High.

Usage:
  hyosan [OPTIONS]         play (full screen in a terminal, else plain lines)
  hyosan check [DIR]       check a story folder (default: the shipped story)
  hyosan graph [DIR]       draw a story's scene graph (not available yet)
  hyosan randomtest [DIR]  play random games to find bugs (not available yet)
  hyosan new scene ID      write a new scene file (not available yet)
  hyosan saves             list saved games (not available yet)
  hyosan help              show this help
  hyosan version           show the version

Play options:
  --seed N                 replay a game exactly (N from 0 to 4294967295)
  --plain                  line-by-line mode (automatic when piped)
  --story DIR              play the story in DIR instead of the shipped one
  --start-at SCENE         start at scene SCENE (for authors trying a scene)
  --transcript FILE        copy the game to FILE as text (not available yet)
  --continue               resume the latest save (not available yet)
  --load SLOT|FILE         load a saved game (not available yet)
  --save-dir DIR           keep saves in DIR (not available yet)

Check options:
  --json                   print one JSON object: { ok, problems, stats }
  --strict                 fail on warnings too

Other options:
  -h, --help               show this help
  -v, --version            show the version

Environment:
  NO_COLOR                 any non-empty value turns colour off

Exit status: 0 success, 1 problems in the story, 2 a mistake on the command
line, 70 an internal error (please report it).
`;
}
