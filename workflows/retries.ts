import { Duration } from 'aws-cdk-lib';
import type { TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';

/** Errors worth retrying: our functions' TransientError and Lambda's own service errors. */
export const TRANSIENT_ERRORS = [
  'TransientError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

export function retryTransient<T extends TaskStateBase>(task: T): T {
  task.addRetry({ errors: TRANSIENT_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.minutes(2) });
  return task;
}

/** A callback that did not come in time: the work is offered again. */
export const CALLBACK_EXPIRED = ['States.Timeout', 'States.HeartbeatTimeout'];
