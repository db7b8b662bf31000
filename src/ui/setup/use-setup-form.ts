// Binds keys to the setup form's reducer and runs the credentials check; saving happens only after a good check.
import { useInput, useStdin } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { type CheckCredentials, describeTaskAccess, describeUser, runCheck } from '../../config/check.js';
import type { ConfigStore } from '../../config/store.js';
import type { CurrentUser } from '../../domain/model.js';
import { safeLine } from '../../domain/sanitize.js';
import { type SetupState, actionsForInput, createSetupState, setupReducer } from './setup-state.js';

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

  useInput(
    (input, key) => {
      if (cancelled.current) return;
      // Esc also sets key.meta in ink 6.8, so it is checked first.
      if (key.escape || (key.ctrl && input === 'c')) {
        cancelled.current = true;
        latest.current.onCancel();
      } else if (key.tab) dispatch({ type: key.shift ? 'focus-previous' : 'focus-next' });
      else if (key.upArrow) dispatch({ type: 'focus-previous' });
      else if (key.downArrow) dispatch({ type: 'focus-next' });
      else if (key.return) dispatch({ type: 'submit' });
      // 0x7f arrives as `delete`: both erase backwards, there is no cursor to delete forwards from.
      else if (key.backspace || key.delete) dispatch({ type: 'backspace' });
      else if (key.ctrl && input === 'u') dispatch({ type: 'clear-field' });
      else if (!key.ctrl && !key.meta) for (const action of actionsForInput(input)) dispatch(action);
    },
    { isActive: Boolean(isRawModeSupported) },
  );

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
