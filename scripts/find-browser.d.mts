/** The full path of a Chromium-based browser on this machine, or undefined when there is none. */
export function findBrowser(env?: NodeJS.ProcessEnv): string | undefined;
