/**
 * The settings areas of the contract, each bound to its model in
 * shared/settings: read from registry entries, written back as registry
 * changes, validated. The models own every rule; this table only names them.
 */
import type { SettingsArea } from '../../../shared/api';
import type { RegChange, RegEntry } from '../../../shared/registry/types';
import { aeDebugFromRegistry, aeDebugToRegistry, validateAeDebug, type AeDebugModel } from '../../../shared/settings/aeDebug';
import { crashControlFromRegistry, crashControlToRegistry, validateCrashControl, type CrashControlModel } from '../../../shared/settings/crashControl';
import { crashOnCtrlScrollFromRegistry, crashOnCtrlScrollToRegistry, validateCrashOnCtrlScroll, type CrashOnCtrlScrollModel } from '../../../shared/settings/crashOnCtrlScroll';
import { drWatsonFromRegistry, drWatsonToRegistry, validateDrWatson, type DrWatsonModel } from '../../../shared/settings/drWatson';
import { pagefileFromRegistry, pagefileToRegistry, validatePagefile, type PagefileModel } from '../../../shared/settings/pagefile';
import type { SettingProblem } from '../../../shared/settings/problem';
import { localDumpsFromRegistry, localDumpsToRegistry, validateLocalDumps, type LocalDumpsModel } from '../../../shared/settings/werLocalDumps';

export interface SettingsAreaBinding<M> {
  fromRegistry(entries: readonly RegEntry[]): M;
  toRegistry(model: M): RegChange[];
  validate(model: M): SettingProblem[];
  /** Takes effect only after a restart (CrashControl, page file). */
  needsRestart: boolean;
}

function area<M>(b: SettingsAreaBinding<M>): SettingsAreaBinding<unknown> {
  return b as SettingsAreaBinding<unknown>;
}

export const SETTINGS_AREAS: Record<SettingsArea, SettingsAreaBinding<unknown>> = {
  crashControl: area<CrashControlModel>({ fromRegistry: crashControlFromRegistry, toRegistry: crashControlToRegistry, validate: (m) => validateCrashControl(m), needsRestart: true }),
  pagefile: area<PagefileModel>({ fromRegistry: pagefileFromRegistry, toRegistry: pagefileToRegistry, validate: validatePagefile, needsRestart: true }),
  aeDebug: area<AeDebugModel>({ fromRegistry: aeDebugFromRegistry, toRegistry: aeDebugToRegistry, validate: validateAeDebug, needsRestart: false }),
  werLocalDumps: area<LocalDumpsModel>({ fromRegistry: localDumpsFromRegistry, toRegistry: localDumpsToRegistry, validate: validateLocalDumps, needsRestart: false }),
  drWatson: area<DrWatsonModel>({ fromRegistry: drWatsonFromRegistry, toRegistry: drWatsonToRegistry, validate: (m) => validateDrWatson(m), needsRestart: false }),
  crashOnCtrlScroll: area<CrashOnCtrlScrollModel>({ fromRegistry: crashOnCtrlScrollFromRegistry, toRegistry: crashOnCtrlScrollToRegistry, validate: validateCrashOnCtrlScroll, needsRestart: true }),
};
