// Binds keys to the setup form's reducer and runs the credentials check; saving happens only after a good check.
import { useStdin } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { type CheckCredentials, describeTaskAccess, describeUser, runCheck } from '../../config/check.js';
import type { ConfigStore } from '../../config/store.js';
import type { CurrentUser } from '../../domain/model.js';
import { safeLine } from '../../domain/sanitize.js';
import { useKeypresses } from '../hooks/use-keypresses.js';
import { type SetupState, createSetupState, setupActionFor, setupReducer } from './setup-state.js';

export interface SavedCredentials {
  profile: string;
  url: string;
  token: string;
  user: CurrentUser;
  missingPermissions: string[];
}

export interface SetupFormOptions {
  store: ConfigStore;
  /** The profile the URL and token are saved to. */
  profile: string;
  check: CheckCredentials;
  onSaved: (saved: SavedCredentials) => void;
  onCancel: () => void;
  initialUrl?: string;
}

export function useSetupForm(options: SetupFormOptions): SetupState {
  const [state, dispatch] = useReducer(setupReducer, options.initialUrl, createSetupState);
  const { isRawModeSupported } = useStdin();
  const cancelled = useRef(false);
  const latest = useRef(options);
  latest.current = options;

  useKeypresses((presses) => {
    for (const press of presses) {
      if (cancelled.current) return;
      const action = setupActionFor(press);
      if (action === 'cancel') {
        cancelled.current = true;
        latest.current.onCancel();
      } else if (action) dispatch(action);
    }
  }, Boolean(isRawModeSupported));

  const checking = state.status.kind === 'checking' ? state.status.attempt : null;
  useEffect(() => {
    if (checking === null) return;
    const { url, token } = state;
    let current = true;
    void runCheck(latest.current.check, url, token).then((result) => {
      if (!current || cancelled.current) return;
      if (!result.ok) {
        dispatch({ type: 'check-failed', attempt: checking, message: result.message });
        return;
      }
      const { store, profile, onSaved } = latest.current;
      try {
        store.updateProfile(profile, { set: { url, token } });
      } catch (error) {
        const message = error instanceof Error ? safeLine(error.message) : 'The settings could not be saved.';
        dispatch({ type: 'check-failed', attempt: checking, message });
        return;
      }
      const lines = [describeUser(result.user), describeTaskAccess(result.missingPermissions)];
      dispatch({ type: 'saved', attempt: checking, lines });
      onSaved({ profile, url, token, user: result.user, missingPermissions: result.missingPermissions });
    });
    return () => {
      current = false;
    };
    // Runs once per submission; url and token are read from the state that started it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checking]);

  return state;
}
