import { fileURLToPath } from 'node:url';

/** The monorepo's root folder: tooling/ sits directly under it. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** Git-ignored folder for server state that must outlive a process (the dev server's database). */
export const serverStateDir = `${repoRoot}/.temporal`;
