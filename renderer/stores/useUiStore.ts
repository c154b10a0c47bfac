import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppView } from '../../shared/api';

export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'crash';
  text: string;
  /** Optional action the toast offers ("Open"). */
  action?: { label: string; run: () => void };
}

/** Which page is shown, and the toasts on top of it. */
export const useUiStore = defineStore('ui', () => {
  const view = ref<AppView>('history');
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function show(v: AppView): void {
    view.value = v;
  }

  function toast(kind: Toast['kind'], text: string, action?: Toast['action'], ttlMs = 8000): number {
    const id = nextId++;
    toasts.value.push({ id, kind, text, ...(action ? { action } : {}) });
    if (ttlMs > 0) setTimeout(() => dismiss(id), ttlMs);
    return id;
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  return { view, toasts, show, toast, dismiss };
});
