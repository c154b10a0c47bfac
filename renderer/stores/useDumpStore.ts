import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AnalysisReport } from '../../shared/analysis/report';
import type { CommandOutput, DumpSessionInfo, SessionProgress } from '../../shared/api';
import { api, errorText } from '../api';
import { filterNames, SYMBOL_COMPLETION_LIMIT } from '../console/windbgCommands';

/** Names offered after `mod!`; `complete` is false when more names match than are shown (typing more narrows them). */
export interface SymbolCompletion {
  names: string[];
  complete: boolean;
}

/**
 * How many names one ask fetches (the contract's maximum): more than are shown, so
 * the next keystrokes narrow a complete answer here instead of asking again.
 */
const SYMBOL_FETCH_LIMIT = 1000;

/** One answer of the engine for a (lower-cased) prefix, kept while the dump is open. */
interface AskedPrefix {
  prefix: string;
  /** Up to SYMBOL_FETCH_LIMIT names; `complete` when that was all of them. */
  answer: Promise<SymbolCompletion>;
}

/**
 * Whether an answer for a shorter prefix holds every name starting with `prefix` (lower-cased):
 * it is complete, or — names come sorted without case — it was cut after all of them.
 */
function covers(answer: SymbolCompletion, prefix: string): boolean {
  if (answer.complete) return true;
  const last = answer.names[answer.names.length - 1]?.toLowerCase();
  return last !== undefined && last > prefix && !last.startsWith(prefix);
}

/** What the console shows of the names matching `prefix` in an answer for it or for a shorter prefix. */
function shown(answer: SymbolCompletion, prefix: string): SymbolCompletion {
  const names = filterNames(answer.names, prefix);
  return { names: names.slice(0, SYMBOL_COMPLETION_LIMIT), complete: covers(answer, prefix) && names.length <= SYMBOL_COMPLETION_LIMIT };
}

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
  /**
   * Symbol completion answers per (session, module): typing on after `ntdll!Rtl` narrows a
   * complete answer here instead of asking the engine again. Plain (not reactive): nothing renders it.
   */
  const symbolAnswers = new Map<string, AskedPrefix[]>();

  async function open(path: string): Promise<void> {
    if (session.value) await close();
    symbolAnswers.clear();
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
    symbolAnswers.clear();
    if (s) await api().dump.close(s.sessionId).catch(() => undefined);
  }

  /**
   * The symbols of `module` (as typed after the command: "ntdll", "test_app.exe") whose
   * names start with `prefix`, without case, sorted by name, at most SYMBOL_COMPLETION_LIMIT.
   * Answers are kept per (dump, module): the engine is asked at most once per prefix and
   * never for a prefix an earlier answer covers; an empty module part asks nothing.
   */
  async function completeSymbols(module: string, prefix: string): Promise<SymbolCompletion> {
    const s = session.value;
    if (!s || !module) return { names: [], complete: true };
    const key = `${s.sessionId}\u0000${module.toLowerCase()}`;
    const p = prefix.toLowerCase();
    let asked = symbolAnswers.get(key);
    if (!asked) symbolAnswers.set(key, (asked = []));
    const same = asked.find((a) => a.prefix === p);
    if (same) return shown(await same.answer, p);
    // Longest shorter prefix first: its answer is the smallest to narrow.
    for (const a of asked.filter((x) => p.startsWith(x.prefix)).sort((x, y) => y.prefix.length - x.prefix.length)) {
      const r = await a.answer;
      if (covers(r, p)) return shown(r, p);
    }
    const entry: AskedPrefix = {
      prefix: p,
      // A full answer may have been cut at the limit: only a shorter one is known complete.
      answer: api().dump.completeSymbols(s.sessionId, module, prefix, SYMBOL_FETCH_LIMIT).then(
        (names) => ({ names, complete: names.length < SYMBOL_FETCH_LIMIT }),
        () => {
          // Not cached: the next keystroke may ask again (the engine was busy or restarted).
          const list = symbolAnswers.get(key);
          const at = list ? list.indexOf(entry) : -1;
          if (at >= 0) list!.splice(at, 1);
          return { names: [], complete: false };
        },
      ),
    };
    asked.push(entry);
    return shown(await entry.answer, p);
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

  return { session, report, outputs, history, busy, progress, error, open, close, run, cancel, onProgress, completeSymbols };
});
