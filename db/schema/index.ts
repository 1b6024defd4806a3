export * from './accounts';
export * from './live';
export * from './search';
export * from './organisations';
export * from './notifications';
export * from './rate-limits';
export * from './library';
