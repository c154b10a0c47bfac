// Every .reg file in ../shared/corpus/reg parses; the ones regedit wrote
// (UTF-16LE with BOM) come back byte for byte, which pins down regedit's
// hex line-wrapping rule (shared/formats/regfile/hexLines.ts).
import { describe, expect, it } from 'vitest';
import { formatRegText, parseRegFile, parseRegText, writeRegFile } from '../../shared/formats/regfile/index';
import { listCorpus, readCorpus } from '../helpers/corpus';

const files = listCorpus('reg');
const regeditExports = [
  'kirillosenkov_dotfiles_LocalDumps.reg',
  'lowleveldesign_debug-recipes_aedebug-procdump.reg',
  'lowleveldesign_debug-recipes_install-vs-as-default-debugger.reg',
  'lowleveldesign_debug-recipes_wer-default.reg',
  'lowleveldesign_debug-recipes_wer_disabled_noui.reg',
  'lowleveldesign_debug-recipes_windbg-mytheme.reg',
];

describe('corpus .reg files', () => {
  it('has the files this test expects', () => {
    expect(files.length).toBe(10);
    for (const f of regeditExports) expect(files).toContain(f);
  });

  it.each(regeditExports)('%s: parse → write is byte-identical', (name) => {
    const bytes = readCorpus('reg', name);
    const doc = parseRegFile(bytes);
    expect(doc.layout.encoding).toBe('utf16le-bom');
    expect(doc.version).toBe('5.00');
    expect(Buffer.from(writeRegFile(doc)).equals(Buffer.from(bytes))).toBe(true);
  });

  it.each(files)('%s: parse → write → parse is identity', (name) => {
    const doc = parseRegFile(readCorpus('reg', name));
    expect(parseRegFile(writeRegFile(doc))).toEqual(doc);
  });

  it('the CrashControl export quoted as UTF-8 text (regedit output, LF) is reproduced exactly', () => {
    const bytes = readCorpus('reg', 'lowleveldesign_debug-recipes_aedebug-md_CrashControl-export.utf8.reg.txt');
    const doc = parseRegFile(bytes);
    expect(doc.layout).toEqual({ encoding: 'utf8', newline: '\n', ending: 'newline' });
    expect(Buffer.from(writeRegFile(doc)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('PerceivedType.reg (hand-assembled) differs only by the trailing space after one key line', () => {
    const bytes = readCorpus('reg', 'kirillosenkov_dotfiles_PerceivedType.reg');
    const text = Buffer.from(bytes.subarray(2)).toString('utf16le');
    const doc = parseRegFile(bytes);
    expect(formatRegText(doc)).toBe(text.replace('d564250836f}] \r\n', 'd564250836f}]\r\n'));
    expect(formatRegText(doc)).not.toBe(text);
  });

  it('the hand-written CrashControl tweak keeps its values; its comment line is not kept', () => {
    const bytes = readCorpus('reg', 'cynar2k_tweaks_CrashControl.utf8.reg.txt');
    const doc = parseRegFile(bytes);
    expect(formatRegText(doc)).toBe(
      'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\CrashControl]\n"AutoReboot"=dword:00000000\n',
    );
    expect(parseRegText(formatRegText(doc))).toEqual(doc);
  });
});
