/** The article 56 account core: pure functions and JSON data, no I/O. Adapters import from here. */
export * from './errors';
export * from './calendar';
export * from './money';
export * from './rates';
export * from './entries';
export * from './state';
export * from './ledger';
export * from './commands';
export * from './projections';
export * from './statements';
export * from './csv';
export * from './iati';
export * from './printouts';
export * from './report';
