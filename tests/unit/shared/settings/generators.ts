// Generators of valid settings models for the property-style round-trip
// tests: every field is either absent or a value Windows accepts.
import type { AeDebugKeyModel, AeDebugModel } from '../../../../shared/settings/aeDebug';
import { AEDEBUG_PRESETS } from '../../../../shared/settings/aeDebugPresets';
import { DUMP_TYPES, type CrashControlModel } from '../../../../shared/settings/crashControl';
import type { CrashOnCtrlScrollModel, KeyboardCrashSettings } from '../../../../shared/settings/crashOnCtrlScroll';
import type { DrWatsonModel } from '../../../../shared/settings/drWatson';
import { DUMP2KEY_SCAN_CODES, dump2KeyName } from '../../../../shared/settings/keyboardScanCodes';
import type { PagefileModel } from '../../../../shared/settings/pagefile';
import type { LocalDumpsModel, LocalDumpsSettings } from '../../../../shared/settings/werLocalDumps';
import type { WerReportingModel } from '../../../../shared/settings/werReporting';
import type { Random } from './random';

export function randomCrashControl(r: Random): CrashControlModel {
  const dedicated = r.maybe(() => r.absolutePath(false, '.sys'));
  return {
    dumpType: r.maybe(() => r.pick(DUMP_TYPES).id),
    dumpFile: r.maybe(() => r.absolutePath(true, '.DMP')),
    minidumpDir: r.maybe(() => r.absolutePath(true)),
    minidumpsCount: r.maybe(() => r.int(1, 1000)),
    overwrite: r.maybe(() => r.bool()),
    autoReboot: r.maybe(() => r.bool()),
    logEvent: r.maybe(() => r.bool()),
    sendAlert: r.maybe(() => r.bool()),
    alwaysKeepMemoryDump: r.maybe(() => r.bool()),
    dedicatedDumpFile: dedicated,
    dumpFileSize: dedicated ? r.maybe(() => r.int(1, 65536)) : undefined,
    ignorePagefileSize: r.maybe(() => r.bool()),
    dumpFilters: r.maybe(() => r.pick([[], ['dumpfve.sys'], ['dumpfve.sys', 'dumpxyz.sys']])),
    savePageFileContents: r.maybe(() => r.bool()),
    nmiCrashDump: r.maybe(() => r.bool()),
    enableLogFile: r.maybe(() => r.bool()),
    displayParameters: r.maybe(() => r.bool()),
    disableEmoticon: r.maybe(() => r.bool()),
  };
}

export function randomPagefile(r: Random): PagefileModel {
  const drives = ['C', 'D', 'E', 'F'].filter(() => r.bool());
  return {
    pagingFiles: r.maybe(() =>
      drives.map((d) => {
        const initial = r.int(0, 3) === 0 ? 0 : r.int(1, 8192);
        return r.bool() ? { path: `${d}:\\pagefile.sys` } : { path: `${d}:\\pagefile.sys`, sizes: { initialMB: initial, maximumMB: initial === 0 ? 0 : initial + r.int(0, 8192) } };
      }),
    ),
    clearPageFileAtShutdown: r.maybe(() => r.bool()),
  };
}

function randomAeDebugKey(r: Random): AeDebugKeyModel {
  return {
    debugger: r.maybe(() => r.pick(AEDEBUG_PRESETS).build({ dumpFolder: r.pick(['C:\\Dumps', 'D:\\crash\\dumps', '\\\\srv\\share\\dumps']) }).native.debugger ?? '"C:\\x\\cdb.exe" -p %ld'),
    auto: r.maybe(() => r.bool()),
    userDebuggerHotKey: r.maybe(() => r.int(0, 255)),
    // An empty list removes the subkey, so it reads back as absent; generate non-empty lists only.
    autoExclusionList: r.maybe(() => r.pick([[{ image: 'DWM.exe', excluded: true }], [{ image: 'a.exe', excluded: false }, { image: 'b.exe', excluded: true }]])),
  };
}

export function randomAeDebug(r: Random): AeDebugModel {
  return { native: randomAeDebugKey(r), wow64: randomAeDebugKey(r) };
}

function randomLocalDumpsSettings(r: Random): LocalDumpsSettings {
  return {
    dumpFolder: r.maybe(() => r.absolutePath(true)),
    dumpCount: r.maybe(() => r.int(1, 100)),
    dumpType: r.maybe(() => r.pick(['custom', 'mini', 'full'] as const)),
    customDumpFlags: r.maybe(() => r.next() & 0x01ffffff),
  };
}

export function randomLocalDumps(r: Random): LocalDumpsModel {
  // A key with no values does not appear in value lists, so each generated key gets at least one.
  const appSettings = () => ({ ...randomLocalDumpsSettings(r), dumpCount: r.int(1, 20) });
  const perApp = r.bool() ? [] : [{ exe: 'app.exe', settings: appSettings() }, { exe: 'Other Tool.exe', settings: appSettings() }];
  const global = randomLocalDumpsSettings(r);
  if (perApp.length === 0) global.dumpType ??= 'mini';
  return { global, perApp };
}

export function randomWerReporting(r: Random): WerReportingModel {
  return {
    disabled: r.maybe(() => r.bool()),
    dontShowUI: r.maybe(() => r.bool()),
    dontSendAdditionalData: r.maybe(() => r.bool()),
    loggingDisabled: r.maybe(() => r.bool()),
    forceQueue: r.maybe(() => r.bool()),
    disableArchive: r.maybe(() => r.bool()),
    configureArchive: r.maybe(() => r.pick(['parameters', 'all-data'] as const)),
    maxArchiveCount: r.maybe(() => r.int(1, 5000)),
    maxQueueCount: r.maybe(() => r.int(1, 500)),
    defaultConsent: r.maybe(() => r.pick(['always-ask', 'parameters', 'parameters-and-safe-data', 'all-data'] as const)),
    excludedApplications: r.maybe(() => r.pick([['a.exe'], ['a.exe', 'B.exe']])),
  };
}

const KEY_POSITIONS = DUMP2KEY_SCAN_CODES.map((_, i) => i).filter((i) => dump2KeyName(i));

function randomKeyboard(r: Random): KeyboardCrashSettings {
  if (r.bool()) return { crashOnCtrlScroll: r.maybe(() => r.bool()) };
  return { crashOnCtrlScroll: r.maybe(() => false), dump1Keys: r.pick([0x01, 0x02, 0x11, 0x20, 0x44, 0x77]), dump2Key: r.pick(KEY_POSITIONS) };
}

export function randomCrashOnCtrlScroll(r: Random): CrashOnCtrlScrollModel {
  return { i8042prt: randomKeyboard(r), kbdhid: randomKeyboard(r), hyperkbd: randomKeyboard(r) };
}

export function randomDrWatson(r: Random): DrWatsonModel {
  return {
    logFilePath: r.maybe(() => r.absolutePath(true)),
    crashDumpFile: r.maybe(() => r.absolutePath(true, '\\user.dmp')),
    waveFile: r.maybe(() => r.pick(['', 'C:\\WINNT\\Media\\ding.wav'])),
    crashDumpType: r.maybe(() => r.int(0, 2)),
    instructions: r.maybe(() => r.int(0, 100)),
    maximumCrashes: r.maybe(() => r.int(0, 100)),
    dumpSymbols: r.maybe(() => r.bool()),
    dumpAllThreads: r.maybe(() => r.bool()),
    appendToLogFile: r.maybe(() => r.bool()),
    visualNotification: r.maybe(() => r.bool()),
    soundNotification: r.maybe(() => r.bool()),
    createCrashDump: r.maybe(() => r.bool()),
  };
}

/** JSON form without undefined fields, so that toEqual compares what is really set. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
