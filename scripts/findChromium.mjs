import { existsSync } from 'node:fs';

/** Where Debian, Ubuntu and common distributions put Chromium or Chrome. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/**
 * Finds the Chromium the end-to-end tests drive. Playwright cannot download
 * its own browser here, so we use the system's: CHROMIUM_PATH wins, then the
 * usual install locations. Throws a message that says how to fix it.
 *
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file exists there.`);
    }
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install it (Debian/Ubuntu: `apt-get install -y chromium`) ' +
        `or set CHROMIUM_PATH to a Chromium or Chrome executable. Looked in: ${CANDIDATES.join(', ')}.`,
    );
  }
  return found;
}
