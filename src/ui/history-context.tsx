// The run recorder of the server the screens show (null when history is off, or before a connection exists). The
// polls feed it every run that ends; its problem, when the store cannot be written, is one more header notice.
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { RunRecorder } from '../history/recorder.js';
import { NoticesProvider, useNotices } from './notices-context.js';

const RecorderContext = createContext<RunRecorder | null>(null);

const NONE = () => () => {};
const NO_PROBLEM = () => null;

export function HistoryProvider(props: { recorder: RunRecorder | null; children: ReactNode }) {
  const { recorder } = props;
  const outer = useNotices();
  const problem = useSyncExternalStore(recorder?.subscribe ?? NONE, recorder?.problem ?? NO_PROBLEM);
  const notices = useMemo(() => (problem ? [...outer, problem] : outer), [outer, problem]);
  return (
    <RecorderContext.Provider value={recorder}>
      <NoticesProvider notices={notices}>{props.children}</NoticesProvider>
    </RecorderContext.Provider>
  );
}

export function useRunRecorder(): RunRecorder | null {
  return useContext(RecorderContext);
}
