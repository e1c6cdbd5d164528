/** The text `hyosan --help` prints: every command and option, one line each. */

/** The usage text, ending with a newline. */
export function helpText(version: string): string {
  return `hyosan ${version}: survive the Jonas-virus outbreak at Hyosan High.

Usage:
  hyosan [OPTIONS]         play (full screen in a terminal, else plain lines)
  hyosan check [DIR]       check a story folder (default: the shipped story)
  hyosan graph [DIR]       draw a story's scene graph (Graphviz dot or Mermaid)
  hyosan randomtest [DIR]  play many random games: endings, coverage, dead ends
  hyosan new scene ID      write a new scene file from a template
  hyosan new pack NAME     write a starter story pack (a folder NAME)
  hyosan saves [--json]    list saved games (slot, scene, chapter, time, date)
  hyosan packs [--json]    list installed story packs: on, off or broken
  hyosan packs on|off ID   switch an installed pack on or off
  hyosan help              show this help
  hyosan version           show the version

Play options:
  --seed N                 replay a game exactly (N from 0 to 4294967295)
  --plain                  line-by-line mode (automatic when piped)
  --story DIR              play the story in DIR instead of the shipped one
  --pack DIR               play with the story pack in DIR (repeatable; also
                           for check, graph and randomtest); packs copied into
                           the data folder's packs/ are played when on
  --start-at SCENE         start at scene SCENE (for authors; set it up below)
  --watch                  with --story or --pack: reload when files change
  --transcript FILE        append everything shown and chosen to FILE
  --continue               resume the latest save of the story
  --load SLOT|FILE         load a saved game (a slot name or a save file)
  --save-dir DIR           keep saves in DIR (also: HYOSAN_SAVE_DIR)

Setting up a scene (with --start-at, for play and randomtest):
  --set FLAG               set a flag (most of these take lists: --set a,b)
  --clear FLAG             clear a flag
  --give ITEM[=N]          give N of an item (default 1)
  --take ITEM              take every one of an item away
  --join CHAR              a character joins the party
  --leave CHAR             a character leaves the party
  --stat NAME=N            set a stat (within its bounds)
  --bond CHAR=N            set a character's bond with you (0 to 10)
  --at "DAY HH:MM"         set the clock, for example --at "4 18:00"
  --status WHO=STATUS      the player's or a character's infection: healthy,
                           exposed, infected, semi-infected or immune;
                           exposed:OUTCOME decides how the exposure ends
  --var NAME=TEXT          set a string variable (one per option)
  --force pass,fail        the next chance/check rolls pass or fail, in turn
                           (in plain mode, type: force pass)

Check options:
  --json                   print one JSON object: { ok, problems, stats }
  --strict                 fail on warnings too

Randomtest options:
  -n N                     games to play (default 1000)
  --seed S                 the same seed gives the same report
  --workers K              threads to use (default: one, more if they pay)
  --max-steps M            a game longer than this counts as looping
  --until-covered          play on until every scene and choice that can be
                           reached has been, then say what was not and why
  --budget N               the most games --until-covered plays (default 20000)
  --start-at SCENE         begin every game at SCENE, set up as above
  --stats                  the balance report: stats, bonds and companions
                           at every ending reached
  --json                   print one JSON object

Graph options:
  --format mermaid|dot     output format (default mermaid)
  --only PREFIX            only scenes whose id starts with PREFIX (e.g. s1.)
  --focus SCENE            only scenes near SCENE (--depth N choices, default 2)
  --coverage               colour scenes random games never reach
  -n N, --seed S           games played for --coverage

New scene options:
  --dir DIR                the story folder to write into (default story)
                           (new pack: the folder the pack's folder goes in)

Other options:
  -h, --help               show this help
  -v, --version            show the version

Saves options (hyosan saves):
  --json                   print a JSON array, one object per save
  --save-dir DIR, --story DIR

Environment:
  NO_COLOR                 any non-empty value turns colour off
  HYOSAN_SAVE_DIR          where saves (and installed packs/) go (default:
                           your data folder)

Exit status: 0 success, 1 problems in the story or a save that cannot be
loaded, 2 a mistake on the command line, 70 an internal error (please report
it).
`;
}
