import type { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Choice, Condition, Fail, JsonPath, Pass, type StateMachine, Succeed, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CONTRIBUTION_REJECTED } from '../functions/account/steps';
import { CALLBACK_EXPIRED, retryTransient } from './retries';
import { STEP_TIMEOUT, callbackTask, standardStateMachine } from './standard-workflow';

export interface ContributionIntakeProps {
  steps: {
    /** Saves the task token and passes on a decision already taken. */
    awaitConfirmation: IFunction;
    /** Raises a reminder to finance; says whether the contribution still waits. */
    remindFinance: IFunction;
  };
  /** Without a heartbeat (finance checking), a reminder is raised after this long. */
  reminderAfter: Duration;
  /** A reminder is raised after this long in any case (heartbeats cannot postpone it further). */
  waitAtMost: Duration;
  /** After this many reminders the workflow stops waiting (the contribution stays reported, its reminders listed). */
  maxReminders: number;
}

/**
 * The intake of one reported contribution, as a Standard state machine named after it: wait
 * for finance to confirm or reject it (a task token, closed by the decision), and each time a
 * reminder period passes without one, raise a reminder to finance and wait again.
 *
 *   BeginIntake → AwaitConfirmation ─ confirmed ─→ Received
 *                    │  ├─ rejected ─────────────→ Rejected
 *                    │  └─ heartbeat/timeout ─→ RemindFinance → (decided meanwhile → Decided)
 *                    │                                         → (max reminders → StillUnconfirmed)
 *                    └──────────────── NextRound ←─────────────┘
 *   Any other error of a step (after its retries) → IntakeFailed (a failed execution, alarmed).
 *
 * Each round's wait has its own payload (the round number), so its task token is its own.
 */
export class ContributionIntake extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ContributionIntakeProps) {
    super(scope, id);
    const { steps } = props;
    const round = { contributionId: JsonPath.stringAt('$.contributionId'), round: JsonPath.numberAt('$.round') };

    const begin = new Pass(this, 'BeginIntake', { parameters: { 'contributionId.$': '$.contributionId', round: 1 } });
    const awaitConfirmation = callbackTask(this, 'AwaitConfirmation', steps.awaitConfirmation, { timeout: props.waitAtMost, heartbeat: props.reminderAfter }, round, '$.decision');
    const remind = retryTransient(
      new LambdaInvoke(this, 'RemindFinance', {
        lambdaFunction: steps.remindFinance,
        payload: TaskInput.fromObject(round),
        resultSelector: { 'stillWaiting.$': '$.Payload.stillWaiting' },
        resultPath: '$.reminder',
        taskTimeout: STEP_TIMEOUT,
        retryOnServiceExceptions: false,
      }),
    );
    const nextRound = new Pass(this, 'NextRound', {
      parameters: { 'contributionId.$': '$.contributionId', 'round.$': 'States.MathAdd($.round, 1)' },
    });

    awaitConfirmation.addCatch(remind, { errors: CALLBACK_EXPIRED, resultPath: JsonPath.DISCARD });
    awaitConfirmation.addCatch(new Succeed(this, 'Rejected'), { errors: [CONTRIBUTION_REJECTED], resultPath: '$.rejection' });
    // Anything else (retries used up): a failed execution, which the ContributionIntakeExecutionsFailed alarm reports;
    // the contribution stays reported and the reconciler starts no second intake for it.
    const failed = new Fail(this, 'IntakeFailed', {
      error: 'IntakeFailed',
      cause: 'A step of the intake failed after its retries; the execution (named after the contribution) shows which, and the error',
    });
    for (const state of [awaitConfirmation, remind]) state.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.failure' });
    remind.next(
      new Choice(this, 'StillWaiting')
        .when(Condition.booleanEquals('$.reminder.stillWaiting', false), new Succeed(this, 'Decided', { comment: 'Decided while the reminder was raised' }))
        .when(Condition.numberGreaterThanEquals('$.round', props.maxReminders), new Succeed(this, 'StillUnconfirmed', { comment: 'Its reminders stay listed for finance' }))
        .otherwise(nextRound),
    );
    nextRound.next(awaitConfirmation);

    this.stateMachine = standardStateMachine(
      this,
      begin.next(awaitConfirmation).next(new Succeed(this, 'Received')),
      'Intake of one reported contribution: wait for confirmation, remind finance when it waits too long',
      Object.values(steps),
    );
  }
}
