// `dumpdesk info` and `dumpdesk analyze` on the real kernel dumps: the raw
// header fields with offsets (checked against rizin's `iH` for the ARM64 dump)
// and the exit codes.
import { describe, expect, it } from 'vitest';
import { infoCommand } from '../../electron/cli/commands/info';
import { runCli } from '../helpers/cli';
import { corpusPath, readExpected } from '../helpers/corpus';

const run = (args: string[]) => runCli(args, infoCommand.run);

describe('dumpdesk info on kernel dumps', () => {
  it('prints DUMP_HEADER64 and TRIAGE_DUMP64 fields with the values rizin `iH` shows', async () => {
    const r = await run([corpusPath('kernel', 'rizinorg_triage_arm64.dmp')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const rizin = readExpected('rizinorg_triage_arm64.rizin.txt');
    for (const name of ['MinorVersion', 'DirectoryTableBase', 'PsLoadedModuleList', 'MachineImageType', 'NumberProcessors', 'BugCheckParameter2', 'KdDebuggerDataBlock', 'DriverCount', 'TopOfStack', 'DataBlocksOffset']) {
      const want = BigInt(new RegExp(`^\\s+${name} : (0x[0-9a-f]+)`, 'm').exec(rizin)![1]!);
      const got = new RegExp(`^ {2}\\+0x[0-9a-f]{4} \\[0x[0-9a-f]{5}\\] ${name}\\s+(0x[0-9a-f]+)`, 'm').exec(r.out);
      expect(got, name).not.toBeNull();
      expect(BigInt(got![1]!), name).toBe(want);
    }
    expect(r.out).toMatch(/^drivers: 245$/m);
  });

  it('the x64 dump: header offsets as kdmp-parser asserts them and the triage layout', async () => {
    const r = await run([corpusPath('kernel', '083125-14875-01.dmp')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^kernel dump: kernel-small, PAGEDU64, amd64, layout triage$/m);
    expect(r.out).toMatch(/^ {2}\+0x0038 \[0x00038\] BugCheckCode\s+0x0000004a$/m);
    expect(r.out).toMatch(/^ {2}\+0x1050 \[0x01050\] Attributes\s+0x00000008$/m);
    expect(r.out).toMatch(/^PHYSICAL_MEMORY_DESCRIPTOR \(file offset 0x88\): 3 runs/m);
  });
});
