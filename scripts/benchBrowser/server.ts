// A static server for the Chromium kernel bench: serves this repository's
// files, TypeScript with its types stripped by Node (the core runs unbundled
// in the browser exactly as in Node: ES modules with .ts imports).

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { stripTypeScriptTypes } from 'node:module';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.ts': 'text/javascript', '.js': 'text/javascript' };

/** Serves `root` on 127.0.0.1 (a free port); resolves with the server and its URL. */
export async function serveRepository(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(root, path);
    if (!file.startsWith(root) || !(extname(file) in TYPES)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const text = await readFile(file, 'utf8');
      const body = extname(file) === '.ts' ? stripTypeScriptTypes(text, { mode: 'strip' }) : text;
      response.writeHead(200, { 'content-type': `${TYPES[extname(file)]}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}
