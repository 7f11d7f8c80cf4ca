import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, type IChainable, IntegrationPattern, JsonPath, LogLevel, StateMachine, StateMachineType, TaskInput, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { retryTransient } from './retries';

/** A plain Lambda step: it answers in seconds or it is retried. */
export const STEP_TIMEOUT = Timeout.duration(Duration.seconds(60));

export interface CallbackLimits {
  timeout: Duration;
  heartbeat: Duration;
}

/**
 * A callback task: the step receives a task token, hands the work off, and the workflow waits
 * for SendTaskSuccess/Failure, within `limits` (a heartbeat must come more often than the
 * timeout). Transient errors of the step are retried.
 */
export function callbackTask(scope: Construct, name: string, fn: IFunction, limits: CallbackLimits, payload: Record<string, unknown>, resultPath: string): LambdaInvoke {
  return retryTransient(
    new LambdaInvoke(scope, name, {
      lambdaFunction: fn,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ ...payload, taskToken: JsonPath.taskToken }),
      taskTimeout: Timeout.duration(limits.timeout),
      heartbeatTimeout: Timeout.duration(limits.heartbeat),
      retryOnServiceExceptions: false,
      resultPath,
    }),
  );
}

/** A Standard state machine with X-Ray tracing and full logging (without execution data: it holds task tokens). */
export function standardStateMachine(scope: Construct, definition: IChainable, comment: string, steps: IFunction[]): StateMachine {
  const stateMachine = new StateMachine(scope, 'StateMachine', {
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(definition),
    comment,
    tracingEnabled: true,
    logs: {
      destination: new LogGroup(scope, 'Logs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
      level: LogLevel.ALL,
      includeExecutionData: false,
    },
  });
  const acknowledge = (finding: string, reason: string) => Validations.of(stateMachine).acknowledge({ id: `AwsSolutions::${finding}`, reason });
  acknowledge('AwsSolutions-IAM5[Resource::*]', 'X-Ray trace writes and log delivery have no resource-level permissions.');
  for (const fn of steps) {
    const logicalId = Stack.of(scope).getLogicalId(fn.node.defaultChild as CfnFunction);
    acknowledge(`AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`, 'Invokes versions of its own step functions (CDK grants the function and its versions).');
  }
  return stateMachine;
}
