import { defineCommand } from '../command';
import { CommandError } from '../errors';
import { ptr } from '../format';
import { matchesWildcard } from '../../wildcard';

export const ln = defineCommand({
  name: 'ln',
  family: 'Modules',
  syntax: 'ln Address',
  summary: 'list the nearest symbol (or module+offset) of an address',
  help: 'Example: ln @eip, ln poi(@esp)',
  run({ session: s, out, args, evaluate }) {
    const a = args.trim();
    const at = a ? evaluate(a) : s.registers()?.ip;
    if (at === undefined) throw new CommandError('Usage: ln Address');
    const sym = s.symbolize(at);
    if (!sym.module) throw new CommandError(`No module contains ${ptr(at, s.is64)}`);
    out.text(`(${ptr(at, s.is64)})   `).link(sym.text, 'symbol', `0x${at.toString(16)}`).line();
    if (!sym.text.includes('+')) out.line('Exact matches:');
  },
});

export const x = defineCommand({
  name: 'x',
  family: 'Modules',
  syntax: 'x Module!Pattern',
  summary: 'list the symbols of a module that match a pattern',
  help: 'Pattern uses * and ? (case-insensitive). Needs a symbol source that can list symbols.\nExample: x test_app!*Crash*',
  run({ session: s, out, args }) {
    const a = args.trim();
    const bang = a.indexOf('!');
    if (bang <= 0) throw new CommandError('Usage: x Module!Pattern');
    const pattern = a.slice(bang + 1) || '*';
    const mods = s.modules().filter((m) => matchesWildcard(m.name, a.slice(0, bang)));
    if (!mods.length) throw new CommandError(`Couldn't resolve error at '${a}': no module matches '${a.slice(0, bang)}'`);
    for (const m of mods) {
      const list = s.symbols?.listSymbols?.(m.module);
      if (!list) {
        out.line(`${m.name}: no symbols loaded (the session has no symbol source that lists symbols)`);
        continue;
      }
      for (const sym of list) {
        if (!matchesWildcard(sym.name, pattern)) continue;
        const at = m.start + BigInt(sym.rva);
        out.link(ptr(at, s.is64), 'address', `0x${at.toString(16)}`).text(' ').link(`${m.name}!${sym.name}`, 'symbol', `0x${at.toString(16)}`).line();
      }
    }
  },
});
