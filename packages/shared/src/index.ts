export * from './locales';
export * from './taxonomy';
export * from './schemas/common';
export * from './schemas/accounts';
export * from './schemas/organisations';
export * from './schemas/notifications';
export * from './schemas/jobs';
export * from './contract';
