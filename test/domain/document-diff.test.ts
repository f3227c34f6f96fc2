import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/domain/document-diff.ts';

describe('describeChanges', () => {
  it('names changed, added and removed fields, matching commitments by key, not position', () => {
    const before = {
      title: 'A',
      commitments: [
        { key: 'x', targets: [{ value: 3 }] },
        { key: 'y', title: 'Y' },
      ],
    };
    const after = {
      title: 'B',
      commitments: [
        { key: 'y', title: 'Y' },
        { key: 'x', targets: [{ value: 4 }] },
      ],
      footnote: 'n',
    };
    expect(describeChanges(before, after)).toEqual([
      'title: ”A” → ”B”',
      'commitments[x].targets[0].value: 3 → 4',
      'footnote: + ”n”',
    ]);
  });

  it('says nothing for equal documents and shortens long values', () => {
    expect(describeChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    const [line] = describeChanges({ text: 'x' }, { text: 'y'.repeat(200) });
    expect(line?.length).toBeLessThan(80);
    expect(line?.endsWith('…')).toBe(true);
  });
});
