import { describe, expect, it } from 'vitest';
import { attributeLines, createLogLines, eventLines, matchPieces, nextMatch, searchMatches, visibleMessages } from './log-rows.js';
import { TRACEBACK, hugeLogTask, logMessage } from './testing/fixtures.js';
import { widthOf } from './text.js';

describe('log rows', () => {
  const messages = [
    logMessage('debug detail', 'debug'),
    logMessage('Synced 50 objects.'),
    logMessage('Group does not have a uniqueness attribute', 'warning'),
    logMessage(TRACEBACK, 'error'),
    logMessage('a level from a newer server', 'trace_plus'),
  ];

  it('filters by minimum level, unknown levels counting as info', () => {
    expect(visibleMessages(messages, 'all')).toEqual([0, 1, 2, 3, 4]);
    expect(visibleMessages(messages, 'info')).toEqual([1, 2, 3, 4]);
    expect(visibleMessages(messages, 'warning')).toEqual([2, 3]);
    expect(visibleMessages(messages, 'error')).toEqual([3]);
  });

  it('problems only: just the messages that made the verdict, an info-level skipped object included', () => {
    const run = [
      logMessage('Task is being processed'),
      logMessage("Uniqueness field not found/not set in attributes: 'CN=Facilities Hotline,OU=Contacts'"),
      logMessage('Synced 12 objects.'),
      logMessage(TRACEBACK, 'error'),
      logMessage("'m.okafor': Reset user's password"),
    ];
    expect(visibleMessages(run, 'all', true)).toEqual([1, 3]);
    expect(visibleMessages(run, 'error', true)).toEqual([3]);
    expect(visibleMessages(run, 'all', false)).toEqual([0, 1, 2, 3, 4]);
  });

  it('finds the search text in a display line, ignoring case, for highlighting', () => {
    expect(matchPieces('Group does not exist in our DB yet; the group', 'GROUP')).toEqual([
      { text: 'Group', match: true },
      { text: ' does not exist in our DB yet; the ', match: false },
      { text: 'group', match: true },
    ]);
    expect(matchPieces('no hit here', 'zz')).toEqual([{ text: 'no hit here', match: false }]);
    expect(matchPieces('anything', '')).toEqual([{ text: 'anything', match: false }]);
    expect(matchPieces('営業部 山田 営業', '営業')).toEqual([
      { text: '営業', match: true },
      { text: '部 山田 ', match: false },
      { text: '営業', match: true },
    ]);
  });

  it('searches event and logger among the visible messages, and steps through matches with wrap-around', () => {
    expect(searchMatches(messages, [0, 1, 2, 3, 4], 'CONNECTION REFUSED')).toEqual([3]);
    expect(searchMatches(messages, [0, 1, 2], 'refused')).toEqual([]);
    expect(nextMatch([2, 5, 9], 5, 1)).toBe(9);
    expect(nextMatch([2, 5, 9], 9, 1)).toBe(2);
    expect(nextMatch([2, 5, 9], 2, -1)).toBe(9);
    expect(nextMatch([2, 5, 9], 5, 1, true)).toBe(5);
    expect(nextMatch([], 5, 1)).toBeNull();
  });

  it('truncated, a traceback shows the line that explains it and how long it is; wrapped, every line', () => {
    expect(eventLines(TRACEBACK, false, 60)).toEqual([
      '[6 lines] ldap3.core.exceptions.LDAPSocketOpenError: socket connection error while opening: [Errno 111] Connection refused',
    ]);
    const wrapped = eventLines(TRACEBACK, true, 40);
    expect(wrapped[0]).toBe('Traceback (most recent call last):');
    expect(wrapped.length).toBeGreaterThan(6);
    expect(wrapped.every((line) => widthOf(line) <= 40)).toBe(true);
  });

  it('wrapped, a long message breaks between words, not inside them', () => {
    const event = "Group does not exist in our DB yet, skipping: 'CN=Contacts,OU=Distribution Lists,DC=corp,DC=example,DC=com'";
    const lines = eventLines(event, true, 40);
    expect(lines).toEqual([
      'Group does not exist in our DB yet,',
      "skipping: 'CN=Contacts,OU=Distribution",
      "Lists,DC=corp,DC=example,DC=com'",
    ]);
  });

  it('never passes an escape sequence through, wrapped or not', () => {
    const hostile = 'user\u001b]52;c;ZXZpbA==\u0007\nline two\u001b[2J';
    for (const line of [...eventLines(hostile, false, 80), ...eventLines(hostile, true, 80)]) expect(line).not.toMatch(/[\u0000-\u001f]/);
  });

  it('shows attributes as pretty, safe JSON', () => {
    const lines = attributeLines(logMessage('x', 'info', undefined, { attributes: { dn: 'CN=a\u001b[31m', count: 2 } }));
    expect(lines).toEqual(['{', '  "dn": "CN=a\\u001b[31m",', '  "count": 2', '}']);
  });

  it('computes wrapped heights lazily, only for the messages asked about', () => {
    const task = hugeLogTask(100_000);
    const lines = createLogLines(task.messages, true, 30);
    expect(lines.heightOf(99_999)).toBeGreaterThan(1);
  });
});
