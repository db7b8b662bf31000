// The first-run form, shown when no URL or token is known: URL, token (masked), check against the server, save.
// Renders only; keys and the check live in useSetupForm, state changes in setup-state. At most 13 rows × 60 columns.
import { Box, Text, useStdout } from 'ink';
import Spinner from 'ink-spinner';
import { CONFIG_FILE_MODE, octal } from '../../config/permissions.js';
import { plainHttpWarning } from '../../config/settings.js';
import { fieldSegments } from '../components/field-view.js';
import { Line, type Segment } from '../components/Line.js';
import { truncate, widthOf } from '../text.js';
import { useTheme } from '../theme-context.js';
import type { Theme } from '../theme.js';
import type { SetupField, SetupState } from './setup-state.js';
import { type SetupFormOptions, useSetupForm } from './use-setup-form.js';

export type { SavedCredentials, SetupFormOptions } from './use-setup-form.js';

const MAX_WIDTH = 60;
const LABEL_WIDTH = 7;

/** The field's segments: the URL as typed, the token masked and counted; the cursor only where the focus is. */
function valueSegments(state: SetupState, field: SetupField, columns: number, theme: Theme): Segment[] {
  const focused = state.focus === field;
  const value = { value: state[field], cursor: focused ? state.cursor : state[field].length };
  if (field === 'url') return fieldSegments(value, columns, theme, { focused });
  const count = ` ${Array.from(state.token).length} characters`;
  const mask = theme.ascii ? '*' : '•';
  return [...fieldSegments(value, columns - widthOf(count), theme, { mask, focused }), { text: count, color: theme.colors.muted }];
}

function Field(props: { state: SetupState; field: SetupField; label: string; width: number; placeholder: string }) {
  const theme = useTheme();
  const { state, field, width } = props;
  const focused = state.focus === field;
  const valueWidth = width - LABEL_WIDTH - 2;
  const empty = state[field] === '';
  return (
    <Line
      width={width}
      segments={[
        { text: focused ? `${theme.glyphs.selected} ` : '  ', color: theme.colors.accent },
        { text: props.label.padEnd(LABEL_WIDTH), bold: focused },
        ...(empty && focused ? fieldSegments({ value: '', cursor: 0 }, 1, theme) : []),
        ...(empty ? [{ text: props.placeholder, color: theme.colors.muted, dim: true }] : valueSegments(state, field, valueWidth, theme)),
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
