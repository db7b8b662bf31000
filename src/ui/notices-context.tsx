// Standing warnings about the session itself (TLS verification off, a token sent over plain http): printed to
// stderr before the screen opens, where the alternate screen hides them, so the headers repeat them.
import { createContext, useContext, type ReactNode } from 'react';

const NoticesContext = createContext<readonly string[]>([]);

export function NoticesProvider(props: { notices: readonly string[]; children: ReactNode }) {
  return <NoticesContext.Provider value={props.notices}>{props.children}</NoticesContext.Provider>;
}

export function useNotices(): readonly string[] {
  return useContext(NoticesContext);
}
