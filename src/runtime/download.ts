import { toCsv, type DataTable } from './csv.ts';

/**
 * Browser-only helpers to download a file: a chart as SVG, PNG or CSV, or any blob. Charts are coloured with CSS
 * custom properties (so themes restyle them for free); a downloaded SVG has
 * no page around it, so every colour is resolved to its computed value first.
 */

const PAINT = ['fill', 'stroke', 'color'] as const;

/** A standalone copy of `svg` with computed colours, font and background written in. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((node, i) => {
    const target = copies[i] as Element;
    const style = getComputedStyle(node);
    for (const prop of PAINT) {
      const attr = target.getAttribute(prop);
      if (attr && (attr.includes('var(') || attr === 'currentColor')) target.setAttribute(prop, style.getPropertyValue(prop));
    }
  });
  const root = getComputedStyle(svg);
  const page = getComputedStyle(document.body);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('aria-hidden');
  copy.setAttribute('style', `background:${page.backgroundColor};color:${root.color};font-family:${root.fontFamily};font-size:12px`);
  return new XMLSerializer().serializeToString(copy);
}

/** Saves `blob` as a download named `filename` (browser only; nothing leaves the browser). */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the chart as SVG. */
export function downloadSvg(svg: SVGSVGElement, filename: string): void {
  saveFile(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }), `${filename}.svg`);
}

/** Downloads the chart as a PNG at twice its drawn size. */
export async function downloadPng(svg: SVGSVGElement, filename: string): Promise<void> {
  const width = svg.viewBox.baseVal?.width || svg.clientWidth;
  const height = svg.viewBox.baseVal?.height || svg.clientHeight;
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw to a canvas.');
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('Could not encode the PNG.');
    saveFile(blob, `${filename}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads the chart's data as CSV. */
export function downloadCsv(table: DataTable, filename: string): void {
  saveFile(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `${filename}.csv`);
}
