import { AwsServiceError } from '../aws-json-endpoint';

/** AWS Step Functions error codes this emulator can answer with (the `__type` on the wire). */
export type SfnErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'InvalidToken'
  | 'InvalidName'
  | 'InvalidArn'
  | 'InvalidOutput'
  | 'InvalidExecutionInput'
  | 'ValidationException';

/** An API error: `name` is the AWS error code, so callers (and the HTTP endpoint) can match on it. */
export class SfnError extends AwsServiceError<SfnErrorCode> {}

/**
 * An error raised inside a Task so that the library's Retry/Catch match it by `name`
 * (and its `message` becomes the Catch `Cause`).
 */
export class TaskError extends Error {
  constructor(name: string, cause: string | undefined) {
    super(cause ?? '');
    this.name = name;
  }
}

/**
 * Settles the pending tasks of a run that ended or was halted, so the library clears its per-task
 * timers. The library neither retries nor catches it (it reads these two flags), and by then the run's
 * result is already decided.
 */
export class RunAbandoned extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor() {
    super('The execution is no longer running in this process');
    this.name = 'LocalRunAbandoned';
  }
}
