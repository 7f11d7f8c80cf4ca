/** Where a use case learns the time: `() => new Date()` in a handler, a fixed instant in a test. */
export type Clock = () => Date;
