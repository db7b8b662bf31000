// The permissions authentik checks on the endpoints the simulator serves.
export const PERM = {
  viewSource: 'authentik_sources_ldap.view_ldapsource',
  changeSource: 'authentik_sources_ldap.change_ldapsource',
  viewSystemTask: 'authentik_events.view_systemtask',
  viewSchedule: 'authentik_tasks_schedules.view_schedule',
  sendSchedule: 'authentik_tasks_schedules.send_schedule',
  viewTask: 'authentik_tasks.view_task',
} as const;
