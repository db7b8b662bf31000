import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { DISABLED_REASON } from '../../../domain/verdict.js';
import { ThemeProvider } from '../../theme-context.js';
import { createTheme } from '../../theme.js';
import type { SourceRow } from '../source-rows.js';
import { SourceTable } from './SourceTable.js';

const NOW = new Date(2024, 8, 30, 16, 0, 0).getTime();
const MINUTE = 60_000;

function row(overrides: Partial<SourceRow> = {}): SourceRow {
  return {
    slug: 'corp-ad',
    name: 'Corporate AD',
    enabled: true,
    verdict: { level: 'OK', reason: '4 pages, 200 objects synced' },
    running: false,
    runStart: new Date(NOW - 38 * MINUTE),
    runSeconds: 14,
    runLabel: 'current',
    problems: 0,
    errors: 0,
    ldap: 'ok',
    ldapError: null,
    phase: 'live',
    error: null,
    unconfirmedSince: null,
    ...overrides,
  };
}

function table(rows: SourceRow[], width = 100): string[] {
  const frame = render(
    <ThemeProvider theme={createTheme({ color: false, ascii: false })}>
      <SourceTable width={width} height={rows.length + 2} rows={rows} total={rows.length} selected={-1} top={0} sort="name" filter="" emptyText="none" now={NOW} />
    </ThemeProvider>,
  ).lastFrame();
  return (frame ?? '').split('\n').slice(2);
}

describe('SourceTable', () => {
  it('gives the last run as an age while it is recent, and as a date once it is a week old', () => {
    const [recent, hours, old] = table([
      row(),
      row({ slug: 'corp-eu', name: 'Corp EU', runStart: new Date(NOW - 102 * MINUTE) }),
      row({ slug: 'branch', name: 'Branch', runStart: new Date(2024, 8, 20, 9, 5) }),
    ]);
    expect(recent).toMatch(/ 38m ago /);
    expect(hours).toMatch(/ 1h 42m ago /);
    expect(old).toMatch(/ 09-20 09:05 /);
  });

  it('shows large counts in a form that fits their column (100k, not 1000…)', () => {
    const [line] = table([row({ problems: 100_000, errors: 12_345 })]);
    expect(line).toMatch(/ 100k +12k /);
    expect(line).not.toContain('…');
  });

  it('says a source is disabled once, when the column that says so has no room', () => {
    const [line] = table([row({ enabled: false, verdict: { level: 'OK', reason: DISABLED_REASON }, runStart: null })], 60);
    expect(line).toContain(DISABLED_REASON.slice(0, 14));
    expect(line).not.toContain('disabled: the source');
    const [other] = table([row({ enabled: false, verdict: { level: 'WARNING', reason: '1 problem message in 1 page' } })], 60);
    expect(other).toContain('disabled: 1 pro');
  });
});
