import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { CfnStateMachine, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/env-names';
import { ContributionIntake } from '../../workflows/contribution-intake';
import type { Settings } from '../settings';
import { AppFunction } from './app-function';
import { deadLetterQueue } from './dead-letters';
import type { DomainEventBus } from './domain-events';
import { index, table } from './tables';

export interface Article56AccountProps {
  settings: Settings;
  /** The app's TaskTokens table (the intake's waits keep their tokens there, owner `contribution#<id>`). */
  taskTokens: ITable;
  /** The app's Idempotency table (Idempotency-Key on the account's POSTs). */
  idempotency: ITable;
  /** The bus its contributions and overdue installments are announced on. */
  events: DomainEventBus;
}

/**
 * The article 56 account: its table, its API functions (one per resource of the catalogue),
 * the contribution intake workflow and the scheduled search for overdue installments.
 */
export class Article56Account extends Construct {
  readonly table: Table;
  /** API functions by the catalogue's `lambda` names. */
  readonly apiFunctions: Record<string, AppFunction>;
  readonly intake: StateMachine;
  readonly overdue: AppFunction;
  /** Scheduled overdue checks that EventBridge could not hand over, or that failed Lambda's retries. */
  readonly overdueFailures: Queue;
  /** Scheduled reconciliations that EventBridge could not hand over, or that failed Lambda's retries. */
  readonly reconcilerFailures: Queue;

  constructor(scope: Construct, id: string, props: Article56AccountProps) {
    super(scope, id);
    const { settings, taskTokens, idempotency, events } = props;

    // Layout and indexes: functions/account/adapters/account-table.ts.
    this.table = table(this, 'Account', 'pk', 'sk');
    index(this.table, 'byKind', 'kind', 'order');
    index(this.table, 'byOwner', 'owner', 'order');
    index(this.table, 'byStatus', 'statusKey', 'statusOrder');
    index(this.table, 'alsoInYear1', 'alsoYear1', 'donorSeq');
    index(this.table, 'alsoInYear2', 'alsoYear2', 'donorSeq');

    const iatiReportingOrg = new CfnParameter(this, 'IatiReportingOrgRef', {
      type: 'String', default: 'UNODC', description: 'IATI organisation identifier written as reporting-org of the account\'s IATI export',
    });
    iatiReportingOrg.overrideLogicalId('IatiReportingOrgRef'); // a plain name to deploy with, like the stack's other parameters

    const fn = (handler: string, description: string, timeout?: Duration, deadLetters?: Queue) =>
      new AppFunction(this, handler, { handler, description, ...(timeout && { timeout }), ...(deadLetters && { deadLetterQueue: deadLetters }) });
    const api = (handler: string, description: string) => fn(handler, description, Duration.seconds(10));
    const printouts = new AppFunction(this, 'account-printouts', {
      handler: 'account-printouts', description: 'Article 56 receipts and statements as PDF', timeout: Duration.seconds(10), pdf: true,
    }).reads(this.table, ENV.accountTable);

    // Workflow steps and the schedule.
    const awaitConfirmation = fn('account-intake', 'Intake of a contribution: keeps the wait\'s task token, passes on a decision already taken')
      .reads(this.table, ENV.accountTable)
      .writes(taskTokens, ENV.taskTokensTable);
    const remindFinance = fn('account-intake-reminder', 'Intake of a contribution: raises a reminder when it waits too long').writes(this.table, ENV.accountTable);
    this.overdueFailures = deadLetterQueue(this, 'OverdueCheckFailures', 'the scheduled search for overdue installments (DetectOverdueInstallments)');
    this.overdue = fn('account-overdue', 'Raises reminders for overdue pledge installments', Duration.minutes(5), this.overdueFailures).writes(this.table, ENV.accountTable);
    events.grantPublish(this.overdue);
    new Rule(this, 'DetectOverdueInstallments', {
      description: 'Look for pledge installments that fell due without being paid',
      schedule: Schedule.rate(Duration.minutes(settings.overdueCheckMinutes)),
      targets: [new LambdaFunction(this.overdue, { retryAttempts: 2, deadLetterQueue: this.overdueFailures })],
    });

    this.intake = new ContributionIntake(this, 'ContributionIntake', {
      steps: { awaitConfirmation, remindFinance },
      reminderAfter: Duration.days(settings.intakeReminderDays),
      waitAtMost: Duration.days(settings.intakeWaitDays),
      maxReminders: settings.intakeMaxReminders,
    }).stateMachine;
    // A separate policy, not the function's default one: the function would depend on it, and
    // it names the state machine, which names the function (a cycle).
    const intakeRole = awaitConfirmation.role;
    if (!intakeRole) throw new Error('account-intake has no execution role');
    new Policy(this, 'IntakeSelfCallback', {
      roles: [intakeRole],
      statements: [new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [this.intake.stateMachineArn] })],
    });

    // The sweep that starts an intake a crash left unstarted (functions/account/app/reconcile.ts).
    this.reconcilerFailures = deadLetterQueue(this, 'ContributionReconcilerFailures', 'the scheduled reconciliation of contributions (ReconcileContributions)');
    const reconciler = fn('contribution-reconciler', 'Starts the intake of reported contributions that have none', Duration.minutes(5), this.reconcilerFailures)
      .reads(this.table, ENV.accountTable);
    // Its one write: the reminder that tells finance of a repair (never a ledger item: see the Deny below).
    this.table.grant(reconciler, 'dynamodb:PutItem');
    reconciler.addEnvironment(ENV.contributionIntakeArn, this.intake.stateMachineArn);
    this.intake.grantStartExecution(reconciler);
    this.intake.grantExecution(reconciler, 'states:DescribeExecution');
    const intakeId = Stack.of(this).getLogicalId(this.intake.node.defaultChild as CfnStateMachine);
    reconciler.acknowledge(
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${intakeId}"}]}]}:*]`,
      'Describes executions of the contribution intake only (each named after its contribution).',
    );
    new Rule(this, 'ReconcileContributions', {
      description: 'Start the intake of reported contributions left without one by a crash',
      schedule: Schedule.rate(Duration.minutes(settings.reconcileMinutes)),
      targets: [new LambdaFunction(reconciler, { retryAttempts: 2, deadLetterQueue: this.reconcilerFailures })],
    });

    // API functions.
    const contributions = api('account-contributions', 'Article 56 contributions: report, read, confirm, reject')
      .writes(this.table, ENV.accountTable)
      .writes(idempotency, ENV.idempotencyTable)
      .reads(taskTokens, ENV.taskTokensTable);
    contributions.addEnvironment(ENV.contributionIntakeArn, this.intake.stateMachineArn);
    this.intake.grantStartExecution(contributions);
    this.intake.grantTaskResponse(contributions);
    events.grantPublish(contributions);
    const reports = api('account-reports', 'Article 56 account: summary, exports, reminders').reads(this.table, ENV.accountTable);
    reports.addEnvironment(ENV.iatiReportingOrgRef, iatiReportingOrg.valueAsString);
    this.apiFunctions = {
      'account-rates': api('account-rates', 'UN operational rates of exchange').writes(this.table, ENV.accountTable),
      'account-donors': api('account-donors', 'Article 56 donors and their statements').writes(this.table, ENV.accountTable).writes(idempotency, ENV.idempotencyTable),
      'account-pledges': api('account-pledges', 'Article 56 pledges').writes(this.table, ENV.accountTable).writes(idempotency, ENV.idempotencyTable),
      'account-contributions': contributions,
      'account-adjustments': api('account-adjustments', 'Article 56 corrections: adjustments and reversals').writes(this.table, ENV.accountTable).writes(idempotency, ENV.idempotencyTable),
      'account-reports': reports,
      'account-printouts': printouts,
    };

    // The ledger is append-only in IAM too, not only in code: only the functions that append
    // entries may put ledger items, and no function may update or delete one.
    const appenders = new Set<AppFunction>([this.apiFunctions['account-pledges'], contributions, this.apiFunctions['account-adjustments']]);
    const writers = [remindFinance, this.overdue, reconciler, ...Object.values(this.apiFunctions).filter((api) => api !== reports)];
    for (const writer of writers) {
      const actions = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', ...(appenders.has(writer) ? [] : ['dynamodb:PutItem'])];
      writer.addToRolePolicy(new PolicyStatement({
        effect: Effect.DENY,
        actions,
        resources: [this.table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${LEDGER_KEY_PREFIX}*`] } },
      }));
    }
  }
}

/** The partition keys of ledger items (functions/account/adapters/account-table.ts): `ledger#<donorId>`. */
export const LEDGER_KEY_PREFIX = 'ledger#';
