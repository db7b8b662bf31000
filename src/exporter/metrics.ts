// The exporter's metrics, through prom-client. The per-object gauges are filled at scrape time from the latest
// samples (collect), so a scrape reads what the pollers last learnt and never waits on authentik. Labels are only
// `server`, `kind`, `object` (and `verdict`, `error` from closed sets): nothing unbounded, no message text, no ids
// of tasks. Two registries hold the same metrics, one per exposition format, so concurrent scrapes in different
// formats never switch a shared registry's content type under each other.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type OpenMetricsContentType, type PrometheusContentType } from 'prom-client';
import type { ApiErrorKind } from '../api/errors.js';
import { VERDICT_STATES, type ObjectSample, type RunFigures, type ServerSample } from './samples.js';

export const OBJECT_LABELS = ['server', 'kind', 'object'] as const;

/** Every poll error kind, counted from zero so rate() sees the first one. `aborted` is aksync's own stop, not an error. */
export const POLL_ERROR_KINDS: readonly ApiErrorKind[] = ['unreachable', 'tls', 'timeout', 'unauthenticated', 'forbidden', 'not_found', 'server', 'bad_response', 'too_large'];

/**
 * prom-client's default metrics that `promtool check metrics` rejects (gauges named `_total`): left out, so the
 * exporter's output passes the linter people run on it. The process's CPU, memory, file descriptors and start time,
 * and Node's heap, event loop lag and GC stay.
 */
const LINT_FAILING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export const POLL_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface MetricsOptions {
  /** The latest samples of every server; called at each scrape, must not wait. */
  samples: () => readonly ServerSample[];
  /** The long-running exporter's own metrics: poll durations and errors, the process's CPU, memory, handles. */
  process: boolean;
}

export interface ExporterMetrics {
  prometheus: Registry<PrometheusContentType>;
  openMetrics: Registry<OpenMetricsContentType>;
  /** One poll of authentik ended (`error` null: it answered). */
  observePoll(server: string, seconds: number, error: ApiErrorKind | null): void;
  /** Starts a server's counters at zero. */
  addServer(server: string): void;
}

type Labels = Record<(typeof OBJECT_LABELS)[number], string>;

function objectLabels(server: string, object: ObjectSample): Labels {
  return { server, kind: object.ref.kind, object: object.ref.id };
}

interface ObjectGauge {
  name: string;
  help: string;
  value: (object: ObjectSample) => number | null;
}

const run = (pick: (figures: RunFigures) => number | null) => (object: ObjectSample) => (object.lastRun ? pick(object.lastRun) : null);

/** The gauges with one series per sync object; a value that is not known has no series. */
const OBJECT_GAUGES: ObjectGauge[] = [
  {
    name: 'aksync_sync_running',
    help: 'Whether a sync run of the object is in progress (or may still be): 1 or 0.',
    value: (object) => (object.running ? 1 : 0),
  },
  {
    name: 'aksync_sync_enabled',
    help: 'Whether authentik is told to sync the object (a disabled one is not expected to run): 1 or 0.',
    value: (object) => (object.enabled === null ? null : object.enabled ? 1 : 0),
  },
  {
    name: 'aksync_sync_last_run_start_timestamp_seconds',
    help: 'When the last complete sync run started (its first task), in seconds since the epoch.',
    value: run((r) => r.startSeconds),
  },
  {
    name: 'aksync_sync_last_run_end_timestamp_seconds',
    help: 'When the last complete sync run ended (its last task), in seconds since the epoch.',
    value: run((r) => r.endSeconds),
  },
  {
    name: 'aksync_sync_last_run_duration_seconds',
    help: 'How long the last complete sync run took, from its first task start to its last task finish.',
    value: run((r) => r.durationSeconds),
  },
  {
    name: 'aksync_sync_last_success_timestamp_seconds',
    help: 'When the last successful sync run ended, in seconds since the epoch (authentik 2025.8+ says; before, the newest run without errors that aksync saw).',
    value: (object) => object.lastSuccessSeconds,
  },
  {
    name: 'aksync_sync_pages',
    help: 'Page tasks of the last complete sync run.',
    value: run((r) => r.pages),
  },
  {
    name: 'aksync_sync_objects',
    help: 'Objects (users, groups, memberships) the last complete sync run reported as synced.',
    value: run((r) => r.objects),
  },
  {
    name: 'aksync_sync_problems',
    help: 'Problem messages of the last complete sync run: objects skipped or not synced, which authentik still labels successful.',
    value: run((r) => r.problems),
  },
  {
    name: 'aksync_sync_errors',
    help: 'Failed tasks of the last complete sync run (pages, or the run itself).',
    value: run((r) => r.errors),
  },
  {
    name: 'aksync_sync_next_run_timestamp_seconds',
    help: 'When authentik will next run the sync on its schedule, in seconds since the epoch (authentik 2025.8+).',
    value: (object) => object.nextRunSeconds,
  },
  {
    name: 'aksync_sync_schedule_interval_seconds',
    help: 'Seconds between two scheduled sync runs, from the schedule (authentik 2025.8+).',
    value: (object) => object.schedulePeriodSeconds,
  },
];

export function createMetrics(options: MetricsOptions): ExporterMetrics {
  const prometheus = registryOf(new Registry<PrometheusContentType>(), options);
  const openMetricsRegistry = new Registry<OpenMetricsContentType>();
  openMetricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const openMetrics = registryOf(openMetricsRegistry, options);
  const both = [prometheus, openMetrics];
  return {
    prometheus: prometheus.registry,
    openMetrics: openMetrics.registry,
    observePoll: (server, seconds, error) => {
      for (const one of both) one.observePoll(server, seconds, error);
    },
    addServer: (server) => {
      for (const one of both) one.addServer(server);
    },
  };
}

interface OneRegistry<R extends Registry<PrometheusContentType> | Registry<OpenMetricsContentType>> {
  registry: R;
  observePoll: ExporterMetrics['observePoll'];
  addServer: ExporterMetrics['addServer'];
}

/**
 * Every metric, registered in one registry. Each registry gets metric objects of its own: prom-client renames a
 * counter (drops `_total`) when it renders it as OpenMetrics, so a counter shared by both registries would then lose
 * its `_total` in the classic text format.
 */
function registryOf<R extends Registry<PrometheusContentType> | Registry<OpenMetricsContentType>>(registry: R, options: MetricsOptions): OneRegistry<R> {
  const registers = [registry as Registry];

  new Gauge({
    name: 'aksync_sync_verdict',
    help: "The sync object's verdict, judged from every message of its last run: 1 for the current one of ok, warning, critical, unknown (aksync could not tell, or has no fresh answer), 0 for the others.",
    labelNames: [...OBJECT_LABELS, 'verdict'],
    registers,
    collect() {
      this.reset();
      for (const { server, objects } of options.samples()) {
        for (const object of objects) {
          for (const verdict of VERDICT_STATES) this.set({ ...objectLabels(server, object), verdict }, object.verdict === verdict ? 1 : 0);
        }
      }
    },
  });

  for (const gauge of OBJECT_GAUGES) {
    new Gauge({
      name: gauge.name,
      help: gauge.help,
      labelNames: OBJECT_LABELS,
      registers,
      collect() {
        this.reset();
        for (const { server, objects } of options.samples()) {
          for (const object of objects) {
            const value = gauge.value(object);
            if (value !== null && Number.isFinite(value)) this.set(objectLabels(server, object), value);
          }
        }
      },
    });
  }

  new Gauge({
    name: 'aksync_up',
    help: 'Whether authentik answered the last poll of its sync objects: 1 or 0.',
    labelNames: ['server'],
    registers,
    collect() {
      this.reset();
      for (const { server, up } of options.samples()) this.set({ server }, up ? 1 : 0);
    },
  });

  let observePoll: ExporterMetrics['observePoll'] = () => {};
  let addServer: ExporterMetrics['addServer'] = () => {};
  if (options.process) {
    const errors = new Counter({
      name: 'aksync_poll_errors_total',
      help: 'Polls of authentik that failed, by the kind of error (unreachable, tls, timeout, unauthenticated, forbidden, not_found, server, bad_response, too_large).',
      labelNames: ['server', 'error'],
      registers,
    });
    const durations = new Histogram({
      name: 'aksync_poll_duration_seconds',
      help: 'How long each poll of authentik took (a list of sync objects, or one object’s status), answered or not.',
      labelNames: ['server'],
      buckets: POLL_DURATION_BUCKETS,
      registers,
    });
    addServer = (server) => {
      for (const error of POLL_ERROR_KINDS) errors.inc({ server, error }, 0);
      durations.zero({ server });
    };
    observePoll = (server, seconds, error) => {
      durations.observe({ server }, seconds);
      if (error !== null && error !== 'aborted') errors.inc({ server, error });
    };
    collectDefaultMetrics({ register: registry as Registry });
    for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(name);
  }

  return { registry, observePoll, addServer };
}

/** The scraper asked for OpenMetrics (Prometheus does, with a higher preference than the classic text format). */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  if (!accept) return false;
  let best: { openMetrics: boolean; q: number } | null = null;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    const openMetrics = type === 'application/openmetrics-text';
    if (!openMetrics && type !== 'text/plain' && type !== '*/*') continue;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === null || q > best.q) best = { openMetrics, q };
  }
  return best?.openMetrics ?? false;
}
