// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CommandOutput from '../../../../renderer/components/CommandOutput.vue';

describe('CommandOutput', () => {
  it('turns spans into buttons that run their follow-up command', async () => {
    const text = 'fffff807`5bc0e000 fffff807`5cc54000   nt';
    const w = mount(CommandOutput, {
      props: {
        output: {
          line: 'lm',
          text,
          spans: [
            { start: 0, length: 17, kind: 'address', command: 'u fffff807`5bc0e000' },
            { start: text.indexOf('nt'), length: 2, kind: 'module', command: 'lmv m nt' },
          ],
        },
      },
    });
    const links = w.findAll('button.span-link');
    expect(links.map((b) => b.text())).toEqual(['fffff807`5bc0e000', 'nt']);
    expect(w.find('pre').text()).toBe(text);
    await links[1]!.trigger('click');
    expect(w.emitted('run')).toEqual([['lmv m nt']]);
  });
  it('ignores spans outside the text instead of breaking the output', () => {
    const w = mount(CommandOutput, { props: { output: { line: 'k', text: 'abc', spans: [{ start: 2, length: 10, kind: 'address', command: 'x' }] } } });
    expect(w.find('pre').text()).toBe('abc');
    expect(w.findAll('button')).toHaveLength(0);
  });
});
