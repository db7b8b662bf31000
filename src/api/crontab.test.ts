import { describe, expect, it } from 'vitest';
import { crontabPeriodSeconds } from './crontab.js';

describe('crontabPeriodSeconds', () => {
  it.each([
    ['17 */2 * * *', 7200], // authentik's default LDAP sync schedule: a per-source minute, every two hours
    ['0 */6 * * *', 21_600],
    ['5 */5 * * *', 5 * 3600], // 0,5,10,15,20 then 4 h to midnight: the longest gap is 5 h
    ['5 */7 * * *', 7 * 3600], // 0,7,14,21 then 3 h
    ['5 */16 * * *', 16 * 3600], // 0,16 then 8 h
    ['30 3 * * *', 86_400],
    ['12 * * * *', 3600],
    ['*/30 * * * *', 1800],
    ['*/45 * * * *', 45 * 60], // 0,45 then 15 min
    ['*/50 * * * *', 50 * 60],
    ['* * * * *', 60],
    ['  0   */2  *  *  *  ', 7200],
  ])('%s → %i s', (crontab, seconds) => {
    expect(crontabPeriodSeconds(crontab)).toBe(seconds);
  });

  it.each(['0 */2 * * 1-5', '0 0 1 * *', '0,30 * * * *', '*/15 9-17 * * *', '61 * * * *', '0 24 * * *', '*/0 * * * *', '@hourly', '', '0 */2 * *'])(
    'cannot tell the period of %j',
    (crontab) => {
      expect(crontabPeriodSeconds(crontab)).toBeNull();
    },
  );
});
