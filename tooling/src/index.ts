export * from './binaries';
export * from './paths';
export * from './server';
