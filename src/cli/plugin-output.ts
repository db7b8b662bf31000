// Monitoring-plugin output (Nagios, Icinga, Naemon): a status line, performance data after its one '|', then long
// output lines. Nagios splits every line of the output at '|', so no text here may carry one, whatever the server
// named its source or put in an error (an LDAP filter like `(|(objectClass=user))`).

export interface PerfValue {
  label: string;
  /** null: the value could not be determined (printed `U`). */
  value: number | null;
  unit?: 's';
}

export interface PluginOutput {
  status: string;
  perfdata: PerfValue[];
  long: string[];
}

export function withoutPipes(text: string): string {
  return text.replace(/\|/g, '/');
}

function perfLabel(label: string): string {
  // A plain word goes bare (`pages=101`, as before); anything else is quoted, and may not hold `'` or `=`.
  return /^[a-z]+$/.test(label) ? label : `'${label.replace(/['=|]/g, '_')}'`;
}

function perfItem({ label, value, unit }: PerfValue): string {
  if (value === null) return `${perfLabel(label)}=U`;
  return `${perfLabel(label)}=${unit === 's' ? value.toFixed(1) : String(value)}${unit ?? ''}`;
}

export function renderPlugin(output: PluginOutput): string {
  const status = withoutPipes(output.status);
  const perfdata = output.perfdata.map(perfItem).join(' ');
  const lines = [perfdata === '' ? status : `${status} | ${perfdata}`, ...output.long.map(withoutPipes)];
  return `${lines.join('\n')}\n`;
}
