// Per command family: median time of one command on corpus dumps, in one
// process (engine and dump already open), so console latency is visible.
import { readFileSync } from 'node:fs';
import { cliSessionOptions } from '../electron/cli/commands/run';
import { MemoryByteSource } from '../shared/bytes/byteSource';
import { DebuggerEngine } from '../shared/debugger/engine';
import { DebugSession } from '../shared/debugger/session';
import { openDump } from '../shared/dump/openDump';
import { corpusPath } from '../tests/helpers/corpus';

const DUMPS = ['user/test.dmp', 'user/rizinorg_calc.dmp', 'user/zuohuiyang_electron.dmp', 'kernel/083125-14875-01.dmp'];
const COMMANDS = ['lm', 'lm t n', '~', 'r', 'k', 'kv', 'dps @$csp L40', 'u @$ip L20', 'uf @$ip', '!address', '? poi(@$csp)+10', '?? (int)@$csp / 3 + sizeof(long)', '.exr -1', '!analyze -v', '!process 0 0', '!prcb', '!sysinfo cpuinfo'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export default async function (): Promise<void> {
  const rows: string[][] = [['command', ...DUMPS.map((d) => d.split('/')[1]!.replace('.dmp', ''))]];
  const engines = DUMPS.map((d) => {
    const [folder, name] = d.split('/') as [string, string];
    const dump = openDump(new MemoryByteSource(new Uint8Array(readFileSync(corpusPath(folder, name)))));
    return new DebuggerEngine(new DebugSession(dump, cliSessionOptions(d)));
  });
  for (const cmd of COMMANDS) {
    const row = [cmd];
    for (const engine of engines) {
      const times: number[] = [];
      const runs = cmd.startsWith('!analyze') ? 5 : 30;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        engine.execute(cmd);
        times.push((performance.now() - t0) * 1000);
      }
      row.push(median(times).toFixed(0));
    }
    rows.push(row);
  }
  process.stdout.write('median µs per command (engine open, dump in memory)\n\n');
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) process.stdout.write(r.map((x, c) => (c === 0 ? x.padEnd(w[c]!) : x.padStart(w[c]!))).join('  ') + '\n');
}
