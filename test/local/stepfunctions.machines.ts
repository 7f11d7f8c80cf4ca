import { machineArn } from './stepfunctions.helpers';

/** Small hand-written ASL definitions exercising what the project's workflows use. */

const callback = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const invoke = 'arn:aws:states:::lambda:invoke';

/** Prepare (Lambda) → Map over items, one callback per item → Succeed. */
export const approvals = {
  arn: machineArn('Approvals'),
  name: 'Approvals',
  definition: {
    StartAt: 'Prepare',
    States: {
      Prepare: {
        Type: 'Task',
        Resource: invoke,
        Parameters: { FunctionName: 'prepare', 'Payload.$': '$' },
        ResultSelector: { 'items.$': '$.Payload.items' },
        ResultPath: '$.prepared',
        Next: 'ApproveAll',
      },
      ApproveAll: {
        Type: 'Map',
        ItemsPath: '$.prepared.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Approve',
          States: {
            Approve: {
              Type: 'Task',
              Resource: callback,
              Parameters: {
                FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:approver',
                Payload: {
                  'token.$': '$$.Task.Token',
                  'item.$': '$',
                  'execution.$': '$$.Execution.Id',
                  // Must be the execution's start, also inside Map iterations and after a replay.
                  'started.$': '$$.Execution.StartTime',
                },
              },
              End: true,
            },
          },
        },
        ResultPath: '$.approvals',
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  },
};

function review(name: string, limits: { HeartbeatSeconds?: number; TimeoutSeconds?: number }) {
  return {
    arn: machineArn(name),
    name,
    definition: {
      StartAt: 'Review',
      States: {
        Review: {
          Type: 'Task',
          Resource: callback,
          Parameters: { FunctionName: 'reviewer', Payload: { 'token.$': '$$.Task.Token', 'doc.$': '$.doc' } },
          ...limits,
          ResultPath: '$.review',
          Catch: [
            // Listed first: in AWS States.TaskFailed does not match States.Timeout.
            { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Failed' },
            { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' },
          ],
          Next: 'Accepted',
        },
        Accepted: { Type: 'Pass', Result: 'accepted', ResultPath: '$.outcome', End: true },
        Failed: { Type: 'Pass', Result: 'failed', ResultPath: '$.outcome', End: true },
        TimedOut: { Type: 'Pass', Result: 'timed-out', ResultPath: '$.outcome', End: true },
      },
    },
  };
}

export const reviewMachine = review('Review', {});
export const heartbeatReview = review('HeartbeatReview', { HeartbeatSeconds: 1 });
/** A heartbeat period long enough that a loaded machine's real timers never fire before the test's fake clock moves. */
export const patientHeartbeatReview = review('PatientHeartbeatReview', { HeartbeatSeconds: 30 });
export const timedReview = review('TimedReview', { TimeoutSeconds: 1 });

/** A Choice loop around a Lambda given by ARN. */
export const counterLoop = {
  arn: machineArn('CounterLoop'),
  name: 'CounterLoop',
  definition: {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Result: { count: 0 }, Next: 'Increment' },
      Increment: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:increment', Next: 'Check' },
      Check: {
        Type: 'Choice',
        Choices: [{ Variable: '$.count', NumericGreaterThanEquals: 3, Next: 'Finished' }],
        Default: 'Increment',
      },
      Finished: { Type: 'Succeed' },
    },
  },
};

/** Retry on a flaky Lambda, Catch on a fatal one. */
export const flaky = {
  arn: machineArn('Flaky'),
  name: 'Flaky',
  definition: {
    StartAt: 'Call',
    States: {
      Call: {
        Type: 'Task',
        Resource: invoke,
        Parameters: { 'FunctionName.$': '$.fn', 'Payload.$': '$' },
        OutputPath: '$.Payload',
        Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 1 }],
        Catch: [{ ErrorEquals: ['FatalError'], ResultPath: '$.error', Next: 'Recovered' }],
        End: true,
      },
      Recovered: { Type: 'Pass', End: true },
    },
  },
};

/** Execution-level TimeoutSeconds around a callback that never comes. */
export const expiring = {
  arn: machineArn('Expiring'),
  name: 'Expiring',
  definition: {
    TimeoutSeconds: 1,
    StartAt: 'Await',
    States: {
      Await: {
        Type: 'Task',
        Resource: callback,
        Parameters: { FunctionName: 'reviewer', Payload: { 'token.$': '$$.Task.Token', 'doc.$': '$.doc' } },
        End: true,
      },
    },
  },
};

/** Parallel branches: a Lambda and a Pass. */
export const fanOut = {
  arn: machineArn('FanOut'),
  name: 'FanOut',
  definition: {
    StartAt: 'Both',
    States: {
      Both: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Bump',
            States: {
              Bump: { Type: 'Task', Resource: invoke, Parameters: { FunctionName: 'increment', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
            },
          },
          { StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } },
        ],
        End: true,
      },
    },
  },
};
