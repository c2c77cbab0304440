import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The dependency rules of eslint.config.js, checked on imports written for the purpose: each
// must be reported where it breaks a rule and accepted where it does not.
const eslint = new ESLint();

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency rules', () => {
  it('runtime/ never imports a demo, the analysis page or build-only code', async () => {
    expect(await restricted("import { x } from '../demos/lab/model.ts';\nexport { x };\n", 'src/runtime/example.ts')).toHaveLength(1);
    expect(await restricted("import { x } from '../analyze/table.ts';\nexport { x };\n", 'src/runtime/example.ts')).toHaveLength(1);
    expect(
      await restricted("import { x } from '../build/articleNumbers.ts';\nexport { x };\n", 'src/runtime/charts/example.ts'),
    ).toHaveLength(1);
    expect(await restricted("import { x } from './csv.ts';\nexport { x };\n", 'src/runtime/example.ts')).toEqual([]);
  });

  it('a demo never imports another demo, the analysis page or build-only code, but may use runtime/', async () => {
    expect(await restricted("import { x } from '../lab/model.ts';\nexport { x };\n", 'src/demos/capacity/example.ts')).toHaveLength(1);
    expect(
      await restricted("import { x } from '../../../analyze/table.ts';\nexport { x };\n", 'src/demos/capacity/example.ts'),
    ).toHaveLength(1);
    expect(
      await restricted("import { x } from '../../../build/defaultRuns.ts';\nexport { x };\n", 'src/demos/lab/example.ts'),
    ).toHaveLength(1);
    expect(
      await restricted(
        "import { x } from '../../../runtime/csv.ts';\nimport { y } from './model.ts';\nexport { x, y };\n",
        'src/demos/lab/example.ts',
      ),
    ).toEqual([]);
  });

  it('the analysis page never imports a demo', async () => {
    expect(await restricted("import { x } from '../demos/spectrum/model.ts';\nexport { x };\n", 'src/analyze/example.ts')).toHaveLength(1);
  });

  it('the core never imports the site, nor any package', async () => {
    expect(
      await restricted("import { x } from '../../../../../src/runtime/csv.ts';\nexport { x };\n", 'packages/core/src/linalg/example.ts'),
    ).toHaveLength(1);
    expect(await restricted("import { x } from 'comlink';\nexport { x };\n", 'packages/core/src/linalg/example.ts')).toHaveLength(1);
    expect(
      await restricted("import { x } from '../random/RandomState.ts';\nexport { x };\n", 'packages/core/src/linalg/example.ts'),
    ).toEqual([]);
  });
});
