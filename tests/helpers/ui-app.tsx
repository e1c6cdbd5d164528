/** Renders the whole Ink screen for a story with in-memory ports, on ink-testing-library or a sized fake terminal. */
import { render } from 'ink-testing-library';
import { newGame } from '../../src/saves/index.js';
import type { Story } from '../../src/engine/index.js';
import { App, type AppProps } from '../../src/ui/ink/App.js';
import { DEFAULT_SETTINGS } from '../../src/ui/ports.js';
import { renderOnTerminal } from './fake-terminal.js';
import { MemoryPorts } from './memory-ports.js';

/** What a test may change about the screen it starts. */
export interface AppSetup {
  /** Begin in a game with this seed instead of on the title screen. */
  readonly seed?: number;
  readonly title?: boolean;
  readonly ports?: MemoryPorts;
  readonly props?: Partial<AppProps>;
}

function props(story: Story, setup: AppSetup): AppProps & { ports: MemoryPorts } {
  const ports = setup.ports ?? new MemoryPorts(story, setup.seed ?? 1);
  return {
    story,
    ...(setup.title === true ? {} : { start: { game: newGame(story, setup.seed ?? 1), notices: [] } }),
    ports,
    settings: DEFAULT_SETTINGS,
    noColor: true,
    found: [],
    canContinue: false,
    ...setup.props,
  } as AppProps & { ports: MemoryPorts };
}

/** The screen on ink-testing-library's terminal (100 columns, no height limit). */
export function renderApp(story: Story, setup: AppSetup = {}) {
  const p = props(story, setup);
  return { ...render(<App {...p} />), ports: p.ports };
}

/** The screen on a fake terminal of the given size. */
export function renderAppOn(story: Story, columns: number, rows: number | undefined, setup: AppSetup = {}) {
  const p = props(story, setup);
  return { ...renderOnTerminal(<App {...p} />, columns, rows), ports: p.ports };
}
