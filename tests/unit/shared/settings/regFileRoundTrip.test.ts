// Every settings model written as a .reg file (Version 5.00 and REGEDIT4),
// parsed back and read into the model again: what DumpDesk exports is what it
// imports. Covers the areas the corpus has no export for (CrashOnCtrlScroll,
// PagingFiles, Dr. Watson).
import { describe, expect, it } from 'vitest';
import { changesToRegFile, parseRegFile, regFileToChanges, writeRegFile, type RegFileVersion } from '../../../../shared/formats/regfile/index';
import type { RegChange, RegEntry } from '../../../../shared/registry/types';
import { aeDebugFromRegistry, aeDebugToRegistry } from '../../../../shared/settings/aeDebug';
import { crashControlFromRegistry, crashControlToRegistry } from '../../../../shared/settings/crashControl';
import { crashOnCtrlScrollFromRegistry, crashOnCtrlScrollToRegistry } from '../../../../shared/settings/crashOnCtrlScroll';
import { drWatsonFromRegistry, drWatsonToRegistry } from '../../../../shared/settings/drWatson';
import { pagefileFromRegistry, pagefileToRegistry } from '../../../../shared/settings/pagefile';
import { applyChanges } from '../../../../shared/settings/registryValues';
import { localDumpsFromRegistry, localDumpsToRegistry } from '../../../../shared/settings/werLocalDumps';
import { werReportingFromRegistry, werReportingToRegistry } from '../../../../shared/settings/werReporting';
import {
  plain,
  randomAeDebug,
  randomCrashControl,
  randomCrashOnCtrlScroll,
  randomDrWatson,
  randomLocalDumps,
  randomPagefile,
  randomWerReporting,
} from './generators';
import { forAll, type Random } from './random';

/** Only the writes: a .reg file that deletes absent values would do the same, but deleting is the backend's job. */
function throughRegFile(changes: RegChange[], version: RegFileVersion): RegEntry[] {
  const sets = applyChanges([], changes).map((e): RegChange => ({ op: 'set', ...e }));
  const bytes = writeRegFile(changesToRegFile(sets, version));
  return applyChanges([], regFileToChanges(parseRegFile(bytes)));
}

const AREAS: { name: string; make: (r: Random) => unknown; to: (m: never) => RegChange[]; from: (e: RegEntry[]) => unknown }[] = [
  { name: 'CrashControl', make: randomCrashControl, to: crashControlToRegistry, from: crashControlFromRegistry },
  { name: 'PagingFiles', make: randomPagefile, to: pagefileToRegistry, from: pagefileFromRegistry },
  { name: 'AeDebug', make: randomAeDebug, to: aeDebugToRegistry, from: aeDebugFromRegistry },
  { name: 'LocalDumps', make: randomLocalDumps, to: localDumpsToRegistry, from: localDumpsFromRegistry },
  { name: 'WER (machine)', make: randomWerReporting, to: (m) => werReportingToRegistry(m, 'machine'), from: (e) => werReportingFromRegistry(e, 'machine') },
  { name: 'CrashOnCtrlScroll', make: randomCrashOnCtrlScroll, to: crashOnCtrlScrollToRegistry, from: crashOnCtrlScrollFromRegistry },
  { name: 'Dr. Watson', make: randomDrWatson, to: drWatsonToRegistry, from: drWatsonFromRegistry },
];

describe('settings models through .reg files', () => {
  for (const version of ['5.00', '4'] as const) {
    for (const area of AREAS) {
      it(`${area.name} survives a ${version === '4' ? 'REGEDIT4' : 'Version 5.00'} file`, () => {
        forAll(60, (r, seed) => {
          const model = area.make(r);
          const back = area.from(throughRegFile(area.to(model as never), version));
          expect(plain(back), `seed ${seed}`).toEqual(plain(model));
        });
      });
    }
  }

  it('writes CrashOnCtrlScroll and PagingFiles the way the documentation shows them', () => {
    const text = new TextDecoder('utf-16le').decode(
      writeRegFile(
        changesToRegFile(
          applyChanges(
            [],
            [
              ...crashOnCtrlScrollToRegistry({ i8042prt: { crashOnCtrlScroll: true }, kbdhid: {}, hyperkbd: {} }),
              ...pagefileToRegistry({ pagingFiles: [{ path: 'C:\\pagefile.sys', sizes: { initialMB: 1024, maximumMB: 4096 } }] }),
            ],
          ).map((e): RegChange => ({ op: 'set', ...e })),
        ),
      ).subarray(2),
    );
    expect(text).toContain('[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\i8042prt\\Parameters]\r\n"CrashOnCtrlScroll"=dword:00000001');
    expect(text).toContain('[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management]\r\n"PagingFiles"=hex(7):43,00,3a,00');
  });
});
