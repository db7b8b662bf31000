// Generation B (authentik 2025.8 to 2026.8): a small status, with per-run detail in the tasks framework.
import { z } from 'zod';
import { logEventsSchema } from './log-events.js';
import { dateTime, paginated } from './schemas-common.js';

export const syncStatusBSchema = z
  .object({
    is_running: z.boolean(),
    last_successful_sync: dateTime.nullish(),
    /** kept as-is, including values newer than this client */
    last_sync_status: z.string().nullish(),
  })
  .loose();
export type SyncStatusBJson = z.output<typeof syncStatusBSchema>;

export const scheduleSchema = z
  .object({
    id: z.string(),
    actor_name: z.string(),
    /** the object's pk as a string; null on schedules a save made in 2025.8.0 to 2025.10.1 */
    identifier: z.string().nullish(),
    crontab: z.string(),
    paused: z.boolean().nullish(),
    next_run: dateTime.nullish(),
    last_task_status: z.string().nullish(),
  })
  .loose();
export type ScheduleJson = z.output<typeof scheduleSchema>;
export const scheduleListSchema = paginated(scheduleSchema);

export const taskSchema = z
  .object({
    message_id: z.string(),
    actor_name: z.string(),
    state: z.string(),
    aggregated_status: z.string().nullish(),
    mtime: dateTime.nullish(),
    retries: z.number().nullish(),
    uid: z.string().nullish(),
    /** after 2025.8 */
    logs: logEventsSchema.nullish(),
    previous_logs: logEventsSchema.nullish(),
    /** 2025.8 */
    messages: logEventsSchema.nullish(),
    previous_messages: logEventsSchema.nullish(),
  })
  .loose();
export type TaskJson = z.output<typeof taskSchema>;
export const taskListSchema = paginated(taskSchema);
