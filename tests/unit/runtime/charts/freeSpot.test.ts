import { describe, expect, it } from 'vitest';
import { freeSpot, segmentHitsBox, stepAfter } from '../../../../src/runtime/charts/freeSpot.ts';

const box = { left: 0, right: 10, top: 0, bottom: 10 };

describe('segmentHitsBox', () => {
  it('sees segments that cross, touch or lie inside a box, and misses those that pass by', () => {
    expect(segmentHitsBox({ x: -5, y: 5 }, { x: 15, y: 5 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 2, y: 2 }, { x: 3, y: 3 }, box)).toBe(true);
    expect(segmentHitsBox({ x: -5, y: -5 }, { x: 15, y: 15 }, box)).toBe(true);
    expect(segmentHitsBox({ x: -5, y: 20 }, { x: 20, y: 12 }, box)).toBe(false);
    expect(segmentHitsBox({ x: 11, y: -5 }, { x: 11, y: 20 }, box)).toBe(false);
  });
});

describe('freeSpot', () => {
  const frame = { left: 0, right: 100, top: 0, bottom: 100 };

  it('puts a label above-right of its anchor when that is free', () => {
    expect(freeSpot([{ x: 50, y: 50 }], { w: 20, h: 10 }, frame, [])).toEqual({ left: 54, right: 74, top: 36, bottom: 46 });
  });

  it('moves below, then to the left, then to the next anchor when a line or a label is in the way', () => {
    const line = [
      { x: 0, y: 40 },
      { x: 100, y: 40 },
    ];
    expect(freeSpot([{ x: 50, y: 50 }], { w: 20, h: 10 }, frame, [line])).toEqual({ left: 54, right: 74, top: 54, bottom: 64 });
    const taken = [{ left: 50, right: 80, top: 50, bottom: 70 }];
    expect(freeSpot([{ x: 50, y: 50 }], { w: 20, h: 10 }, frame, [line], taken)).toEqual({ left: 26, right: 46, top: 54, bottom: 64 });
  });

  it('keeps labels inside the frame and gives up when nothing fits', () => {
    expect(freeSpot([{ x: 98, y: 2 }], { w: 20, h: 10 }, frame, [])).toEqual({ left: 74, right: 94, top: 6, bottom: 16 });
    expect(freeSpot([{ x: 50, y: 50 }], { w: 200, h: 10 }, frame, [])).toBeNull();
  });

  it('follows a step-after line through its corners', () => {
    expect(
      stepAfter([
        { x: 0, y: 0 },
        { x: 1, y: 5 },
        { x: 2, y: 6 },
      ]),
    ).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 5 },
      { x: 2, y: 5 },
      { x: 2, y: 6 },
    ]);
  });
});
