import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * The article(s), as a typed collection: a missing or mistyped front-matter
 * field fails the build instead of rendering a page without its byline.
 */
const article = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './src/content/article' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    authors: z.array(z.object({ name: z.string(), url: z.url().optional() })).min(1),
    published: z.coerce.date(),
    updated: z.coerce.date().optional(),
  }),
});

export const collections = { article };
