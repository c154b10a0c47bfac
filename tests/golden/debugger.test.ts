// Golden output of the debugger commands on corpus dumps. Each golden file
// (tests/golden/<dump>/<command>.txt) was written by this test with
// UPDATE_GOLDEN=1 and then read line by line against WinDbg's layout
// (../shared/corpus/expected/083125-14875-01.windbg.*.txt for real WinDbg
// output; WinDbg's documented formats otherwise). A change in output shows
// up here as a diff to review, never silently.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../shared/debugger/commands/index';
import { kernelExtensionNames } from '../../shared/debugger/commands/kernel';
import { ownKernelCommands } from '../../shared/debugger/commands/kernelCommands';
import { CommandRegistry } from '../../shared/debugger/registry';
import { corpusEngine } from '../unit/shared/debugger/helpers';

const here = dirname(fileURLToPath(import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

/** "lm t n" → "lm_t_n", "||" → "pipepipe", "~*k" → "tilde_star_k": file-system safe, readable, distinct. */
function fileName(cmd: string): string {
  const words: Record<string, string> = { '|': 'pipe', '~': 'tilde', '?': 'q', '*': 'star', '!': 'bang', '.': 'dot', '@': 'at', '$': 'dollar', '-': 'minus', '"': 'quote' };
  return cmd.replace(/[|~?*!.@$"-]/g, (c) => `_${words[c]}_`).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

const USER_COMMANDS = [
  'vertarget', '||', '|', '.time', '.lastevent', 'lm', 'lm t n', 'lm kv', 'lm u', 'lm m k*', '~', '~*', 'r', '.ecxr',
  '.ecxr; kb', '.ecxr; kc', '.exr -1', '.ecxr; u', '.ecxr; ub', 'k', 'dd @esp L10', 'db @$csp L40', 'dps @$csp L8', 'dq @$csp L4',
  '!address', '!teb', '!peb', '!handle', '!runaway 7', '!gle', '!error c0000005', '!error 5', '? poi(@$csp)', '!process 0 0',
  '.bugcheck', 'lm -?', 's -a @$csp L100 "A"',
];

const CASES: [folder: 'user' | 'kernel', dump: string, commands: string[]][] = [
  ['user', 'test.dmp', [
    ...USER_COMMANDS, 'lmvm test_app', '.help', '!lmi test_app', 'ln @eip', '.ecxr; .frame 1', 'x test_app!*', 'dw @esp L8',
    'da 0012f54e', 'du 0012f54e', 'dds @esp L4', 'dqs @esp L2', 'dp @esp L4', '?? 1', '?? *(unsigned short*)@esp', '?? (unsigned __int64)-1 >> 4', '.sympath', '.reload', '.cls', 'uf 7c90eb94',
    '.cxr 0', '.ecxr; .cxr', '.formats 0n1234', 'q', 'k = 0012f398 0012f38c 7c802532', 'kb = 0012f398 0012f38c 7c802532 2',
  ]],
  ['user', 'rizinorg_calc.dmp', [...USER_COMMANDS, 'lmvm calc', '~2s', '~*k', 'k = 03a7ff10 77812c88 3']],
  ['user', 'zuohuiyang_electron.dmp', ['~', '!handle', '!handle 4 f', '!address @rsp', 'lm m electron', '.ecxr; kb', '.exr -1', 'vertarget']],
  ['user', 'tiny-exe-with-cet-xsave.dmp', ['r', 'u @rip L5', '!teb', '!peb', '!address', '!runaway 7', 'lmvm tiny']],
  ['user', 'stack_exhaustion.dmp', ['uf crashme+0xa610', 'uf /c crashme+0xa680', 'uf /i crashme+0xa610', 'u crashme+0xa680 L8', 'ub crashme+0xa6a7 L4']],
  ['user', 'tiny-exe-fastfail.dmp', ['uf tiny+0x1af50', '.ecxr; uf @rip']],
  ['kernel', 'rizinorg_triage_arm64.dmp', ['u @pc L4', 'ub @pc L4', 'uf @pc', 'uf /c @pc']],
  ['kernel', '083125-14875-01.dmp', [
    'lm t n', 'kv', 'r', '.bugcheck', 'vertarget', '||', '.lastevent', '!peb', 'lm kv m ntfs*', 'x nt!Ke*',
    // Every kernel extension, with the reason a small dump gives (or WinDbg's own first line).
    // The kernel commands with real decoders (shared/debugger/kernel/), on the same dump.
    ...new Set([...kernelExtensionNames, ...ownKernelCommands.map((c) => c.name)]), '!thread ffffd20bfc13c080', '!process 0 0', '!process ffffd20bfc53e080 7', '!irp ffffd20bfd87f6f0',
    '!sysinfo cpuinfo', '!sysinfo cpuspeed', '!sysinfo machineid', '!sysinfo smbios', '!verifier 80',
  ]],
];

describe.each(CASES)('%s/%s', (folder, dump, commands) => {
  it.each(commands)('%s', (cmd) => {
    const engine = corpusEngine(folder, dump);
    const text = engine.execute(cmd).map((r) => r.text).join('');
    const file = join(here, dump.replace(/\.dmp$/, ''), `${fileName(cmd)}.txt`);
    if (update) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    expect(existsSync(file), `${file} missing: run UPDATE_GOLDEN=1 npx vitest run tests/golden and review the new file`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe('coverage', () => {
  it('every registered command has at least one golden file', () => {
    const registry = new CommandRegistry(allCommands);
    const covered = new Set<string>();
    for (const [, , commands] of CASES) {
      for (const line of commands) {
        for (const part of line.split(';')) {
          const r = registry.resolve(part.trim());
          if ('def' in r) covered.add(r.def.name);
        }
      }
    }
    // !analyze prints shared/analysis's report, whose own golden tests live with it; here it is
    // checked for its key lines instead (below).
    const missing = allCommands.map((c) => c.name).filter((n) => !covered.has(n) && n !== '!analyze');
    expect(missing).toEqual([]);
  });
  it('!analyze and !analyze -v print the analysis report of shared/analysis', () => {
    const engine = corpusEngine('user', 'test.dmp');
    const short = engine.execute('!analyze')[0]!;
    expect(short.ok).toBe(true);
    expect(short.text).toMatch(/^FAILURE_BUCKET_ID: +\S+/m);
    expect(short.text).toContain('Use !analyze -v for the full report.');
    const full = engine.execute('!analyze -v')[0]!.text;
    expect(full).toMatch(/^STACK_TEXT:/m);
    expect(full).toMatch(/^PROCESS_NAME: +test_app\.exe/m);
  });
});
