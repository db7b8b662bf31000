// The one root: rendered once per run, it routes between the first-run setup form, the all-sources overview and a
// source's monitor, and it alone ends the app (with an exit code and, when there is something to say, a sentence).
import { useApp } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { AuthentikApi } from '../../api/types.js';
import type { CheckCredentials } from '../../config/check.js';
import type { ConfigStore } from '../../config/store.js';
import type { RunRecorder } from '../../history/recorder.js';
import type { Clock } from '../../poll/clock.js';
import { TooSmall } from '../components/TooSmall.js';
import { HistoryProvider } from '../history-context.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import type { FirstLook } from '../hooks/use-monitor-data.js';
import { MonitorApp } from '../monitor-app.js';
import { OverviewApp } from '../overview/OverviewApp.js';
import type { StatusTone } from '../overview/overview-state.js';
import { SetupForm, type SavedCredentials } from '../setup/SetupForm.js';

export interface AppConnection {
  api: AuthentikApi;
  /** The server's origin, for headers. */
  serverLabel: string;
  /** The start slug's first poll and the server's identity, asked for while the screens' code loaded. */
  firstLook?: FirstLook | null;
}

export type ConnectResult = { ok: true; value: AppConnection } | { ok: false; message: string };

/** What the app starts with: a connection, or the first-run form that makes one. */
export type AppStart =
  | { kind: 'ready'; connection: AppConnection }
  | {
      kind: 'setup';
      store: ConfigStore;
      profile: string;
      check: CheckCredentials;
      initialUrl?: string;
      /** A client for the URL and token just saved. */
      connect: (url: string, token: string) => ConnectResult;
    };

export interface AppExit {
  code: number;
  /** Printed on stderr once the terminal is restored. */
  message?: string;
}

export type SaveDefault = (slug: string) => { tone: StatusTone; text: string };

export interface AppProps {
  start: AppStart;
  /** Given or saved: start in this source's monitor; otherwise in the overview. */
  slug: string | null;
  intervalSeconds: number;
  /** Saves a source as the profile's default (`d` in the overview); null when there is nowhere to save (the demo). */
  saveDefault: SaveDefault | null;
  onExit: (exit: AppExit) => void;
  columns?: number;
  rows?: number;
  clock?: Clock;
  random?: () => number;
  /** The run history of a server (by its origin), fed by the polls; absent: runs are not recorded. */
  history?: ((server: string) => RunRecorder) | null;
}

/** The CLI's UNKNOWN: nothing was checked. */
export const EXIT_UNKNOWN = 3;

export const SETUP_CANCELLED =
  'Setup cancelled; nothing was saved. Run `aksync` again, or `aksync config login`, when you have the URL and an API token.';

const NOWHERE_TO_SAVE = { tone: 'info' as const, text: 'Nothing saved: there is no settings file here (the demo keeps none).' };

type Route = { screen: 'setup' } | { screen: 'overview' } | { screen: 'monitor'; slug: string };

export function App(props: AppProps) {
  const { exit } = useApp();
  const [connection, setConnection] = useState<AppConnection | null>(props.start.kind === 'ready' ? props.start.connection : null);
  const [route, setRoute] = useState<Route>(() =>
    props.start.kind === 'setup' ? { screen: 'setup' } : props.slug ? { screen: 'monitor', slug: props.slug } : { screen: 'overview' },
  );
  const ended = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  const finish = useCallback(
    (outcome: AppExit) => {
      if (ended.current) return;
      ended.current = true;
      latest.current.onExit(outcome);
      exit();
    },
    [exit],
  );
  const quit = useCallback(() => finish({ code: 0 }), [finish]);
  const open = useCallback((slug: string) => setRoute({ screen: 'monitor', slug }), []);
  const back = useCallback(() => setRoute({ screen: 'overview' }), []);
  const setDefault = useCallback<SaveDefault>((slug) => (latest.current.saveDefault ? latest.current.saveDefault(slug) : NOWHERE_TO_SAVE), []);

  const openHistory = props.history ?? null;
  const recorder = useMemo(() => (connection && openHistory ? openHistory(connection.serverLabel) : null), [connection, openHistory]);

  const { start } = props;
  const size = useTerminalSize();
  if (route.screen === 'setup' && start.kind === 'setup') {
    const onSaved = (saved: SavedCredentials) => {
      const made = start.connect(saved.url, saved.token);
      if (!made.ok) {
        finish({ code: EXIT_UNKNOWN, message: made.message });
        return;
      }
      setConnection(made.value);
      setRoute(props.slug ? { screen: 'monitor', slug: props.slug } : { screen: 'overview' });
    };
    const columns = props.columns ?? size.columns;
    const rows = props.rows ?? size.rows;
    // The same floor as every screen: a form taller than the terminal would make ink clear the screen each frame.
    if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall width={columns} columns={columns} rows={rows} />;
    return (
      <SetupForm
        store={start.store}
        profile={start.profile}
        check={start.check}
        onSaved={onSaved}
        onCancel={() => finish({ code: EXIT_UNKNOWN, message: SETUP_CANCELLED })}
        {...(start.initialUrl ? { initialUrl: start.initialUrl } : {})}
      />
    );
  }
  if (!connection) return null;

  const sized = {
    ...(props.columns !== undefined ? { columns: props.columns } : {}),
    ...(props.rows !== undefined ? { rows: props.rows } : {}),
    ...(props.clock ? { clock: props.clock } : {}),
    ...(props.random ? { random: props.random } : {}),
  };
  return (
    <HistoryProvider recorder={recorder}>
      <OverviewApp
        api={connection.api}
        intervalSeconds={props.intervalSeconds}
        serverLabel={connection.serverLabel}
        active={route.screen === 'overview'}
        initialSelection={props.slug}
        onOpen={open}
        onSetDefault={setDefault}
        onQuit={quit}
        {...sized}
      />
      {route.screen === 'monitor' ? (
        <MonitorApp
          key={route.slug}
          api={connection.api}
          slug={route.slug}
          intervalSeconds={props.intervalSeconds}
          serverLabel={connection.serverLabel}
          firstLook={connection.firstLook ?? null}
          onQuit={quit}
          onBack={back}
          {...sized}
        />
      ) : null}
    </HistoryProvider>
  );
}
