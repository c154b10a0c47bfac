import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { VerifierCommand, VerifierPreset, VerifierRunResult, VerifierState } from '../../shared/api';
import { api, errorText } from '../api';

/** The Driver Verifier page: presets, chosen drivers, the exact command and the current state. */
export const useVerifierStore = defineStore('verifier', () => {
  const presets = ref<VerifierPreset[]>([]);
  const presetId = ref<string>('classic');
  const drivers = ref<string[]>([]);
  const command = ref<VerifierCommand | null>(null);
  const state = ref<VerifierState | null>(null);
  const lastRun = ref<VerifierRunResult | null>(null);
  const error = ref<string | null>(null);

  const preset = computed(() => presets.value.find((p) => p.id === presetId.value) ?? null);

  async function load(): Promise<void> {
    try {
      presets.value = await api().verifier.presets();
      if (!presets.value.some((p) => p.id === presetId.value) && presets.value[0]) presetId.value = presets.value[0].id;
      await refreshCommand();
    } catch (e) {
      error.value = errorText(e);
    }
    try {
      state.value = await api().verifier.query();
    } catch (e) {
      // Reading the state needs verifier.exe (Windows); the page works without it.
      state.value = null;
      error.value ??= errorText(e);
    }
  }

  async function refreshCommand(): Promise<void> {
    try {
      command.value = await api().verifier.commandLine({ preset: presetId.value, drivers: drivers.value, action: presetId.value === 'reset' ? 'reset' : 'enable' });
      error.value = null;
    } catch (e) {
      command.value = null;
      error.value = errorText(e);
    }
  }

  async function choose(id: string): Promise<void> {
    presetId.value = id;
    await refreshCommand();
  }

  async function toggleDriver(name: string): Promise<void> {
    drivers.value = drivers.value.includes(name) ? drivers.value.filter((d) => d !== name) : [...drivers.value, name];
    await refreshCommand();
  }

  async function run(): Promise<void> {
    try {
      lastRun.value = await api().verifier.run({ preset: presetId.value, drivers: drivers.value, action: presetId.value === 'reset' ? 'reset' : 'enable' });
    } catch (e) {
      error.value = errorText(e);
    }
  }

  return { presets, presetId, preset, drivers, command, state, lastRun, error, load, choose, toggleDriver, run, refreshCommand };
});
