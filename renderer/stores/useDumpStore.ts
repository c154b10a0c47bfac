import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AnalysisReport } from '../../shared/analysis/report';
import type { CommandOutput, DumpSessionInfo, SessionProgress } from '../../shared/api';
import { api, errorText } from '../api';

/** Console history is kept per dump file, like WinDbg's per-workspace history. */
const HISTORY_KEY = 'dumpdesk.console.';
const HISTORY_MAX = 200;

function loadHistory(path: string): string[] {
  try {
    const raw = globalThis.localStorage?.getItem(HISTORY_KEY + path);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(-HISTORY_MAX) : [];
  } catch {
    return [];
  }
}

function saveHistory(path: string, lines: string[]): void {
  try {
    globalThis.localStorage?.setItem(HISTORY_KEY + path, JSON.stringify(lines.slice(-HISTORY_MAX)));
  } catch {
    // Storage full or disabled: history is a convenience, not data.
  }
}

/** The open dump: its session, the analysis, and the console. */
export const useDumpStore = defineStore('dump', () => {
  const session = ref<DumpSessionInfo | null>(null);
  const report = shallowRef<AnalysisReport | null>(null);
  const outputs = shallowRef<CommandOutput[]>([]);
  const history = ref<string[]>([]);
  const busy = ref<null | 'open' | 'analyze' | 'command'>(null);
  const progress = ref<SessionProgress | null>(null);
  const error = ref<string | null>(null);

  async function open(path: string): Promise<void> {
    if (session.value) await close();
    busy.value = 'open';
    error.value = null;
    try {
      session.value = await api().dump.open(path);
      history.value = loadHistory(path);
      outputs.value = [];
      busy.value = 'analyze';
      report.value = await api().dump.analyze(session.value.sessionId);
    } catch (e) {
      error.value = errorText(e);
    } finally {
      busy.value = null;
      progress.value = null;
    }
  }

  async function close(): Promise<void> {
    const s = session.value;
    session.value = null;
    report.value = null;
    outputs.value = [];
    if (s) await api().dump.close(s.sessionId).catch(() => undefined);
  }

  /** Runs one console line; `.cls` clears the output pane. */
  async function run(line: string): Promise<CommandOutput | undefined> {
    const s = session.value;
    const trimmed = line.trim();
    if (!s || !trimmed) return undefined;
    if (history.value[history.value.length - 1] !== trimmed) {
      history.value = [...history.value, trimmed].slice(-HISTORY_MAX);
      saveHistory(s.file.path, history.value);
    }
    busy.value = 'command';
    try {
      const out = await api().dump.runCommand(s.sessionId, trimmed);
      outputs.value = out.clear ? [] : [...outputs.value, out];
      return out;
    } catch (e) {
      const out: CommandOutput = { line: trimmed, text: errorText(e), spans: [{ start: 0, length: errorText(e).length, kind: 'error' }] };
      outputs.value = [...outputs.value, out];
      return out;
    } finally {
      busy.value = null;
    }
  }

  async function cancel(): Promise<void> {
    if (session.value) await api().dump.cancel(session.value.sessionId);
  }

  function onProgress(p: SessionProgress): void {
    if (session.value && p.sessionId !== session.value.sessionId) return;
    progress.value = p;
  }

  return { session, report, outputs, history, busy, progress, error, open, close, run, cancel, onProgress };
});
