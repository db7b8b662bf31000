import type { CommandName } from './args.js';

const CONNECTION = `Connection (flags beat environment, environment beats the saved profile):
  --url URL            authentik's address, e.g. https://auth.example.com   [AUTHENTIK_URL, AUTHENTIK_HOST]
  --token-file PATH    read the API token from a file (there is no --token flag: it would show in ps)  [AUTHENTIK_TOKEN]
  --profile NAME       use a saved profile (aksync config)                    [AKSYNC_PROFILE]
  --insecure           do not verify TLS certificates (prefer NODE_EXTRA_CA_CERTS=ca.pem)  [AUTHENTIK_INSECURE]
  --timeout SECONDS    per-request timeout (default 10)
  --no-color           no colour (also NO_COLOR)`;

const SCREEN = `Screen:
  --interval SECONDS   poll every SECONDS (default 5, minimum 0.25)
  --ascii              ASCII glyphs only (automatic when the locale is not UTF-8)
  --no-alt-screen      draw in the normal screen instead of the alternate one

Calling for attention when a verdict gets worse (off by default; flag, environment or saved key):
  --bell               ring the terminal bell once per worsening                [AKSYNC_BELL, bell]
  --notify             a desktop notification through the terminal (OSC 9/777)  [AKSYNC_NOTIFY, notify]
  --title              the window title shows the worst verdict (restored on exit)  [AKSYNC_TITLE, title]`;

const EXIT = `Exit codes (status, sync --wait): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (unreachable, not authenticated,
forbidden, bad response, no such source, missing settings, and a usage error: its UNKNOWN line goes to stdout).
Other commands exit 2 on a usage error.`;

const TOPICS: Record<CommandName | 'main', string> = {
  main: `aksync: a live terminal monitor for authentik LDAP source syncs

Usage:
  aksync [SLUG]                 live monitor of one source; without a slug, the overview of all sources
  aksync status [SLUG|KIND/ID] [--json]   one check with a verdict and a monitoring-plugin exit code
                                (no argument: every sync object of every kind)
  aksync sources [--kind KIND] [--json]  every sync object the token can see, with its kind and verdict
  aksync sync SLUG|KIND/ID [--yes] [--wait]   start a sync now (and follow it to its end)
  aksync history [KIND/]ID [--json] [--since 7d]   the runs aksync has recorded of a sync object
  aksync config path|show|set KEY VALUE|unset KEY|use NAME|login   saved settings and profiles
  aksync demo [--serve] [--generation a|b]   try it against a built-in simulated authentik
  aksync exporter [--listen HOST:PORT] [--profile NAME]...   Prometheus metrics of every sync, over HTTP
  aksync help [COMMAND]         help for a command

${CONNECTION}

${SCREEN}

${EXIT}

Keys in the monitor: press ? for help. q quits.`,
  monitor: `aksync [monitor] [SLUG]: live full-screen monitor of one LDAP source (q quits, ? lists the keys).
Without a slug (and none saved) it opens the overview of all sources.

${CONNECTION}

${SCREEN}`,
  status: `aksync status [SLUG | KIND/ID | --all] [--json | --format plugin|json|openmetrics]: check one sync
object once and exit with its verdict. A bare SLUG is an LDAP source; KIND/ID names any other (kerberos/corp-krb,
scim/3, google_workspace/4, microsoft_entra/5: sources by slug, providers by number).

Prints the verdict, the run window, pages and objects per type, problems, errors and the first error's text.
The first line follows the monitoring-plugin convention, with performance data after '|'.
Without an argument (none given or saved), or with --all, checks every object of every kind: the worst verdict
with the counts, one line per object, each object's performance data, and one quiet line per kind the server does
not have or the token may not see.
  --all                every object, even when a default source is saved
  --json               one JSON object (see README, "JSON output"); the same as --format json
  --format openmetrics the exporter's metrics of every source, once (for node_exporter's textfile collector:
                       aksync status --format openmetrics > aksync.prom.tmp && mv aksync.prom.tmp aksync.prom)

${CONNECTION}

${EXIT}`,
  sources: `aksync sources [--kind KIND]... [--json]: list the sync objects the token can see, kind by kind (LDAP and
Kerberos sources; SCIM, Google Workspace and Microsoft Entra providers): name, what \`status\` takes (slug or
KIND/ID), verdict, enabled (a provider: assigned to an application), kind, what they sync, connectivity of their
servers; and why each one that is not OK is not.
  --kind KIND          only this kind (ldap, kerberos, scim, google_workspace, microsoft_entra); repeatable

${CONNECTION}`,
  sync: `aksync sync SLUG [--yes] [--wait]: start a sync of SLUG now (or of KIND/ID: scim/3, kerberos/corp-krb).
authentik 2024.8–2025.6: an empty PATCH of the object (Google Workspace and Entra need a valid licence for it);
2025.8+: the object's sync schedule is sent.
  --yes, -y            do not ask (required when stdin is not a terminal)
  --wait               follow the run to its end and exit with its status exit code
  --interval SECONDS   how often to look while waiting (default 5)
  --json               with --wait: print the final status as JSON

${CONNECTION}

${EXIT}`,
  history: `aksync history [KIND/]ID [--json] [--since 7d]: the runs aksync has recorded of one sync object, newest
first: start, duration, pages, objects, problems, errors, verdict. A bare ID is an LDAP source's slug.
aksync records each run it sees end (monitor, overview, status, sync --wait), in $XDG_STATE_HOME/aksync/history/
(~/.local/state/aksync/history/), at most 1,000 runs or 90 days per object. No request is made to authentik.
  --since TIME         only runs that ended within TIME: 7d, 24h, 90m, 2w
  --json               one JSON object (see README, "JSON output")
  --url URL, --profile NAME   whose server's runs (default: the saved profile's; none set: every server's)`,
  config: `aksync config COMMAND: saved settings, in $XDG_CONFIG_HOME/aksync/config.json (mode 0600).
  aksync config path               print the file's path
  aksync config show               print the profiles (the token is masked)
  aksync config set KEY VALUE      keys: url, token, source, interval, insecure, timeout, bell, notify, title
  aksync config unset KEY
  aksync config use NAME           make NAME the default profile
  aksync config login              ask for URL and token, check them, save them
  --profile NAME                   the profile to act on (default: the default profile)`,
  demo: `aksync demo: start a simulated authentik on a loopback port and open the monitor on it. No server, token or
config needed.
  --serve              only run the simulator; print its URL and token for trying the other commands
  --generation a|b     authentik 2024.8–2025.6 (a, default) or 2025.8 and newer (b)
  --scenario NAME      lively (default), healthy, problems, errors, running, empty, hostile, big, week

${SCREEN}`,
  exporter: `aksync exporter [--listen HOST:PORT] [--profile NAME]...: serve Prometheus metrics of every sync object.

Polls every sync object of each profile's server as the overview does (same client, verdicts, backoff, at most 4
requests at once per server) and serves the last known values: a scrape never waits on authentik.
  GET /metrics         Prometheus text format, or OpenMetrics when the scraper asks for it
  GET /healthz         200 while the exporter runs, with each server's state
  --listen HOST:PORT   where to listen (default 127.0.0.1:9823); anything but loopback prints a warning: the
                       metrics name your servers and sources (README, "Exporter": put a reverse proxy in front)
  --profile NAME       a saved profile to watch, its name the metrics' server label; repeat it for several
                       servers (default: the current profile, labelled with the server's host)
  --interval SECONDS   poll each object every SECONDS (default: the profile's interval, else 5)

Logs one line to stderr per change of state (authentik answering or not, a verdict changing). SIGTERM or Ctrl-C
stops it cleanly.

${CONNECTION}`,
  help: 'aksync help [COMMAND]: show help for a command.',
};

export function helpText(command: CommandName | null): string {
  return TOPICS[command ?? 'main'];
}
