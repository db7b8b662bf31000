// `aksync status --format openmetrics`: the exporter's per-object metrics, once, for node_exporter's textfile
// collector (a cron job writes aksync.prom). The same metric names, labels and help as `aksync exporter`; without
// the exporter's own process and poll metrics, which describe a long-running process (and whose process_* names
// node_exporter already exposes for itself).
import { ApiError, isServerWide, type ApiErrorKind } from '../api/errors.js';
import { createMetrics } from '../exporter/metrics.js';
import { objectSample, unknownSample, type ObjectSample, type ServerSample } from '../exporter/samples.js';
import { KINDS } from '../kinds/registry.js';
import type { AllChecks } from './check-all.js';
import { outcomeKind, type CheckOutcome } from './check.js';
import type { Io } from './output.js';

/** One object's sample, labelled with its kind and counted by its kind's rules, from what `status` judged. */
export function outcomeSample(outcome: CheckOutcome): ObjectSample {
  const kind = outcomeKind(outcome);
  if (outcome.kind === 'failed') return unknownSample({ kind, id: outcome.failed.slug ?? '' }, outcome.failed.failure.message, outcome.failed.source?.enabled ?? null);
  const { source, status, assessment } = outcome.check;
  const rules = KINDS[kind].rules;
  return objectSample({ ref: { kind, id: source.slug }, status, assessment, tasks: status.tasks, previousRun: null, stale: null, enabled: source.enabled, rules });
}

function answered(failureKind: string): boolean {
  return !isServerWide(new ApiError(failureKind as ApiErrorKind, ''));
}

/** Every object's samples: authentik is up when the lists were read. */
export function allChecksSample(all: AllChecks, server: string): ServerSample {
  return { server, up: all.listed, objects: all.outcomes.map(outcomeSample).filter((sample) => sample.ref.id !== '') };
}

/** One source's samples: authentik is up unless the check got no answer or the token was refused. */
export function outcomeServerSample(outcome: CheckOutcome, server: string): ServerSample {
  const sample = outcomeSample(outcome);
  const up = outcome.kind === 'checked' || answered(outcome.failed.failure.kind);
  return { server, up, objects: sample.ref.id === '' ? [] : [sample] };
}

/** Prints the metrics; exit 0 whenever they are printed (the verdicts are in them), so `… > f.tmp && mv` works. */
export async function writeMetrics(io: Io, sample: ServerSample): Promise<number> {
  const metrics = createMetrics({ samples: () => [sample], process: false });
  io.stdout.write(await metrics.openMetrics.metrics());
  return 0;
}
