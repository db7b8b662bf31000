// The first-run form, shown when no URL or token is known: URL, token (masked), check against the server, save.
// Renders only; keys and the check live in useSetupForm, state changes in setup-state. At most 13 rows × 60 columns.
import { Box, Text, useStdout } from 'ink';
import Spinner from 'ink-spinner';
import { CONFIG_FILE_MODE, octal } from '../../config/permissions.js';
import { plainHttpWarning } from '../../config/settings.js';
import { Line } from '../components/Line.js';
import { truncate, widthOf } from '../text.js';
import { useTheme } from '../theme-context.js';
import type { Theme } from '../theme.js';
import type { SetupField, SetupState } from './setup-state.js';
import { type SetupFormOptions, useSetupForm } from './use-setup-form.js';

export type { SavedCredentials, SetupFormOptions } from './use-setup-form.js';

const MAX_WIDTH = 60;
const LABEL_WIDTH = 7;
const MAX_BULLETS = 24;

/** The end of `text` that fits in `columns`, so the characters being typed stay visible. */
function tail(text: string, columns: number, ellipsis: string): string {
  if (widthOf(text) <= columns) return text;
  const chars = Array.from(text);
  let out = '';
  for (let i = chars.length - 1; i >= 0 && widthOf(ellipsis + chars[i] + out) <= columns; i--) out = chars[i] + out;
  return ellipsis + out;
}

function shownValue(state: SetupState, field: SetupField, columns: number, theme: Theme): string {
  if (field === 'url') return tail(state.url, columns, theme.glyphs.ellipsis);
  const length = Array.from(state.token).length;
  if (length === 0) return '';
  const bullets = (theme.ascii ? '*' : '•').repeat(Math.min(length, MAX_BULLETS));
  return `${bullets}${length > MAX_BULLETS ? theme.glyphs.ellipsis : ''}  ${length} characters`;
}

function Field(props: { state: SetupState; field: SetupField; label: string; width: number; placeholder: string }) {
  const theme = useTheme();
  const { state, field, width } = props;
  const focused = state.focus === field;
  const valueWidth = width - LABEL_WIDTH - 3;
  const value = shownValue(state, field, valueWidth, theme);
  return (
    <Line
      width={width}
      segments={[
        { text: focused ? `${theme.glyphs.selected} ` : '  ', color: theme.colors.accent },
        { text: props.label.padEnd(LABEL_WIDTH), bold: focused },
        value === ''
          ? { text: props.placeholder, color: theme.colors.muted, dim: true }
          : { text: value },
        { text: focused ? (theme.ascii ? '_' : '▏') : '' },
      ]}
    />
  );
}

function StatusArea({ state, width }: { state: SetupState; width: number }) {
  const theme = useTheme();
  const { status } = state;
  if (status.kind === 'checking') {
    return (
      <Text color={theme.colors.running}>
        <Spinner type={theme.glyphs.spinner} /> Checking the token with the server…
      </Text>
    );
  }
  if (status.kind === 'failed') {
    return (
      <Box height={4} width={width} overflow="hidden">
        <Text color={theme.colors.critical} wrap="wrap">
          {theme.glyphs.error} {status.message}
        </Text>
      </Box>
    );
  }
  if (status.kind === 'saved') {
    return (
      <Box flexDirection="column" height={4} width={width} overflow="hidden">
        {status.lines.map((line) => (
          <Text key={line} color={theme.colors.ok} wrap="wrap">
            {theme.glyphs.ok} {line}
          </Text>
        ))}
      </Box>
    );
  }
  return <Text> </Text>;
}

export function SetupForm(props: SetupFormOptions) {
  const theme = useTheme();
  const state = useSetupForm(props);
  const { stdout } = useStdout();
  const width = Math.min(MAX_WIDTH, stdout.columns || MAX_WIDTH);
  const httpWarning = state.url === '' ? null : plainHttpWarning(state.url);
  const sep = ` ${theme.glyphs.separator} `;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.colors.accent}>
        aksync: connect to authentik
      </Text>
      <Text color={theme.colors.muted} wrap="truncate-middle">
        Saves to {props.store.path}
      </Text>
      <Text color={theme.colors.muted} wrap="truncate-end">
        {truncate(`profile '${props.profile}', file mode ${octal(CONFIG_FILE_MODE)} (only you can read it)`, width)}
      </Text>
      <Text> </Text>
      <Field state={state} field="url" label="URL" width={width} placeholder="https://authentik.example.com" />
      <Field state={state} field="token" label="Token" width={width} placeholder="API token (hidden)" />
      {httpWarning ? (
        <Text color={theme.colors.warning} wrap="truncate-end">
          {theme.glyphs.warning} plain http: the token would travel in clear text
        </Text>
      ) : (
        <Text> </Text>
      )}
      <StatusArea state={state} width={width} />
      <Text> </Text>
      <Text color={theme.colors.muted} wrap="truncate-end">
        {`Tab/${theme.ascii ? 'Up/Down' : '↑↓'} move${sep}Enter check and save${sep}Esc cancel`}
      </Text>
    </Box>
  );
}
