// `aksync [SLUG]` on a terminal: the alternate screen, the app, and the one place that decides how it ends.
// Whatever ends it (q, Ctrl-C, SIGTERM, SIGHUP), the terminal gets its normal screen and its cursor back.
import { render, useApp } from 'ink';
import { onExit } from 'signal-exit';
import type { AuthentikApi } from '../api/types.js';
import { MonitorApp } from './monitor-app.js';
import { ThemeProvider } from './theme-context.js';
import { createTheme } from './theme.js';

export interface RunMonitorOptions {
  api: AuthentikApi;
  slug: string;
  intervalSeconds: number;
  ascii: boolean;
  color: boolean;
  altScreen: boolean;
  serverLabel: string;
  onBack?: () => void;
}

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';

function Root(props: RunMonitorOptions) {
  const { exit } = useApp();
  return (
    <MonitorApp
      api={props.api}
      slug={props.slug}
      intervalSeconds={props.intervalSeconds}
      serverLabel={props.serverLabel}
      onQuit={() => exit()}
      {...(props.onBack ? { onBack: props.onBack } : {})}
    />
  );
}

/** Where the monitor draws and reads (the process's own streams unless a test or a host passes others). */
export interface MonitorStreams {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** Ends the monitor as if the user had quit. */
  stop?: AbortSignal;
}

/** Runs the monitor until the user quits; resolves to the exit code. */
export async function runMonitor(
  opts: RunMonitorOptions,
  streams: MonitorStreams = { stdout: process.stdout, stdin: process.stdin },
): Promise<number> {
  const { stdout, stdin } = streams;
  const terminal = Boolean(stdout.isTTY);
  const alternate = opts.altScreen && terminal;
  let restored = false;
  const restore = () => {
    if (restored || !terminal) return;
    restored = true;
    // Synchronous: on a signal this runs in signal-exit's handler, after ink has unmounted, just before exit.
    stdout.write((alternate ? LEAVE_ALT_SCREEN : '') + SHOW_CURSOR);
  };
  // process.on('exit') does not run on SIGTERM/SIGHUP under ink; signal-exit's last handler does.
  const removeExitHandler = onExit(() => restore(), { alwaysLast: true });
  if (alternate) stdout.write(ENTER_ALT_SCREEN);

  const theme = createTheme({ color: opts.color, ascii: opts.ascii });
  try {
    const instance = render(
      <ThemeProvider theme={theme}>
        <Root {...opts} />
      </ThemeProvider>,
      { stdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 15 },
    );
    const stop = () => instance.unmount();
    streams.stop?.addEventListener('abort', stop, { once: true });
    if (streams.stop?.aborted) stop();
    try {
      await instance.waitUntilExit();
    } finally {
      streams.stop?.removeEventListener('abort', stop);
    }
    return 0;
  } finally {
    restore();
    removeExitHandler();
  }
}
