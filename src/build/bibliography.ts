/**
 * The article's references. Citations are numbered by their position in this
 * list, which follows the order of first citation in the article.
 */
export interface Reference {
  id: string;
  /** Empty when the source does not name its author. */
  authors: string;
  title: string;
  venue: string;
  year: number;
  url?: string;
  /** A page of this site about the source, relative to the site's base (used when there is no `url`). */
  page?: string;
}

export const REFERENCES: readonly Reference[] = [
  {
    id: 'hu2021',
    authors: 'Edward J. Hu, Yelong Shen, Phillip Wallis, Zeyuan Allen-Zhu, Yuanzhi Li, Shean Wang, Lu Wang, Weizhu Chen',
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    venue: 'arXiv:2106.09685 (ICLR 2022)',
    year: 2021,
    url: 'https://arxiv.org/abs/2106.09685',
  },
  {
    id: 'schulman2025',
    authors: 'John Schulman and Thinking Machines Lab',
    title: 'LoRA Without Regret',
    venue: 'Thinking Machines Lab: Connectionism',
    year: 2025,
    url: 'https://thinkingmachines.ai/blog/lora/',
  },
  {
    id: 'eckart1936',
    authors: 'Carl Eckart, Gale Young',
    title: 'The approximation of one matrix by another of lower rank',
    venue: 'Psychometrika 1(3), 211–218',
    year: 1936,
    url: 'https://doi.org/10.1007/BF02288367',
  },
  {
    id: 'roy2007',
    authors: 'Olivier Roy, Martin Vetterli',
    title: 'The effective rank: a measure of effective dimensionality',
    venue: '15th European Signal Processing Conference (EUSIPCO), 606–610',
    year: 2007,
  },
  {
    id: 'original2026',
    authors: '',
    title: 'The LoRA Assumption That Breaks in Production',
    venue: 'published article; its experiment is described on this site',
    year: 2026,
    page: 'original-experiment/',
  },
  {
    id: 'kalajdzievski2023',
    authors: 'Damjan Kalajdzievski',
    title: 'A Rank Stabilization Scaling Factor for Fine-Tuning with LoRA',
    venue: 'arXiv:2312.03732',
    year: 2023,
    url: 'https://arxiv.org/abs/2312.03732',
  },
  {
    id: 'peft',
    authors: 'Sourab Mangrulkar, Sylvain Gugger, Lysandre Debut, Younes Belkada, Sayak Paul, Benjamin Bossan',
    title: 'PEFT: State-of-the-art Parameter-Efficient Fine-Tuning methods',
    venue: 'GitHub repository huggingface/peft (src/peft/tuners/lora)',
    year: 2022,
    url: 'https://github.com/huggingface/peft',
  },
  {
    id: 'kingma2014',
    authors: 'Diederik P. Kingma, Jimmy Ba',
    title: 'Adam: A Method for Stochastic Optimization',
    venue: 'arXiv:1412.6980 (ICLR 2015)',
    year: 2014,
    url: 'https://arxiv.org/abs/1412.6980',
  },
  {
    id: 'hayou2024',
    authors: 'Soufiane Hayou, Nikhil Ghosh, Bin Yu',
    title: 'LoRA+: Efficient Low Rank Adaptation of Large Models',
    venue: 'arXiv:2402.12354 (ICML 2024)',
    year: 2024,
    url: 'https://arxiv.org/abs/2402.12354',
  },
  {
    id: 'allenzhu2024',
    authors: 'Zeyuan Allen-Zhu, Yuanzhi Li',
    title: 'Physics of Language Models: Part 3.3, Knowledge Capacity Scaling Laws',
    venue: 'arXiv:2404.05405 (ICLR 2025)',
    year: 2024,
    url: 'https://arxiv.org/abs/2404.05405',
  },
  {
    id: 'biderman2024',
    authors:
      'Dan Biderman, Jacob Portes, Jose Javier Gonzalez Ortiz, Mansheej Paul, Philip Greengard, Connor Jennings, Daniel King, Sam Havens, Vitaliy Chiley, Jonathan Frankle, Cody Blakeney, John P. Cunningham',
    title: 'LoRA Learns Less and Forgets Less',
    venue: 'arXiv:2405.09673 (TMLR 2024)',
    year: 2024,
    url: 'https://arxiv.org/abs/2405.09673',
  },
];

/** 1-based citation number of a reference id; throws on an unknown id so a typo fails the build. */
export function citationNumber(id: string): number {
  const index = REFERENCES.findIndex((r) => r.id === id);
  if (index < 0) throw new Error(`Unknown citation "${id}". Known: ${REFERENCES.map((r) => r.id).join(', ')}`);
  return index + 1;
}

/** A BibTeX @misc/@online entry for citing this article. */
export function articleBibtex(a: { title: string; authors: string[]; year: number; url: string }): string {
  const key = `lorarank${a.year}`;
  return [
    `@misc{${key},`,
    `  title  = {${a.title}},`,
    `  author = {${a.authors.join(' and ')}},`,
    `  year   = {${a.year}},`,
    `  url    = {${a.url}},`,
    `  note   = {Interactive article; every figure computed in the browser from a seed}`,
    '}',
  ].join('\n');
}
