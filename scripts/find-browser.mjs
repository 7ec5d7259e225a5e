// Where a Chromium-based browser is on this machine, for the site's browser tests: CHROMIUM_PATH,
// then the usual names on PATH (Linux) or the usual install folders (macOS, Windows).
// Used by scripts/setup.mjs and website/test/browser.test.ts, so both look in the same places.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const candidates = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    `${process.env.PROGRAMFILES}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)']}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)']}\\Microsoft\\Edge\\Application\\msedge.exe`,
  ],
};

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {string | undefined} the browser's full path, or undefined when there is none */
export function findBrowser(env = process.env) {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const candidate of [env.CHROMIUM_PATH, ...(candidates[process.platform] ?? [])]) {
    if (!candidate) continue;
    if (path.isAbsolute(candidate)) {
      if (executable(candidate)) return candidate;
      continue;
    }
    const onPath = dirs.map((dir) => path.join(dir, candidate)).find(executable);
    if (onPath) return onPath;
  }
  return undefined;
}
