import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApplyResult, JsonValue, SettingsArea, SettingsPreview, SettingsSnapshot } from '../../shared/api';
import { api, errorText } from '../api';

/**
 * Settings pages: the snapshot read from the registry (or the .reg file that
 * stands in for it), a previewed change shown as a diff, and the applied
 * changes that can be undone.
 */
export const useSettingsStore = defineStore('settings', () => {
  const snapshot = shallowRef<SettingsSnapshot | null>(null);
  const preview = shallowRef<SettingsPreview | null>(null);
  const applied = ref<ApplyResult[]>([]);
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function wrap<T>(f: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    try {
      return await f();
    } catch (e) {
      error.value = errorText(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  async function load(): Promise<void> {
    const s = await wrap(() => api().settings.read());
    if (s) snapshot.value = s;
  }

  async function previewChange(area: SettingsArea, model: JsonValue): Promise<void> {
    preview.value = (await wrap(() => api().settings.preview(area, model))) ?? null;
  }

  /** "Back up & apply": the host writes a .reg backup before it writes anything. */
  async function apply(): Promise<void> {
    const p = preview.value;
    if (!p) return;
    const r = await wrap(() => api().settings.apply(p.previewId));
    if (r) {
      applied.value = [...applied.value, r];
      preview.value = null;
      await load();
    }
  }

  async function undo(): Promise<void> {
    const last = applied.value[applied.value.length - 1];
    if (!last) return;
    const r = await wrap(() => api().settings.undo(last.changeId));
    if (r) {
      await load(); // re-read first, so the page never shows the undone values without the Undo button
      applied.value = applied.value.slice(0, -1);
    }
  }

  const exported = ref<string | null>(null);

  async function exportReg(path: string): Promise<void> {
    const r = await wrap(() => api().settings.exportReg(path));
    exported.value = r?.path ?? null;
  }

  /** Importing only previews: the user still confirms with apply. */
  async function importReg(path: string): Promise<void> {
    preview.value = (await wrap(() => api().settings.importReg(path))) ?? null;
  }

  function discard(): void {
    preview.value = null;
  }

  return { snapshot, preview, applied, exported, busy, error, load, previewChange, apply, undo, discard, exportReg, importReg };
});
