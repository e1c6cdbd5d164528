import { useEffect, useRef, type Dispatch } from 'react';
import type { PlayPorts } from '../ports.js';
import type { Request, ScreenAction, Sent } from './screen-state.js';

/**
 * Hands the reducer's queued requests to the ports, each exactly once and in
 * order, and turns their answers into actions.
 */
export function useRequests(outbox: readonly Sent[], ports: PlayPorts, dispatch: Dispatch<ScreenAction>): void {
  const handled = useRef(0);
  useEffect(() => {
    const fresh = outbox.filter((s) => s.seq > handled.current);
    const last = fresh.at(-1);
    if (last === undefined) return;
    handled.current = last.seq;
    for (const { request } of fresh) perform(request, ports, dispatch);
    dispatch({ type: 'sent', upTo: last.seq });
  }, [outbox, ports, dispatch]);
}

function perform(request: Request, ports: PlayPorts, dispatch: Dispatch<ScreenAction>): void {
  const fail = (error: unknown) =>
    dispatch({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  switch (request.kind) {
    case 'new-game':
      try {
        dispatch({ type: 'started', start: ports.newGame() });
      } catch (error) {
        fail(error);
      }
      return;
    case 'continue':
      ports.continueLatest().then(
        (r) => dispatch(typeof r === 'string' ? { type: 'failed', message: r } : { type: 'started', start: r }),
        fail,
      );
      return;
    case 'list-saves':
      ports.listSaves().then((saves) => dispatch({ type: 'saves-listed', saves }), fail);
      return;
    case 'load':
      ports.load(request.slot).then(
        (r) =>
          dispatch(
            typeof r === 'string'
              ? { type: 'failed', message: r }
              : // Said first: a save loaded at the scene the player was at would otherwise look like nothing happened.
                { type: 'started', start: { ...r, notices: [`Loaded "${request.slot}".`, ...r.notices] } },
          ),
        fail,
      );
      return;
    case 'save':
      ports.save(request.slot, request.game).then(
        (r) => dispatch({ type: 'saved', ok: r.ok, message: r.message }),
        (error: unknown) => dispatch({ type: 'saved', ok: false, message: String(error) }),
      );
      return;
    case 'delete-save':
    case 'rename-save': {
      const done = request.kind === 'delete-save' ? ports.deleteSave(request.slot) : ports.renameSave(request.from, request.to);
      done.then(
        (r) => dispatch({ type: 'saves-changed', ok: r.ok, message: r.message }),
        (error: unknown) => dispatch({ type: 'saves-changed', ok: false, message: String(error) }),
      );
      return;
    }
    case 'shown':
      ports.shown(request.game);
      return;
    case 'chose':
    case 'rewound': {
      const done = request.kind === 'chose' ? ports.chose(request.game, request.label) : ports.rewound(request.game);
      done.then(
        (problem) => {
          if (problem !== undefined) dispatch({ type: 'notice', message: problem });
        },
        (error: unknown) => dispatch({ type: 'notice', message: String(error) }),
      );
      return;
    }
    case 'ending':
      ports.endingFound(request.sceneId);
      return;
    case 'settings':
      ports.settingsChanged(request.settings);
      return;
    case 'pack':
      // Kept for the next game; a setting that cannot be written costs that, never this game.
      ports.switchPack?.(request.id, request.on).catch(() => undefined);
      return;
    default: {
      const _never: never = request;
      return _never;
    }
  }
}
