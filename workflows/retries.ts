import { Duration } from 'aws-cdk-lib';
import { JitterType, type TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';

/** Errors worth retrying: our functions' TransientError and Lambda's own service errors. */
export const TRANSIENT_ERRORS = [
  'TransientError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/**
 * A Lambda invocation that ended without an answer: a timeout of the function (Sandbox.Timedout),
 * a crash or out of memory (Lambda.Unknown), the invoke call timing out. Every step of the
 * workflows is idempotent (it finds its own earlier writes), so running it again is safe.
 */
export const LOST_INVOCATION_ERRORS = ['Lambda.Unknown', 'Sandbox.Timedout', 'Lambda.ClientExecutionTimeoutException'];

/** Transient errors and lost invocations are retried with exponential backoff and full jitter (retries of many executions spread out). */
export function retryTransient<T extends TaskStateBase>(task: T): T {
  task.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.minutes(2), jitterStrategy: JitterType.FULL });
  task.addRetry({ errors: LOST_INVOCATION_ERRORS, interval: Duration.seconds(5), backoffRate: 2, maxAttempts: 3, maxDelay: Duration.minutes(1), jitterStrategy: JitterType.FULL });
  return task;
}

/** A callback that did not come in time: the work is offered again. */
export const CALLBACK_EXPIRED = ['States.Timeout', 'States.HeartbeatTimeout'];
