import { describe, expect, it } from 'vitest';
import { diffJob, enteredSettings, isConfig, jobsForFiles } from '../../../src/analyze/jobs.ts';
import type { AdapterSettings } from '../../../src/analyze/types.ts';

const settings: AdapterSettings = { r: 8, alpha: 16, scaling: 'standard', perModuleRank: false, source: 'adapter_config.json' };
const file = (name: string) => ({ name, file: new Blob([name]) });

describe('jobsForFiles', () => {
  it('sorts a drop into configs, one job per .safetensors or .npy file, and rejections that say why', () => {
    let n = 0;
    const plan = jobsForFiles(
      [file('adapter_config.json'), file('adapter_model.safetensors'), file('W.NPY'), file('notes.txt')],
      settings,
      () => `job${n++}`,
    );
    expect(plan.configs.map((c) => c.name)).toEqual(['adapter_config.json']);
    expect(plan.jobs.map((j) => [j.job.id, j.job.kind, j.title])).toEqual([
      ['job0', 'safetensors', 'adapter_model.safetensors'],
      ['job1', 'npy', 'W.NPY'],
    ]);
    expect(plan.jobs[0]!.job).toMatchObject({ adapter: settings });
    expect(plan.rejected).toEqual([
      { name: 'notes.txt', message: 'notes.txt: not a .safetensors, .npy or adapter_config.json file, so it was not read' },
    ]);
  });

  it('knows a config by its extension, whatever its case', () => {
    expect(isConfig('Adapter_Config.JSON')).toBe(true);
    expect(isConfig('adapter_model.safetensors')).toBe(false);
  });
});

describe('diffJob', () => {
  it('pairs every base shard with every tuned shard in one job, titled by both sides', () => {
    const job = diffJob([file('a-1.safetensors'), file('a-2.safetensors')], [file('b.safetensors')], 'j');
    expect(job?.title).toBe('a-1.safetensors, a-2.safetensors ⇄ b.safetensors');
    expect(job?.job).toMatchObject({ id: 'j', kind: 'diff' });
  });

  it('makes no job while one side is empty', () => {
    expect(diffJob([], [file('b.safetensors')], 'j')).toBeNull();
    expect(diffJob([file('a.safetensors')], [], 'j')).toBeNull();
  });
});

describe('enteredSettings', () => {
  it("rounds a typed rank, takes each module's own rank when none is typed, and falls back on an unreadable alpha", () => {
    expect(enteredSettings(7.6, 32, true, 8)).toEqual({
      r: 8,
      alpha: 32,
      scaling: 'rslora',
      perModuleRank: false,
      source: 'entered on this page',
    });
    expect(enteredSettings(null, Number.NaN, false, 8)).toMatchObject({ r: null, alpha: 8, scaling: 'standard' });
    expect(enteredSettings(0, 16, false, 8).r).toBeNull();
  });
});
