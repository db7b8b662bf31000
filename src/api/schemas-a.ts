// Generation A (authentik 2024.8 to 2025.6): the status endpoint carries every page task and its messages.
import { z } from 'zod';
import { logEventsSchema } from './log-events.js';
import { dateTime, paginated } from './schemas-common.js';

export const systemTaskSchema = z
  .object({
    uuid: z.string(),
    name: z.string(),
    full_name: z.string().nullish(),
    uid: z.string().nullish(),
    start_timestamp: dateTime.nullish(),
    finish_timestamp: dateTime.nullish(),
    duration: z.number().nullish(),
    /** kept as-is: an unknown word becomes TaskState 'unknown' */
    status: z.string(),
    messages: logEventsSchema,
  })
  .loose()
  .refine((task) => typeof task.uid === 'string' || typeof task.full_name === 'string', {
    message: 'missing (expected uid or full_name)',
    path: ['uid'],
  });
export type SystemTaskJson = z.output<typeof systemTaskSchema>;

export const syncStatusASchema = z
  .object({
    is_running: z.boolean(),
    tasks: z.array(systemTaskSchema),
  })
  .loose();
export type SyncStatusAJson = z.output<typeof syncStatusASchema>;

/** `/events/system_tasks/` (where generation A keeps the Kerberos run the status never shows). */
export const systemTaskListSchema = paginated(systemTaskSchema);
