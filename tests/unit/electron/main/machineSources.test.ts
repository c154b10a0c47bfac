import { describe, expect, it } from 'vitest';
import { machineDumpSources } from '../../../../electron/main/backend/machineSources';

describe('machineDumpSources', () => {
  it('finds nothing of its own off Windows, without touching a registry', async () => {
    let opened = false;
    const found = await machineDumpSources(async () => ((opened = true), { readKey: async () => undefined, listSubkeys: async () => [] }), 'linux', {})();
    expect(found).toEqual([]);
    expect(opened).toBe(false);
  });
});
