import AxeBuilder from '@axe-core/playwright';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { chartProblems, horizontalOverflow } from './look.ts';
import { recordTexts, recordedTexts } from './observe.ts';

const panel = (page: Page) => page.locator('section.real-model');
const status = (page: Page) => panel(page).getByTestId('lm-status');

/** Opens the page with a query and scrolls to the panel until it has read its state. */
async function openPanel(page: Page, query = '') {
  await page.goto(query);
  await panel(page).scrollIntoViewIfNeeded();
  await expect(panel(page)).toHaveAttribute('data-ready', 'true');
}

async function bytesOf(download: Promise<Download>): Promise<{ name: string; buffer: Buffer }> {
  const d = await download;
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return { name: d.suggestedFilename(), buffer: Buffer.concat(chunks) };
}

test('the panel trains on request in its worker, streams its steps, responds to a change, and its adapter round-trips through the analysis page', async ({
  page,
}) => {
  // Training 25 steps and scoring takes 10–40 s depending on the machine's load.
  test.setTimeout(300_000);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await openPanel(page, '?lm-steps=20&lm-rank=2&lm-seed=1');
  // Nothing runs before the reader asks.
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  await expect(status(page)).toContainText('Trains LoRA r = 2 on all six linear layers, α/r on the style task for 20 steps');
  await recordTexts(status(page));
  await panel(page).getByRole('button', { name: 'Train in your browser' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(status(page)).toHaveText('Done: 20 steps.');
  expect(workers.some((url) => url.includes('lm.worker'))).toBe(true);
  const seen = await recordedTexts(page);
  const steps = new Set(seen.map((t) => /step (\d+) of/.exec(t)?.[1]).filter(Boolean));
  expect(steps.size, seen.join(' | ')).toBeGreaterThan(1);
  await expect(panel(page).locator('.chart-live > *')).toHaveCount(2);
  const scores = panel(page).getByTestId('lm-scores');
  await expect(scores).toContainText('held-out people answered in the persona');
  // An adapter's update has rank at most r.
  expect(Number(await panel(page).getByTestId('lm-rank90').textContent())).toBeLessThanOrEqual(2);

  const model = await bytesOf(
    Promise.all([
      page.waitForEvent('download'),
      panel(page).getByRole('button', { name: 'Download adapter_model.safetensors' }).click(),
    ]).then(([d]) => d),
  );
  const config = await bytesOf(
    Promise.all([page.waitForEvent('download'), panel(page).getByRole('button', { name: 'Download adapter_config.json' }).click()]).then(
      ([d]) => d,
    ),
  );
  expect(model.name).toBe('adapter_model.safetensors');
  expect(JSON.parse(config.buffer.toString('utf8'))).toMatchObject({ r: 2, lora_alpha: 16, peft_type: 'LORA' });

  // A change restarts the run (the reader has asked once), and the permalink follows.
  await panel(page).getByLabel('LoRA rank').selectOption('4');
  await expect(status(page)).toHaveAttribute('data-state', 'running');
  await expect(page).toHaveURL(/lm-rank=4/);
  await panel(page).getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'stopped');

  // The files need no setting on the analysis page: one row per adapted matrix, none an error.
  await page.goto('analyze/');
  await expect(page.getByTestId('files')).toBeEnabled();
  await page.getByTestId('files').setInputFiles([
    { name: model.name, mimeType: 'application/octet-stream', buffer: model.buffer },
    { name: config.name, mimeType: 'application/json', buffer: config.buffer },
  ]);
  await expect(page.locator('.job[data-status="running"], .job[data-status="queued"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('config-in-use')).toContainText('r = 2, lora_alpha = 16');
  await expect(page.getByTestId('row-ok')).toHaveCount(4 * 6);
  await expect(page.getByTestId('row-error')).toHaveCount(0);
  const q = page
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: 'base_model.model.model.layers.0.self_attn.q_proj', exact: true }) });
  await expect(q.locator('[data-col="nominalRank"]')).toHaveText('2');
});

test('a bad panel permalink is fixed with a notice, and nothing trains until asked', async ({ page }) => {
  await openPanel(page, '?lm-task=facts&lm-n=-3&lm-rank=5&lm-lr=fast');
  const notice = panel(page).getByRole('status').filter({ hasText: 'adjusted' });
  await expect(notice).toContainText('new facts: "-3" is below the minimum 1; using 1.');
  await expect(notice).toContainText('LoRA rank');
  await expect(notice).toContainText('learning rate');
  await expect(panel(page).getByLabel('new facts (people)')).toHaveValue('1');
  await expect(panel(page).getByLabel('LoRA rank')).toHaveValue('8');
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
});

test.describe('on a phone, in the dark theme', () => {
  test.use({ viewport: { width: 360, height: 800 }, colorScheme: 'dark' });

  test('a full fine-tune: readable charts, axe clean, and its checkpoint pairs with the base model on the analysis page', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await openPanel(page, '?lm-task=facts&lm-n=8&lm-mode=full&lm-steps=20');
    await panel(page).getByRole('button', { name: 'Train in your browser' }).click();
    await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    await expect(panel(page).getByTestId('lm-scores')).toContainText('new facts recalled exactly');
    await expect(panel(page).locator('.chart-live > *')).toHaveCount(2);
    expect(await chartProblems(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    const results = await new AxeBuilder({ page })
      .include('section.real-model')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await panel(page).screenshot({ path: 'test-results/screenshots/real-model-360-dark.png' });

    const tuned = await bytesOf(
      Promise.all([page.waitForEvent('download'), panel(page).getByRole('button', { name: 'Download model.safetensors' }).click()]).then(
        ([d]) => d,
      ),
    );
    // The panel's own link to the base model (its URL is set on mount, as reactive state).
    const link = panel(page).getByRole('link', { name: 'Download the base model' });
    await expect(link).toHaveAttribute('href', /\/lora-rank\/models\/base\/model\.safetensors$/);
    const base = await (await page.request.get((await link.getAttribute('href'))!)).body();
    await page.goto('analyze/');
    await expect(page.getByTestId('files')).toBeEnabled();
    await page.getByTestId('base-files').setInputFiles([{ name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: base }]);
    await page.getByTestId('tuned-files').setInputFiles([{ name: tuned.name, mimeType: 'application/octet-stream', buffer: tuned.buffer }]);
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page.locator('.job[data-status="running"], .job[data-status="queued"]')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('row-error')).toHaveCount(0);
    // The 24 linear layers, the two embeddings and the head.
    await expect(page.getByTestId('row-ok')).toHaveCount(27);
  });
});

test('the default run is a run of the committed results, and the panel says it reproduces them from its seed', async ({ page }) => {
  test.setTimeout(300_000);
  await openPanel(page);
  await panel(page).getByRole('button', { name: 'Train in your browser' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await expect(panel(page).getByTestId('lm-match')).toContainText('The committed results (npm run experiments) have this run, same seed');
  await expect(panel(page).getByTestId('lm-match')).toContainText('agree with them to');
});
