/**
 * settings.*: read the crash settings, preview a change as a registry diff,
 * apply it through the safe write protocol (backup .reg → write → read back
 * → restore on failure; electron/services/registry), undo by applying the
 * backup, export/import .reg. Where the registry is (Windows, a .reg file
 * standing in for it, memory) is the backend's business.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { ApiServices, ApplyResult, JsonValue, SettingsArea, SettingsPreview, SettingsSnapshot, WireRegChange, WireRegValue } from '../../../shared/api';
import { ApiError } from '../../../shared/api/errors';
import { changesToRegFile, formatRegText, parseRegFile, regFileToOps, writeRegFile, type RegOp } from '../../../shared/formats/regfile/index';
import { hex } from '../../../shared/hex';
import type { RegChange, RegEntry, RegValue } from '../../../shared/registry/types';
import type { CrashControlModel } from '../../../shared/settings/crashControl';
import { checkDumpSpace, dumpSpaceInputFrom, type MachineFacts } from '../../../shared/settings/dumpSpace';
import type { PagefileModel } from '../../../shared/settings/pagefile';
import { validateChanges } from '../../../shared/settings/validate';
import type { RegistryBackend } from '../../services/registry/backend';
import { planChanges } from '../../services/registry/changePlan';
import { exportCrashSettings, readCrashSettings } from '../../services/registry/crashSettingsKeys';
import { applyChanges } from '../../services/registry/writeProtocol';
import { SETTINGS_AREAS } from './settingsAreas';

const hexBytes = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function toWireValue(v: RegValue): WireRegValue {
  switch (v.type) {
    case 'REG_QWORD':
      return { type: v.type, data: hex(v.data) };
    case 'REG_BINARY':
      return { type: v.type, data: hexBytes(v.data) };
    case 'REG_RAW':
      return { type: v.type, typeId: v.typeId, data: hexBytes(v.data) };
    default:
      return v;
  }
}

/** Models are JSON already, except a 64-bit value here and there: those become hex strings. */
function toJson(model: unknown): JsonValue {
  return JSON.parse(JSON.stringify(model, (_k, v: unknown) => (typeof v === 'bigint' ? hex(v) : v))) as JsonValue;
}

export interface SettingsServiceOptions {
  /** Opened on first use (regedit loads lazily on Windows). */
  openBackend(): Promise<RegistryBackend>;
  backupDir: string;
  /** False on a host that may not change settings (the web host without --allow-settings). */
  writable: boolean;
  readOnlyReason: string | null;
  /** RAM and boot-volume space for the page-file sizing check; without it the check is skipped. */
  machine?: () => MachineFacts;
}

interface PendingChange {
  ops: RegOp[];
  validate: boolean;
  needsRestart: boolean;
}

export function settingsService(o: SettingsServiceOptions): ApiServices['settings'] {
  let backend: Promise<RegistryBackend> | undefined;
  const registry = () => (backend ??= o.openBackend());
  const previews = new Map<string, PendingChange>();
  /** changeId → the backup that undoes it. */
  const applied = new Map<string, { backupFile: string; needsRestart: boolean }>();

  async function entries(): Promise<RegEntry[]> {
    const out: RegEntry[] = [];
    for (const read of await readCrashSettings(await registry())) {
      for (const block of read.blocks) {
        for (const v of block.values) if ('value' in v) out.push({ key: block.path, name: v.name, value: v.value });
      }
    }
    return out;
  }

  async function preview(ops: RegOp[], validate: boolean, needsRestart: boolean, warnings: string[]): Promise<SettingsPreview> {
    const plan = await planChanges(await registry(), ops);
    const changes: WireRegChange[] = plan.diff.map((d) =>
      d.new
        ? { op: 'set', key: d.key, name: d.name, value: toWireValue(d.new), before: d.old ? toWireValue(d.old) : null }
        : { op: 'delete-value', key: d.key, name: d.name, before: d.old ? toWireValue(d.old) : null },
    );
    for (const key of plan.keysDeleted) changes.push({ op: 'delete-key', key });
    const previewId = randomUUID();
    previews.set(previewId, { ops: plan.writes, validate, needsRestart });
    return { previewId, changes, regText: plan.writes.length ? formatRegText(changesToRegFile(plan.writes)) : '', warnings };
  }

  async function run(ops: RegOp[], validate: boolean, needsRestart: boolean): Promise<ApplyResult> {
    if (!o.writable) throw new ApiError('Forbidden', o.readOnlyReason ?? 'settings are read-only here');
    const r = await applyChanges(await registry(), ops, { backupDir: o.backupDir, ...(validate ? { validate: validateChanges } : {}) });
    if (!r.backupFile) throw new ApiError('Invalid', 'nothing to change: the registry already holds these values');
    const changeId = randomUUID();
    applied.set(changeId, { backupFile: r.backupFile, needsRestart });
    // The write protocol reads every value back and restores the backup on any difference, so success means verified.
    return { changeId, backupPath: r.backupFile, mismatches: [], rebootRequired: needsRestart };
  }

  /** The sizing check for a dump type and page files (as they are, or as a preview would make them). */
  function dumpSpace(crashControl: CrashControlModel, pagefile: PagefileModel): SettingsSnapshot['dumpSpace'] {
    if (!o.machine) return undefined;
    const r = checkDumpSpace(dumpSpaceInputFrom(crashControl, pagefile, o.machine()));
    return { verdict: r.verdict, summary: r.summary, fix: r.fix ?? null, notes: r.notes };
  }

  return {
    read: async (): Promise<SettingsSnapshot> => {
      const all = await entries();
      const b = await registry();
      const areas: SettingsSnapshot['areas'] = {};
      for (const [name, binding] of Object.entries(SETTINGS_AREAS)) areas[name as SettingsArea] = toJson(binding.fromRegistry(all));
      const kind = /windows/i.test(b.description) ? 'windows' : /file/i.test(b.description) ? 'reg-file' : 'memory';
      const space = dumpSpace(SETTINGS_AREAS.crashControl.fromRegistry(all) as CrashControlModel, SETTINGS_AREAS.pagefile.fromRegistry(all) as PagefileModel);
      return { backend: kind, writable: o.writable, readOnlyReason: o.writable ? null : o.readOnlyReason, areas, ...(space ? { dumpSpace: space } : {}) };
    },
    preview: async (areaName, model) => {
      const binding = SETTINGS_AREAS[areaName];
      let changes: RegChange[];
      try {
        const problems = binding.validate(model);
        if (problems.length) throw new ApiError('Invalid', problems.map((p) => `${p.name || p.key}: ${p.message}`).join('; '));
        changes = binding.toRegistry(model);
      } catch (e) {
        // A model of the wrong shape makes the model code fail: that is the caller's mistake, said as such.
        if (e instanceof ApiError) throw e;
        throw new ApiError('Invalid', `the ${areaName} settings are not a valid model: ${(e as Error).message}`);
      }
      const valueProblems = validateChanges(changes);
      if (valueProblems.length) throw new ApiError('Invalid', valueProblems.map((p) => `${p.name || p.key}: ${p.message}`).join('; '));
      // A new dump type or page file is checked against this machine before it is applied.
      const warnings: string[] = [];
      if (areaName === 'crashControl' || areaName === 'pagefile') {
        const all = await entries();
        const cc = (areaName === 'crashControl' ? model : SETTINGS_AREAS.crashControl.fromRegistry(all)) as CrashControlModel;
        const pf = (areaName === 'pagefile' ? model : SETTINGS_AREAS.pagefile.fromRegistry(all)) as PagefileModel;
        const space = dumpSpace(cc, pf);
        if (space && space.verdict !== 'ok') warnings.push(`${space.summary}${space.fix ? ` ${space.fix}` : ''}`);
      }
      return preview(changes, true, binding.needsRestart, warnings);
    },
    apply: async (previewId) => {
      const p = previews.get(previewId);
      if (!p) throw new ApiError('NotFound', 'this preview is no longer known (the app restarted); preview the change again');
      const result = await run(p.ops, p.validate, p.needsRestart);
      previews.delete(previewId);
      return result;
    },
    undo: async (changeId) => {
      const a = applied.get(changeId);
      if (!a) throw new ApiError('NotFound', 'no such applied change in this session; restore an older backup with `dumpdesk settings undo FILE`');
      // A backup holds the values as they were, valid or not: restore them unchecked.
      const ops = regFileToOps(parseRegFile(new Uint8Array(await readFile(a.backupFile))));
      const result = await run(ops, false, a.needsRestart);
      applied.delete(changeId);
      return result;
    },
    exportReg: async (path) => {
      await writeFile(path, writeRegFile(await exportCrashSettings(await registry())));
      return { path };
    },
    importReg: async (path) => {
      const ops = regFileToOps(parseRegFile(new Uint8Array(await readFile(path))));
      const problems = validateChanges(ops.filter((c): c is RegChange => c.op !== 'create-key'));
      const warnings = problems.map((p) => `${p.name || p.key}: ${p.message}`);
      if (warnings.length) throw new ApiError('Invalid', `the file holds invalid values: ${warnings.join('; ')}`);
      return preview(ops, true, true, []);
    },
  };
}
