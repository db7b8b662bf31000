import { render } from 'ink-testing-library';
import { MonitorScreen, type MonitorScreenProps } from '../monitor-screen.js';
import { ThemeProvider } from '../theme-context.js';
import { createTheme } from '../theme.js';
import { monitorData, recordingControls } from './fixtures.js';

export type ScreenOptions = Partial<MonitorScreenProps> & { ascii?: boolean };

export function screenProps(options: ScreenOptions = {}): MonitorScreenProps {
  return {
    columns: 100,
    rows: 30,
    serverLabel: 'auth.example.com',
    slug: 'corp-ad',
    intervalMs: 5000,
    data: monitorData(),
    controls: recordingControls(),
    onQuit: () => {},
    interactive: true,
    now: () => new Date(2024, 8, 30, 14, 10, 0).getTime(),
    ...options,
  };
}

/** The monitor screen in ink-testing-library, with `rerender` taking new props. */
export function renderScreen(options: ScreenOptions = {}) {
  const theme = createTheme({ color: false, ascii: options.ascii ?? false });
  const props = screenProps(options);
  const tree = (p: MonitorScreenProps) => (
    <ThemeProvider theme={theme}>
      <MonitorScreen {...p} />
    </ThemeProvider>
  );
  const instance = render(tree(props));
  return {
    ...instance,
    props,
    update(next: Partial<MonitorScreenProps>) {
      Object.assign(props, next);
      instance.rerender(tree({ ...props }));
    },
  };
}

export function frameLines(frame: string): string[] {
  return frame.split('\n');
}
