import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

/**
 * Returns a factory for `States.Timeout` errors that the library treats as its own: its Retry/Catch
 * logic exempts only instances of its (unexported) StatesTimeoutError class from the
 * `States.TaskFailed` wildcard, as AWS does. The class is obtained once by letting a one-state
 * machine time out after 1 ms; should that ever fail, a plain error with the same name is used.
 */
let cached: Promise<() => Error> | undefined;

export function libraryTimeoutError(): Promise<() => Error> {
  cached ??= discover();
  return cached;
}

async function discover(): Promise<() => Error> {
  const fallback = (): Error => Object.assign(new Error('States.Timeout'), { name: 'States.Timeout' });
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: {
        Probe: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe',
          TimeoutSeconds: 0.001,
          End: true,
        },
      },
    },
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => undefined) } } });
  try {
    await run.result;
  } catch (error) {
    const cause = error instanceof ExecutionError ? error.cause : undefined;
    if (cause instanceof Error && cause.name === 'States.Timeout') {
      const TimeoutError = cause.constructor as new () => Error;
      return () => new TimeoutError();
    }
  }
  return fallback;
}
