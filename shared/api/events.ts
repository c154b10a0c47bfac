/** Events main pushes to the renderer (IPC `send` in the app, Server-Sent Events on the web host). */
import { event } from './define';
import type { CrashRow } from './history';
import type { SourceStatus } from './sources';

export interface SessionProgress {
  sessionId: string;
  /** What is happening: "open", "analyze", "symbols", "command". */
  phase: string;
  /** 0..1, or null when the total is unknown. */
  fraction: number | null;
  message: string;
}

/** A menu, the command line or a second instance asked to open a file. */
export interface OpenRequest {
  path: string;
  reason: 'menu' | 'argv' | 'second-instance' | 'file-association';
}

export type AppView = 'history' | 'dump' | 'settings' | 'verifier' | 'about';

export const apiEvents = {
  crashIndexed: event<CrashRow>('A new dump was found in a watched folder and indexed.'),
  sourcesChanged: event<SourceStatus[]>('A watched folder was added, removed, or became (un)reachable.'),
  sessionProgress: event<SessionProgress>('Progress of a long engine operation.'),
  openRequested: event<OpenRequest>('Open this dump (menu, command line, second instance).'),
  navigate: event<{ view: AppView }>('Show a page (View menu, Help ▸ About).'),
};
