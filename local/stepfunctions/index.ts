export { LocalStepFunctions, type LocalStepFunctionsOptions } from './engine';
export { startStepFunctionsServer, type StepFunctionsServer } from './server';
export { SfnError, type SfnErrorCode } from './errors';
export type { ExecutionStats } from './execution';
export type { MachineConfig } from './definition';
export type { InvokeLambda } from './overrides';
