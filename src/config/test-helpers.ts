// Temporary config folders for tests: never the real home.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder standing in for XDG_CONFIG_HOME; removed after the test. */
export function tempConfigHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksync-config-'));
  made.push(dir);
  return dir;
}

export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** Writes `content` as the config file under `home/aksync/` with the given modes. */
export function writeConfigFile(home: string, content: unknown, fileMode = 0o600, dirMode = 0o700): string {
  const dir = path.join(home, 'aksync');
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, dirMode);
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  fs.chmodSync(file, fileMode);
  return file;
}
