import { describe, expect, it } from 'vitest';
import { createMetrics, wantsOpenMetrics } from './metrics.js';
import { unknownSample, type ObjectSample } from './samples.js';

const ok: ObjectSample = {
  ref: { kind: 'scim', id: '3' },
  verdict: 'ok',
  reason: 'fine',
  answered: true,
  running: true,
  enabled: true,
  lastRun: { startSeconds: 100, endSeconds: 160, durationSeconds: 60, pages: 4, objects: 12, problems: 0, errors: 0 },
  lastSuccessSeconds: 160,
  nextRunSeconds: null,
  schedulePeriodSeconds: null,
};

describe('exporter metrics', () => {
  it('one verdict series per state, 1 for the current one; a value not known has no series', async () => {
    const metrics = createMetrics({ samples: () => [{ server: 'prod', up: true, objects: [ok, unknownSample({ kind: 'ldap', id: 'corp-ad' }, 'waiting')] }], process: false });
    const text = await metrics.prometheus.metrics();
    expect(text).toContain('aksync_sync_verdict{server="prod",kind="scim",object="3",verdict="ok"} 1');
    expect(text).toContain('aksync_sync_verdict{server="prod",kind="scim",object="3",verdict="critical"} 0');
    expect(text).toContain('aksync_sync_verdict{server="prod",kind="ldap",object="corp-ad",verdict="unknown"} 1');
    expect(text).toContain('aksync_sync_running{server="prod",kind="scim",object="3"} 1');
    expect(text).toContain('aksync_sync_last_run_duration_seconds{server="prod",kind="scim",object="3"} 60');
    expect(text).not.toContain('aksync_sync_pages{server="prod",kind="ldap"');
    expect(text).not.toMatch(/next_run_timestamp_seconds\{/);
    expect(text).toContain('aksync_up{server="prod"} 1');
    expect(text).not.toContain('waiting');
  });

  it('reads the latest samples at each scrape', async () => {
    let verdict: ObjectSample['verdict'] = 'ok';
    const metrics = createMetrics({ samples: () => [{ server: 'prod', up: true, objects: [{ ...ok, verdict }] }], process: false });
    expect(await metrics.prometheus.metrics()).toContain('verdict="ok"} 1');
    verdict = 'critical';
    expect(await metrics.prometheus.metrics()).toContain('verdict="critical"} 1');
  });

  it('takes OpenMetrics only when the scraper prefers it', () => {
    expect(wantsOpenMetrics(undefined)).toBe(false);
    expect(wantsOpenMetrics('text/plain;version=0.0.4')).toBe(false);
    expect(wantsOpenMetrics('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1')).toBe(true);
    expect(wantsOpenMetrics('text/plain;q=0.9,application/openmetrics-text;q=0.5')).toBe(false);
    expect(wantsOpenMetrics('application/openmetrics-text;q=0')).toBe(false);
  });
});
