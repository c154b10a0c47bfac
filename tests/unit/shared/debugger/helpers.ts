// Engines over corpus or synthetic dumps for the debugger tests, with the
// CLI's providers (iced-x86, shared/analysis walker and report).
import { cliSessionOptions } from '../../../../electron/cli/commands/run';
import { MemoryByteSource } from '../../../../shared/bytes/byteSource';
import { DebuggerEngine } from '../../../../shared/debugger/engine';
import { DebugSession, type DebuggerSymbols } from '../../../../shared/debugger/session';
import { openDump } from '../../../../shared/dump/openDump';
import { readCorpus } from '../../../helpers/corpus';

export function engineFor(bytes: Uint8Array, path = '(test)', symbols?: DebuggerSymbols): DebuggerEngine {
  const dump = openDump(new MemoryByteSource(bytes));
  return new DebuggerEngine(new DebugSession(dump, { ...cliSessionOptions(path), ...(symbols ? { symbols } : {}) }));
}

export function corpusEngine(folder: 'user' | 'kernel', name: string): DebuggerEngine {
  return engineFor(readCorpus(folder, name), `${folder}/${name}`);
}

/** The text of one command (the first if the line has several). */
export function run(engine: DebuggerEngine, line: string): string {
  return engine.execute(line).map((r) => r.text).join('');
}
