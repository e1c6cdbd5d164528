import { Box, useApp, useStdin } from 'ink';
import { useCallback, useEffect, useReducer } from 'react';
import { formatClock, sceneView } from '../../engine/index.js';
import type { Story } from '../../engine/index.js';
import { GameScreen } from './GameScreen.js';
import type { KeyPress } from './keys.js';
import { MAX_PROSE } from './layout.js';
import { MenuScreen } from './MenuScreen.js';
import type { GameStart, PackSwitch, PlayPorts, Settings } from '../ports.js';
import { HelpScreen } from './HelpScreen.js';
import { SavePrompt } from './SavePrompt.js';
import { SavesScreen } from './SavesScreen.js';
import { statHelp } from '../stat-help.js';
import { menuItems, settingItems } from './screen-menus.js';
import { initialScreen, layoutOf, reduceScreen, type Screen } from './screen.js';
import { SettingsScreen } from './SettingsScreen.js';
import { statusReport } from '../status.js';
import { fittedItems, titleItems } from './title.js';
import { TitleScreen } from './TitleScreen.js';
import { useKeyPresses } from './use-key-presses.js';
import { useRepaintOnResize } from './use-repaint-on-resize.js';
import { useRequests } from './use-requests.js';
import { useTerminalSize } from './use-terminal-size.js';
import { WaitingView } from './WaitingView.js';

/** Props of `App`. */
export interface AppProps {
  /** The loaded story. */
  readonly story: Story;
  /** A game to begin in (`--continue`, `--load`, `--start-at`); the title screen when absent. */
  readonly start?: GameStart;
  /** Saves, the transcript, the endings found and the settings live behind these. */
  readonly ports: PlayPorts;
  /** The player's settings when the screen opens. */
  readonly settings: Settings;
  /** NO_COLOR is set: no colours whatever the settings say. */
  readonly noColor: boolean;
  /** Ending scenes found in earlier games of this story. */
  readonly found: readonly string[];
  /** There is a save to continue from (Continue is greyed otherwise). */
  readonly canContinue: boolean;
  /** Where Continue would resume (`The Gym Door · Day 1, 08:40`). */
  readonly continueNote?: string | undefined;
  /** The installed story packs, switched on and off in Settings. */
  readonly packs?: readonly PackSwitch[] | undefined;
  /** The line under the title naming the packs the game is played with. */
  readonly packsLine?: string | undefined;
}

// How often text that appears gradually grows.
const REVEAL_MS = 30;

/** The whole screen: title, game, menus. State lives in one reducer; the world outside behind `ports`. */
export function App({ story, start, ports, settings, noColor, found, canContinue, continueNote, packs, packsLine }: AppProps) {
  const size = useTerminalSize();
  const [screen, dispatch] = useReducer(reduceScreen, undefined, () =>
    initialScreen({ story, ...(start === undefined ? {} : { start }), settings, noColor, found, canContinue, continueNote, size, packs, packsLine }),
  );
  const { exit } = useApp();
  // Without raw mode (stdin not a terminal) Ink cannot read single keys. The
  // command line uses plain mode then, so this is only a safety net.
  const canListen = useStdin().isRawModeSupported === true;

  // One listener for the whole screen, which only queues key presses: it
  // never reads state, so it is never stale (see screen.ts).
  const onPress = useCallback((press: KeyPress) => dispatch({ type: 'key', press }), []);
  useKeyPresses(onPress, canListen);
  useRequests(screen.outbox, ports, dispatch);

  useEffect(() => {
    if (size.columns !== screen.size.columns || size.rows !== screen.size.rows) dispatch({ type: 'resize', size });
  }, [size, screen.size]);
  useRepaintOnResize(screen.size);

  const revealing = screen.reveal !== undefined;
  useEffect(() => {
    if (!revealing) return;
    const timer = setInterval(() => dispatch({ type: 'tick' }), REVEAL_MS);
    return () => clearInterval(timer);
  }, [revealing]);

  useEffect(() => ports.watchStory?.((change) => dispatch({ type: 'story-changed', change })), [ports]);

  const exitCode = screen.exitCode;
  const game = screen.game;
  useEffect(() => {
    if (exitCode === undefined) return;
    // Autosave the game in progress (Ctrl+C, q) and finish every write before leaving.
    ports.leave(game).then(
      () => exit(exitCode),
      (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
    );
    // Only the moment of leaving matters: the game cannot change once exitCode is set.
  }, [exitCode]);
  useEffect(() => {
    if (!canListen) exit(new Error('this terminal cannot send single key presses; run hyosan --plain'));
  }, [canListen, exit]);

  return <Box flexDirection="column">{view(screen)}</Box>;
}

/** The screen for the current view. */
function view(screen: Screen) {
  const color = screen.settings.colour && !screen.noColor;
  const width = Math.min(screen.size.columns, MAX_PROSE);
  const { view: v, game } = screen;
  switch (v.name) {
    case 'title':
      return (
        <TitleScreen
          title={screen.story.title}
          tagline={screen.story.tagline}
          packs={screen.packsLine}
          items={fittedItems(titleItems(screen.canContinue, screen.continueNote), width)}
          cursor={v.cursor}
          message={screen.message}
          width={width}
          color={color}
        />
      );
    case 'waiting':
      return <WaitingView what={v.what} />;
    case 'play':
      if (game === undefined) return <WaitingView what="…" />;
      return (
        <GameScreen
          layout={layoutOf(screen, game)}
          cursor={screen.cursor}
          answer={screen.answer}
          reveal={screen.reveal}
          status={statusReport(screen.story, game.state)}
          storyProblem={screen.storyProblem}
          color={color}
        />
      );
    case 'menu': {
      const where = game === undefined ? '' : `${sceneView(screen.story, game.state).title} · ${formatClock(screen.story.clock, game.state.time)}`;
      return <MenuScreen where={where} items={menuItems(screen)} cursor={v.cursor} message={screen.message} width={width} color={color} />;
    }
    case 'help':
      if (game === undefined) return <WaitingView what="…" />;
      return <HelpScreen entries={statHelp(screen.story, game.state)} width={width} rows={screen.size.rows} page={v.page} color={color} />;
    case 'save':
      return <SavePrompt field={v.field} pending={v.pending} message={screen.message} width={width} color={color} />;
    case 'saves':
      return (
        <SavesScreen
          saves={v.saves}
          cursor={v.cursor}
          pending={v.pending}
          step={v.step}
          message={screen.message}
          width={width}
          rows={screen.size.rows}
          color={color}
        />
      );
    case 'settings':
      return <SettingsScreen items={settingItems(screen)} cursor={v.cursor} width={width} color={color} />;
    default: {
      const _never: never = v;
      return _never;
    }
  }
}

