import { describe, expect, it } from 'vitest';
import { bufferStock } from '../src/pool/bufferStock.ts';

describe('bufferStock', () => {
  it('hands out the smallest spare that fits, as a view of exactly the asked length, and a new buffer when none fits', () => {
    const stock = bufferStock(3);
    const small = new ArrayBuffer(80);
    const big = new ArrayBuffer(800);
    stock.give(big);
    stock.give(small);
    const a = stock.take(5);
    expect(a.buffer).toBe(small);
    expect(a.length).toBe(5);
    const b = stock.take(10);
    expect(b.buffer).toBe(big);
    expect(b.length).toBe(10);
    const c = stock.take(10);
    expect(c.buffer).not.toBe(big);
    expect(c.buffer.byteLength).toBe(80);
    expect(stock.size).toBe(0);
  });

  it('keeps at most cap spares (dropping the smallest), none above maxBytes, no detached or repeated ones', () => {
    const stock = bufferStock(2, 1000);
    const sizes = [100, 300, 200];
    const buffers = sizes.map((s) => new ArrayBuffer(s));
    for (const b of buffers) stock.give(b);
    expect(stock.size).toBe(2);
    expect(stock.take(10).buffer).toBe(buffers[2]); // 200: the 100 was dropped
    stock.give(new ArrayBuffer(2000));
    stock.give(buffers[1]);
    expect(stock.size).toBe(1);
    stock.give(new ArrayBuffer(0)); // what a transferred-away buffer looks like
    expect(stock.size).toBe(1);
  });
});
