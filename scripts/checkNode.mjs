#!/usr/bin/env node
// Runs before `npm run dev`, `build`, `preview`, `test` and `bench`: Astro 7 and Vitest need
// Node 22.12 or newer, and on an older Node they fail with messages that do not say what to do.
// This says it, and exits non-zero so npm stops.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 12)) process.exit(0);
const script = process.env.npm_lifecycle_event?.replace(/^pre/, '') ?? 'dev';
console.error(`
lora-rank needs Node.js 22.12 or newer; this is ${process.version}.

${
  script === 'test'
    ? `Run every test the way CI does (it fetches Node 22 and Chromium if they are missing):

    bash .ci/run
`
    : `Run it with Node 22 from the npm registry, without installing anything globally:

    npx -y -p node@22 -c "npm ci && npm run ${script}"
`
}
or switch to Node 22 (\`nvm use\` reads .nvmrc) and run \`npm run ${script}\` again.
`);
process.exit(1);
