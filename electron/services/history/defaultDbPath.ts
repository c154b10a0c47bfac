/** The history database of this user: `history.sqlite` in the user-data folder (DUMPDESK_HOME wins). */
import { join } from 'node:path';
import { userDataDir } from '../paths';

export function defaultHistoryDb(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'history.sqlite');
}
