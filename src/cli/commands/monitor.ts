// `aksync [SLUG]`: the live screen when there is a terminal to draw on; what `status` prints when there is not.
import { localeIsAscii } from '../../ui/theme.js';
import type { Flags } from '../args.js';
import { EXIT_UNKNOWN, fail, loadSettings, connect } from '../context.js';
import { colourWanted, type Io } from '../output.js';
import { runStatus } from './status.js';

export interface ScreenOptions {
  ascii: boolean;
  color: boolean;
  altScreen: boolean;
}

export function screenOptions(flags: Flags, io: Io): ScreenOptions {
  return {
    ascii: flags.ascii || localeIsAscii(io.env),
    color: colourWanted(io.stdout, io.env, flags.noColor),
    altScreen: flags.altScreen,
  };
}

export async function runMonitorCommand(positionals: string[], flags: Flags, io: Io): Promise<number> {
  if (!io.stdout.isTTY) return runStatus(positionals, flags, io);

  const loaded = loadSettings(flags, positionals[0], io);
  if (!loaded.ok) {
    fail(io, loaded.message);
    return EXIT_UNKNOWN;
  }
  const connection = connect(loaded.value);
  if (!connection.ok) {
    fail(io, connection.message);
    return EXIT_UNKNOWN;
  }
  const { api, settings, serverLabel } = connection.value;
  if (!settings.source) {
    fail(io, 'Name a source to monitor: aksync SLUG (`aksync sources` lists them).');
    return EXIT_UNKNOWN;
  }
  const { runMonitor } = await import('../../ui/run-monitor.js');
  return runMonitor({ api, slug: settings.source, intervalSeconds: settings.intervalSeconds, serverLabel, ...screenOptions(flags, io) });
}
