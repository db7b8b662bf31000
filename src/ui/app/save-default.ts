// `d` in the overview: the selected source becomes the profile's default, in the settings file, and nothing else
// is written. The result is one sentence for the status line.
import { ConfigFileError, type ConfigStore } from '../../config/store.js';
import { safeLine } from '../../domain/sanitize.js';
import type { SaveDefault } from './App.js';

export function saveDefaultSource(store: ConfigStore, profile: string): SaveDefault {
  return (slug) => {
    try {
      store.updateProfile(profile, { set: { source: slug } });
      return { tone: 'ok', text: `Saved ${safeLine(slug)} as the default source of profile '${safeLine(profile)}': \`aksync\` now opens its monitor.` };
    } catch (error) {
      const reason = error instanceof ConfigFileError ? error.message : 'the settings file could not be written.';
      return { tone: 'error', text: `The default source was not saved: ${safeLine(reason)}` };
    }
  };
}
