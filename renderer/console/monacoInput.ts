/**
 * The Monaco glue of the console input: a one-line editor with the `windbg`
 * language (colouring from windbgCommands.tokenizeLine, completion of command
 * and module names, and of symbol names after `mod!` from the engine; Tab
 * takes one), history on ↑/↓, Enter / Ctrl+Enter to run. Loaded lazily by ConsolePane so
 * the history page never pays for Monaco.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
// editor.api.js is the bare editor: the suggest widget (completion popup, Tab/Enter to accept) is a contribution of its own.
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import { useDumpStore, type SymbolCompletion } from '../stores/useDumpStore';
import { completions, symbolLabels, symbolWord, tokenizeLine } from './windbgCommands';

export interface ConsoleEditorOptions {
  onRun(line: string): void;
  history(): readonly string[];
  modules(): readonly string[];
  /** Symbol names of a module by prefix; default: the dump store's cached engine answers. */
  symbols?(module: string, prefix: string): Promise<SymbolCompletion>;
  dark: boolean;
}

export interface ConsoleEditor {
  focus(): void;
  setValue(v: string): void;
  dispose(): void;
}

let registered = false;
/** The options of the editor created last: the language is registered once, the console may be recreated. */
let current: ConsoleEditorOptions | undefined;

function registerLanguage(): void {
  if (registered) return;
  registered = true;
  (globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = { getWorker: () => new EditorWorker() };
  monaco.languages.register({ id: 'windbg' });
  monaco.languages.setTokensProvider('windbg', {
    getInitialState: () => ({ clone() { return this; }, equals: () => true }),
    tokenize(line, state) {
      const tokens: monaco.languages.IToken[] = [];
      // Commands after `;` start a new command: tokenize each part.
      let offset = 0;
      for (const part of line.split(';')) {
        for (const t of tokenizeLine(part)) tokens.push({ startIndex: offset + t.start, scopes: `windbg.${t.kind}` });
        offset += part.length + 1;
      }
      return { tokens, endState: state };
    },
  });
  monaco.languages.registerCompletionItemProvider('windbg', {
    // `ntdll!` opens the symbol list at once, as WinDbg users expect after the module name.
    triggerCharacters: ['!'],
    async provideCompletionItems(model, position, context) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const sym = symbolWord(line);
      if (sym) {
        // `mod!prefix`: the module's symbols, each replacing the whole word with `mod!name`.
        const symbols = current?.symbols ?? ((m: string, p: string) => useDumpStore().completeSymbols(m, p));
        const { names, complete } = await symbols(sym.module, sym.prefix);
        const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: sym.start + 1, endColumn: position.column };
        return {
          suggestions: symbolLabels(sym, names).map((label, i) => ({
            label, kind: monaco.languages.CompletionItemKind.Function, insertText: label, filterText: label, sortText: String(i).padStart(4, '0'), range,
          })),
          // More names than shown: ask again as the prefix grows (the store answers narrowed prefixes itself when it can).
          incomplete: !complete,
        };
      }
      // `!` at the start of a line is an extension command: no popup from the trigger alone.
      if (context.triggerKind === monaco.languages.CompletionTriggerKind.TriggerCharacter) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      return {
        suggestions: completions(line, current?.modules() ?? []).map((label) => ({ label, kind: monaco.languages.CompletionItemKind.Function, insertText: label, range })),
      };
    },
  });
  const rules = (base: 'vs' | 'vs-dark'): monaco.editor.ITokenThemeRule[] => [
    { token: 'windbg.command', foreground: base === 'vs' ? '0000c0' : '7fb4ff', fontStyle: 'bold' },
    { token: 'windbg.address', foreground: base === 'vs' ? '8a3f00' : 'e0a060' },
    { token: 'windbg.register', foreground: base === 'vs' ? '007a5e' : '5fd7af' },
    { token: 'windbg.symbol', foreground: base === 'vs' ? '6f00a8' : 'd7a0ff' },
    { token: 'windbg.option', foreground: base === 'vs' ? '555555' : 'aaaaaa' },
  ];
  monaco.editor.defineTheme('windbg-light', { base: 'vs', inherit: true, rules: rules('vs'), colors: {} });
  monaco.editor.defineTheme('windbg-dark', { base: 'vs-dark', inherit: true, rules: rules('vs-dark'), colors: {} });
}

export function createConsoleEditor(el: HTMLElement, opts: ConsoleEditorOptions): ConsoleEditor {
  current = opts;
  registerLanguage();
  const editor = monaco.editor.create(el, {
    value: '',
    language: 'windbg',
    theme: opts.dark ? 'windbg-dark' : 'windbg-light',
    minimap: { enabled: false },
    lineNumbers: 'off',
    glyphMargin: false,
    folding: false,
    scrollBeyondLastLine: false,
    wordWrap: 'off',
    fontFamily: 'ui-monospace, Consolas, "DejaVu Sans Mono", monospace',
    fontSize: 13,
    automaticLayout: true,
    renderLineHighlight: 'none',
    overviewRulerLanes: 0,
    ariaLabel: 'Debugger command',
    accessibilitySupport: 'on',
    // As in WinDbg: Tab takes a completion, Enter always runs the line as typed (`k` must not become `kb`).
    acceptSuggestionOnEnter: 'off',
    tabCompletion: 'off',
  });
  let cursor = -1; // index into history while browsing with ↑/↓
  const run = () => {
    const line = editor.getValue().trim();
    if (!line) return;
    cursor = -1;
    editor.setValue('');
    opts.onRun(line);
  };
  editor.addCommand(monaco.KeyCode.Enter, run);
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, run);
  const browse = (dir: -1 | 1) => {
    const h = opts.history();
    if (h.length === 0) return;
    cursor = cursor === -1 ? (dir === -1 ? h.length - 1 : -1) : cursor + dir;
    if (cursor >= h.length) cursor = -1;
    cursor = Math.max(-1, cursor);
    editor.setValue(cursor === -1 ? '' : h[cursor]!);
    editor.setPosition({ lineNumber: 1, column: editor.getValue().length + 1 });
  };
  editor.addCommand(monaco.KeyCode.UpArrow, () => browse(-1), '!suggestWidgetVisible');
  editor.addCommand(monaco.KeyCode.DownArrow, () => browse(1), '!suggestWidgetVisible');
  return {
    focus: () => editor.focus(),
    setValue: (v) => editor.setValue(v),
    dispose: () => editor.dispose(),
  };
}
