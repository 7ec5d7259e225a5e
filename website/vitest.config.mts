export { default } from '@temporal-tutorials/tooling/vitest-config';
