// The floor aksync is measured against: a bare script that fetches the same sync status and prints one line.
// Usage: node scripts/bench/floor.mjs URL SLUG   (token in AUTHENTIK_TOKEN)
const [url, slug] = process.argv.slice(2);
const response = await fetch(`${url}/api/v3/sources/ldap/${slug}/sync/status/`, {
  headers: { Authorization: `Bearer ${process.env.AUTHENTIK_TOKEN}`, Accept: 'application/json' },
});
const body = await response.json();
process.stdout.write(`OK ${slug}: ${body.tasks?.length ?? 0} tasks, running ${body.is_running} live\n`);
