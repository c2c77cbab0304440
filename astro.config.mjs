// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { basePath } from './scripts/basePath.mjs';

// Deployment is configured from the environment so that a fork deploys under
// its own repository name without editing this file: the GitHub Pages
// workflow sets SITE_URL (https://<owner>.github.io) and BASE_PATH (/<repo>/).
// Locally both are unset and the site is served at `/`.
export default defineConfig({
  site: process.env.SITE_URL || undefined,
  base: basePath(process.env.BASE_PATH),
  trailingSlash: 'ignore',
  integrations: [mdx(), svelte()],
  markdown: {
    // Astro 7 runs remark/rehype plugins only through the unified() processor.
    // KaTeX renders at build time: readers download its stylesheet and fonts,
    // never its JavaScript.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', throwOnError: true }]],
    }),
  },
  vite: {
    worker: { format: 'es' },
  },
});
