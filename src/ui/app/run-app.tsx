// `aksync` on a terminal: one alternate-screen session, one render of the App, and the exit code it ends with.
// The sentence the App ends with (a cancelled setup) is printed after the terminal is back to normal.
import { render } from 'ink';
import type { AttentionSettings } from '../../config/settings.js';
import { AttentionProvider } from '../attention-context.js';
import { NoticesProvider } from '../notices-context.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { App, type AppExit, type AppProps } from './App.js';
import { fullScreenRenderOptions, openTerminalSession } from './terminal-session.js';

export interface RunAppOptions extends Omit<AppProps, 'onExit' | 'columns' | 'rows'> {
  ascii: boolean;
  color: boolean;
  altScreen: boolean;
  /** Where the closing sentence goes (default process.stderr). */
  stderr?: { write(text: string): unknown };
  /** Standing warnings about the session (TLS off, plain http), repeated in the headers. */
  notices?: readonly string[];
  /** The bell, notifications and title on a verdict getting worse (all off when absent). */
  attention?: AttentionSettings;
  /** The environment (tmux, the terminal's kind), for how to send a notification. */
  env?: NodeJS.ProcessEnv;
}

export interface AppStreams {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** Ends the app as if the user had quit (tests, hosts). */
  stop?: AbortSignal;
}

/** Runs the app until it ends; resolves to the exit code. */
export async function runApp(
  options: RunAppOptions,
  streams: AppStreams = { stdout: process.stdout, stdin: process.stdin },
): Promise<number> {
  const { ascii, color, altScreen, stderr = process.stderr, notices = [], attention, env = process.env, ...appProps } = options;
  const { stdout, stdin, stop } = streams;
  let outcome: AppExit = { code: 0 };
  const session = openTerminalSession(stdout, altScreen, !stdin.isTTY, {
    settings: attention ?? { bell: false, notify: false, title: false },
    env,
  });
  try {
    const instance = render(
      <ThemeProvider theme={createTheme({ color, ascii })}>
        <NoticesProvider notices={notices}>
          <AttentionProvider attention={session.attention}>
            <App {...appProps} onExit={(exit) => (outcome = exit)} />
          </AttentionProvider>
        </NoticesProvider>
      </ThemeProvider>,
      { ...fullScreenRenderOptions(), stdout: session.output, stdin },
    );
    session.attach(instance);
    const quit = () => instance.unmount();
    stop?.addEventListener('abort', quit, { once: true });
    if (stop?.aborted) quit();
    try {
      await instance.waitUntilExit();
    } finally {
      stop?.removeEventListener('abort', quit);
    }
  } finally {
    session.close();
  }
  if (outcome.message) stderr.write(`aksync: ${outcome.message}\n`);
  return outcome.code;
}
