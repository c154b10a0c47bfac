/**
 * What the page-file sizing check needs to know about this machine: RAM and
 * the free space on the boot volume (the system drive on Windows, `/`
 * elsewhere, where the .reg file stands in for the registry).
 */
import { statfsSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { MachineFacts } from '../../shared/settings/dumpSpace';

export function machineFacts(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): MachineFacts {
  const drive = platform === 'win32' ? (env.SystemDrive ?? 'C:').replace(/:$/, '') : undefined;
  const root = drive ? `${drive}:\\` : '/';
  let free = 0;
  try {
    const s = statfsSync(root);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    // Unknown free space reads as none: the check then errs on the side of "too small".
  }
  return { ramBytes: totalmem(), bootVolumeFreeBytes: free, ...(drive ? { bootDrive: drive } : {}) };
}
