import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { csvParse } from 'd3-dsv';
import { RandomState, matmul } from '@lora-rank/core';
import { npyBytes, safetensorsBytes, type FixtureTensor } from '../../packages/core/test/ioFixtures.ts';
import { runJob } from '../../src/analyze/runJob.ts';
import { cellText } from '../../src/analyze/table.ts';
import type { AnalysisJob, AnalysisRow } from '../../src/analyze/types.ts';
import { expect, test } from './guard.ts';
import { downloadCsv } from './downloadCsv.ts';
import { chartProblems, horizontalOverflow } from './look.ts';

// Every fixture is made here, in memory, by the same writers the core's
// tests use, and handed to the page with setInputFiles.

const file = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
const t = (name: string, values: ArrayLike<number>, shape: number[], dtype: FixtureTensor['dtype'] = 'F32'): FixtureTensor => ({
  name,
  dtype,
  shape,
  values,
});

/** A rank-4 adapter whose q_proj update is exactly diag(6, 1, 0, 0) padded (γ = 8/4 = 2), a random v_proj, and a k_proj with A only. */
function adapterFixture(): Uint8Array {
  const d = 16;
  const k = 12;
  const aq = new Float64Array(4 * k);
  aq[0] = 1; // row 0 = e1
  aq[k + 1] = 1; // row 1 = e2
  const bq = new Float64Array(d * 4);
  bq[0] = 3; // column 0 = 3·e1
  bq[4 + 1] = 0.5; // column 1 = 0.5·e2
  const rng = new RandomState(11);
  return safetensorsBytes(
    [
      t('base_model.model.layers.0.q_proj.lora_A.weight', aq, [4, k]),
      t('base_model.model.layers.0.q_proj.lora_B.weight', bq, [d, 4]),
      t('base_model.model.layers.0.v_proj.lora_A.weight', rng.randn(4, k).data, [4, k], 'BF16'),
      t('base_model.model.layers.0.v_proj.lora_B.weight', rng.randn(d, 4).data, [d, 4], 'BF16'),
      t('base_model.model.layers.0.k_proj.lora_A.weight', rng.randn(4, k).data, [4, k]),
    ],
    { metadata: { format: 'pt' } },
  );
}
const adapterConfig = new TextEncoder().encode(JSON.stringify({ r: 4, lora_alpha: 8, use_rslora: false, peft_type: 'LORA' }));

function checkpoints(): { base: Uint8Array; tuned: Uint8Array } {
  const rng = new RandomState(21);
  const w = rng.randn(40, 30);
  const delta = matmul(rng.randn(40, 3), rng.randn(3, 30));
  const tuned = Float64Array.from(w.data, (x, i) => x + 0.1 * delta.data[i]);
  return {
    base: safetensorsBytes([
      t('mlp.weight', w.data, [40, 30]),
      t('norm.weight', [1, 1], [2]),
      t('head.weight', [1, 2, 3, 4, 5, 6], [2, 3]),
      t('old.weight', [1, 2], [1, 2]),
    ]),
    tuned: safetensorsBytes([
      t('mlp.weight', tuned, [40, 30]),
      t('norm.weight', [1, 2], [2]),
      t('head.weight', [1, 2, 3, 4, 5, 6], [3, 2]),
      t('new.weight', [1, 2], [1, 2]),
    ]),
  };
}

/** What the Node pipeline computes for a job: the rows the page must show. */
async function expectedRows(job: AnalysisJob): Promise<AnalysisRow[]> {
  const rows: AnalysisRow[] = [];
  await runJob(job, { onRow: (r) => rows.push(r), onProgress: () => {} });
  return rows;
}

const rowFor = (page: Page, name: string) => page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

/** A 1400 × 1400 F32 update of rank 6 plus noise: large enough for the randomized SVD. */
function largeUpdate(): Uint8Array {
  const rng = new RandomState(31);
  const n = 1400;
  const a = matmul(rng.randn(n, 6), rng.randn(6, n));
  const noise = rng.randn(n, n);
  for (let i = 0; i < a.data.length; i++) a.data[i] += 1e-3 * noise.data[i];
  return npyBytes(a.data, [n, n], { descr: '<f4' });
}

/** Opens the analysis page, with `query` (e.g. `?kernels=js`) when given. */
async function open(page: Page, query = '') {
  await page.goto(`analyze/${query}`);
  await expect(page.getByTestId('files')).toBeEnabled();
  // Everything the page needs, the workers included, is loaded before any file is chosen.
  await page.waitForLoadState('networkidle');
}

async function waitForJobs(page: Page, timeout = 30_000) {
  await expect(page.locator('.job')).not.toHaveCount(0);
  await expect(page.locator('.job[data-status="running"], .job[data-status="queued"]')).toHaveCount(0, { timeout });
}

test('an adapter with its config: one row per module with the exact numbers, an error row for A without B, and no network request', async ({
  page,
  guard,
}) => {
  await open(page);
  // The workers were loaded with the page (and the guard sees their requests).
  expect(guard.requests.filter((url) => /analyze\.worker/.test(url)).length).toBeGreaterThan(0);
  const before = guard.requests.length;
  await page
    .getByTestId('files')
    .setInputFiles([file('adapter_model.safetensors', adapterFixture()), file('adapter_config.json', adapterConfig)]);
  await waitForJobs(page);
  expect(guard.requests.slice(before), 'requests made while reading and analyzing').toEqual([]);

  await expect(page.getByTestId('config-in-use')).toContainText('r = 4, lora_alpha = 8');
  const q = rowFor(page, 'base_model.model.layers.0.q_proj');
  // σ = γ·(3, 0.5) = (6, 1): ‖ΔW‖_F = √37, 90 % at r = 1 (36/37), 99 % at r = 2, nominal 4, used 2.
  await expect(q.locator('[data-col="size"]')).toHaveText('16 × 12');
  await expect(q.locator('[data-col="nominalRank"]')).toHaveText('4');
  await expect(q.locator('[data-col="numericalRank"]')).toHaveText('2');
  await expect(q.locator('[data-col="rank90"]')).toHaveText('1');
  await expect(q.locator('[data-col="rank99"]')).toHaveText('2');
  await expect(q.locator('[data-col="frobenius"]')).toHaveText('6.08'); // √37
  await expect(q.locator('[data-col="stableRank"]')).toHaveText('1.03'); // 37/36
  await expect(q.locator('[data-col="energy8"]')).toHaveText('100.0 %');

  // The BF16 module: the page shows what the same pipeline computes in Node.
  const expected = await expectedRows({
    id: 'x',
    kind: 'safetensors',
    file: new Blob([adapterFixture() as Uint8Array<ArrayBuffer>]),
    name: 'adapter_model.safetensors',
    adapter: { r: 4, alpha: 8, scaling: 'standard', perModuleRank: false, source: 'adapter_config.json' },
  });
  const v = expected.find((r) => r.name === 'base_model.model.layers.0.v_proj')!;
  for (const key of ['rank90', 'rank99', 'effectiveRank', 'stableRank', 'energy8', 'frobenius'] as const) {
    await expect(rowFor(page, v.name).locator(`[data-col="${key}"]`)).toHaveText(cellText(v, key));
  }

  const error = rowFor(page, 'base_model.model.layers.0.k_proj');
  await expect(error).toHaveAttribute('data-status', 'error');
  await expect(error).toContainText('has lora_A ("base_model.model.layers.0.k_proj.lora_A.weight") but no lora_B');
});

test('base and fine-tuned checkpoints: the update of matching tensors, and error rows for names or shapes that differ', async ({
  page,
  guard,
}) => {
  await open(page);
  const { base, tuned } = checkpoints();
  const before = guard.requests.length;
  await page.getByTestId('base-files').setInputFiles([file('base.safetensors', base)]);
  await page.getByTestId('tuned-files').setInputFiles([file('tuned.safetensors', tuned)]);
  await page.getByRole('button', { name: 'Compare' }).click();
  await waitForJobs(page);
  expect(guard.requests.slice(before)).toEqual([]);

  const expected = await expectedRows({
    id: 'x',
    kind: 'diff',
    base: [{ file: new Blob([base as Uint8Array<ArrayBuffer>]), name: 'base.safetensors' }],
    tuned: [{ file: new Blob([tuned as Uint8Array<ArrayBuffer>]), name: 'tuned.safetensors' }],
  });
  const mlp = expected.find((r) => r.name === 'mlp.weight')!;
  expect(mlp.analysis!.numericalRank).toBeGreaterThanOrEqual(3);
  for (const key of ['size', 'rank90', 'rank99', 'effectiveRank', 'stableRank', 'energy8', 'frobenius'] as const) {
    await expect(rowFor(page, 'mlp.weight').locator(`[data-col="${key}"]`)).toHaveText(cellText(mlp, key));
  }
  await expect(rowFor(page, 'head.weight')).toContainText('has shape [2, 3] in the base checkpoint but [3, 2] in the fine-tuned one');
  await expect(rowFor(page, 'old.weight')).toContainText('is in the base checkpoint (base.safetensors) but not in the fine-tuned one');
  await expect(rowFor(page, 'new.weight')).toContainText('is in the fine-tuned checkpoint (tuned.safetensors) but not in the base one');
  await expect(rowFor(page, '(not 2-D)')).toHaveAttribute('data-status', 'note');
});

test('bad files each get a clear error row while the good ones are analyzed', async ({ page }) => {
  await open(page);
  const good = npyBytes(new RandomState(3).randn(8, 6).data, [8, 6], { descr: '<f2' });
  const w = t('w', [1, 2, 3, 4, 5, 6], [2, 3]);
  await page
    .getByTestId('files')
    .setInputFiles([
      file('good.npy', good),
      file('truncated.safetensors', safetensorsBytes([w], { truncate: 4 })),
      file('lying.safetensors', safetensorsBytes([w], { editHeader: (h) => void ((h.w as { shape: number[] }).shape = [3, 3]) })),
      file('dtype.safetensors', safetensorsBytes([w], { editHeader: (h) => void ((h.w as { dtype: string }).dtype = 'F12') })),
      file('cube.npy', npyBytes(new Float64Array(8), [2, 2, 2])),
      file('notes.txt', new TextEncoder().encode('hello')),
    ]);
  await waitForJobs(page);
  await expect(rowFor(page, 'good.npy')).toHaveAttribute('data-testid', 'row-ok');
  await expect(rowFor(page, 'truncated.safetensors')).toContainText('data_offsets [0, 24] reach past the end of the data');
  await expect(rowFor(page, 'lying.safetensors')).toContainText('shape [3, 3] of F32 needs 36 bytes but data_offsets [0, 24] give 24');
  await expect(rowFor(page, 'dtype.safetensors')).toContainText('unknown dtype "F12"');
  await expect(rowFor(page, 'cube.npy')).toContainText('holds a 3-D array (shape (2, 2, 2)); only 2-D matrices can be analyzed');
  await expect(rowFor(page, 'notes.txt')).toContainText('not a .safetensors, .npy or adapter_config.json file');
  await expect(page.getByTestId('row-error')).toHaveCount(5);
  await expect(page.getByRole('status').filter({ hasText: 'analyzed' })).toHaveText('1 matrix analyzed, 5 with errors.');
});

test('sorting, selecting a row, CSV export, and cancelling a long job', async ({ page }) => {
  await open(page);
  await page
    .getByTestId('files')
    .setInputFiles([file('adapter_model.safetensors', adapterFixture()), file('adapter_config.json', adapterConfig)]);
  await waitForJobs(page);

  const header = page.getByRole('columnheader', { name: 'Rank 99 %' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await header.getByRole('button').press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('tbody tr').first().getByRole('rowheader')).toHaveText('base_model.model.layers.0.q_proj');

  await page.getByRole('button', { name: 'base_model.model.layers.0.q_proj' }).click();
  const detail = page.getByTestId('detail');
  await expect(detail.locator('.chart-live svg')).toHaveCount(2);
  await expect(detail).toContainText('LoRA adapter of rank 4, γ = 2');

  const csv = await downloadCsv(page);
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^source,name,kind,status,message,rows,cols,/);
  expect(lines).toHaveLength(1 + 3);
  expect(lines.find((l) => l.includes('q_proj'))).toMatch(/,adapter,2,4,2,1,2,/);

  // A 1600 × 1600 matrix takes the randomized path and seconds: cancel it.
  const big = npyBytes(new RandomState(1).randn(1600, 1600).data, [1600, 1600], { descr: '<f4' });
  await page.getByTestId('files').setInputFiles([file('big.npy', big)]);
  await page.getByRole('button', { name: 'Cancel big.npy' }).click();
  await expect(page.locator('.job').filter({ hasText: 'big.npy' })).toHaveAttribute('data-status', 'cancelled');
  // The page keeps working after a cancel.
  await page.getByTestId('files').setInputFiles([file('after.npy', npyBytes([1, 0, 0, 2], [2, 2]))]);
  await expect(rowFor(page, 'after.npy').locator('[data-col="rank99"]')).toHaveText('2');
});

test('the WebAssembly kernels and the plain-JavaScript fallback (?kernels=js) give the same rows', async ({ page }) => {
  test.setTimeout(300_000);
  const { base, tuned } = checkpoints();
  const big = largeUpdate();
  const small = npyBytes(new RandomState(7).randn(300, 200).data, [300, 200], { descr: '<f8' });
  const tables: Record<string, Record<string, string>[]> = {};
  for (const kernels of ['wasm', 'js']) {
    await open(page, kernels === 'js' ? '?kernels=js' : '');
    await page
      .getByTestId('files')
      .setInputFiles([
        file('adapter_model.safetensors', adapterFixture()),
        file('adapter_config.json', adapterConfig),
        file('update.npy', big),
        file('small.npy', small),
      ]);
    await page.getByTestId('base-files').setInputFiles([file('base.safetensors', base)]);
    await page.getByTestId('tuned-files').setInputFiles([file('tuned.safetensors', tuned)]);
    await page.getByRole('button', { name: 'Compare' }).click();
    await waitForJobs(page, 240_000);
    tables[kernels] = csvParse(await downloadCsv(page));
    if (kernels === 'wasm') {
      // The randomized SVD says how accurate its values are.
      await page.getByRole('button', { name: 'update.npy' }).click();
      await expect(page.getByTestId('method')).toContainText(/by randomized SVD \(\d power iterations? in float32.*\): σ accurate to .* %/);
      await expect(page.getByTestId('method')).toContainText(/can only be low, by at most .* percentage points/);
    }
  }
  const key = (r: Record<string, string>) => `${r.source} / ${r.name}`;
  const wasm = new Map(tables.wasm!.map((r) => [key(r), r]));
  const js = new Map(tables.js!.map((r) => [key(r), r]));
  expect([...js.keys()].sort()).toEqual([...wasm.keys()].sort());
  const numbers = (text: string) => text.split(' ').map(Number);
  let randomized = 0;
  for (const [k, w] of wasm) {
    const j = js.get(k)!;
    expect([j.status, j.method, j.rows, j.cols, j.rank_90, j.rank_99], k).toEqual([
      w.status,
      w.method,
      w.rows,
      w.cols,
      w.rank_90,
      w.rank_99,
    ]);
    if (w.status !== 'ok') continue;
    expect([w.kernels, j.kernels]).toEqual(['wasm', 'js']);
    expect(Number(j.frobenius)).toBeCloseTo(Number(w.frobenius), 10);
    const sw = numbers(w.singular_values);
    const sj = numbers(j.singular_values);
    expect(sj.length).toBe(sw.length);
    if (w.method === 'randomized') {
      // Power iterations in float32 (wasm) or float64 (the fallback): the top values agree to far
      // better than either's error estimate, and the energy shares within the stated bound.
      randomized++;
      for (let i = 0; i < 6; i++) expect(Math.abs(sj[i]! - sw[i]!) / sw[i]!).toBeLessThan(1e-8);
      const bound = Math.max(Number(w.energy_share_error), Number(j.energy_share_error)) + 1e-12;
      expect(Math.abs(Number(j.energy_r16) - Number(w.energy_r16))).toBeLessThanOrEqual(bound);
    } else {
      for (let i = 0; i < sw.length; i++) expect(Math.abs(sj[i]! - sw[i]!)).toBeLessThanOrEqual(1e-12 * sw[0]! * sw.length);
      for (const c of ['energy_r8', 'energy_r16', 'effective_rank', 'stable_rank'])
        expect(Number(j[c]), `${k} ${c}`).toBeCloseTo(Number(w[c]), 10);
    }
  }
  expect(randomized).toBe(1);
});

test('files dropped on the drop zone are analyzed like chosen ones', async ({ page }) => {
  await open(page);
  const bytes = Array.from(npyBytes([3, 0, 0, 0, 4, 0], [2, 3], { descr: '<f8' }));
  await page.getByRole('group', { name: /Drop a LoRA adapter/ }).evaluate((zone, data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'dropped.npy'));
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  const row = rowFor(page, 'dropped.npy');
  await expect(row.locator('[data-col="frobenius"]')).toHaveText('5');
  await expect(row.locator('[data-col="rank90"]')).toHaveText('2'); // 16/25 < 0.9
  await expect(row.locator('[data-col="stableRank"]')).toHaveText('1.56'); // 25/16
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.1 AA violations with results shown (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await open(page);
    await page
      .getByTestId('files')
      .setInputFiles([
        file('adapter_model.safetensors', adapterFixture()),
        file('adapter_config.json', adapterConfig),
        file('bad.npy', new Uint8Array(20)),
      ]);
    await waitForJobs(page);
    await page.getByRole('button', { name: 'base_model.model.layers.0.v_proj' }).click();
    await expect(page.getByTestId('detail').locator('.chart-live svg')).toHaveCount(2);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`)).toEqual([]);
  });
}

test('at 360 px the page with results does not overflow, and the site nav links the two pages', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await open(page);
  await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Analyze your weights' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await page
    .getByTestId('files')
    .setInputFiles([
      file('adapter_model.safetensors', adapterFixture()),
      file('adapter_config.json', adapterConfig),
      file('a-matrix-with-a-rather-long-file-name-that-must-wrap.npy', new Uint8Array(20)),
      file('update.npy', largeUpdate()),
    ]);
  await waitForJobs(page);
  // A randomized SVD's row: the longest detail line (its accuracy) and the table's † note.
  await page.getByRole('button', { name: 'update.npy' }).click();
  await expect(page.getByTestId('method')).toContainText('σ accurate to');
  await expect(page.getByRole('table')).toContainText('† Large matrices');
  await expect(page.getByTestId('detail').locator('.chart-live svg')).toHaveCount(2);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  const path = 'test-results/screenshots/analyze-360.png';
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach('analyze-360', { path, contentType: 'image/png' });
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'lora-rank' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'the analysis page' })).toHaveAttribute('href', /\/lora-rank\/analyze\/$/);
});

/** A plain checkpoint with the long module names of a real model. */
function longNamesFixture(): Uint8Array {
  const rng = new RandomState(5);
  const names = [
    'model.layers.10.self_attn.q_proj.weight',
    'model.layers.10.self_attn.o_proj.weight',
    'model.layers.10.mlp.down_proj.weight',
  ];
  return safetensorsBytes(names.map((name) => t(name, rng.randn(24, 16).data, [24, 16])));
}

for (const width of [360, 1280] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`at ${width} px (${colorScheme}) the results read well: names break at dots, the table fits, the detail charts are readable`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await open(page);
      await page.getByTestId('files').setInputFiles([
        file('model.safetensors', longNamesFixture()),
        file('adapter_model.safetensors', adapterFixture()),
        file('adapter_config.json', adapterConfig),
        file('update.npy', largeUpdate()), // a randomized SVD: the table's caption gets its † note
      ]);
      await waitForJobs(page);
      await page.getByRole('button', { name: 'model.layers.10.self_attn.q_proj.weight' }).click();
      await expect(page.getByTestId('detail').locator('.chart-live svg')).toHaveCount(2);
      expect(await chartProblems(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      // Each part of a name (cut after its dots) stays on one line: never `self_` / `attn`.
      const split = await page.locator('table.results tbody th').evaluateAll((cells) =>
        cells.flatMap((cell) =>
          [...cell.querySelectorAll('button, th')].concat(cell).flatMap((el) =>
            [...el.childNodes]
              .filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
              .filter((n) => {
                const range = document.createRange();
                range.selectNodeContents(n);
                return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
              })
              .map((n) => n.textContent),
          ),
        ),
      );
      expect(split).toEqual([]);
      if (width === 1280) {
        const wrap = await page.locator('.table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(wrap, 'the results table fits its column at 1280 px').toBeLessThanOrEqual(0);
      }
      const path = `test-results/screenshots/analyze-${width}-${colorScheme}.png`;
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(`analyze-${width}-${colorScheme}`, { path, contentType: 'image/png' });
    });
  }
}
