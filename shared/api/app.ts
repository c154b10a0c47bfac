/** app.*: facts about the running application and host. */
import { z } from 'zod';
import { call, returns } from './define';

export interface AppInfo {
  name: string;
  version: string;
  /** `electron`: the desktop app; `web`: `dumpdesk serve` in a browser. */
  host: 'electron' | 'web';
  /** process.platform of the host: "win32", "linux", "darwin". */
  platform: string;
  versions: { node: string; electron: string | null; chrome: string | null };
  /** Whether system-changing calls (registry, verifier) are allowed on this host. */
  settingsAllowed: boolean;
  /** The folders given to the web host with --dir (file arguments must lie inside these or the folders the history watches); null in the app. */
  servedFolders: string[] | null;
  /** The sample dumps shipped with DumpDesk (absolute paths), offered when the history is empty. */
  samples?: string[];
}

export const appApi = {
  info: call({
    summary: 'Name, version and host of the running application.',
    args: z.tuple([]),
    result: returns<AppInfo>(),
    effect: 'read',
  }),
};
