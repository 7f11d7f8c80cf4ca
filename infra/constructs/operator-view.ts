import { CfnCondition, CfnParameter, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type Dashboard, type IMetric, MathExpression, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnSubscription, Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function';
import { businessMetric } from './business-metric';
import { operatorDashboard } from './operator-dashboard';

export interface OperatorViewProps {
  /** Every function of the app: each gets an Errors and a Throttles alarm. */
  functions: AppFunction[];
  documentPipeline: StateMachine;
  contributionIntake: StateMachine;
  /** Every table: throttled requests and system errors. */
  tables: Table[];
  api: HttpApi;
  /** Dead-letter queues by what ends up in them; a single message in one is an alarm. */
  deadLetterQueues: { queue: IQueue; holds: string }[];
  /** How often the webhook redelivery runs (and reports the deliveries still pending). */
  redeliveryEvery: Duration;
}

const FIVE_MINUTES = Duration.minutes(5);
/** The table operations the functions use (AppFunction grants no others; no transactions, no Scan). */
const TABLE_OPERATIONS = [Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM];

interface AlarmSpec {
  metric: IMetric;
  description: string;
  /** Breaching above this (default 0, so a single occurrence breaches). */
  threshold?: number;
  /** Breaching periods needed, out of as many evaluated (default 1). */
  periods?: number;
}

/**
 * What an operator sees of the system in AWS: one SNS topic that every alarm notifies (alarm
 * and back to OK; e-mail when the AlarmEmail parameter is set), alarms on everything that
 * fails without a client noticing (executions, functions, the API's 5xx and latency, tables,
 * dead-letter queues, webhook deliveries), and a dashboard of the chain and the account from
 * the business metrics (functions/shared/metric-names.ts) beside the services' own
 * (operator-dashboard.ts).
 */
export class OperatorView extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperatorViewProps) {
    super(scope, id);
    this.topic = this.alarmTopic();

    for (const fn of props.functions) this.functionAlarms(fn);
    this.executionAlarms('DocumentPipeline', props.documentPipeline, {
      failed: 'The document is marked failed, its history (GET /documents/{id}/history) says why; the execution is named after the document id: its event history in the Step Functions console shows the failed step.',
      stopped: 'Its document is left in its status without a workflow until the next run of the reconciler (document-reconciler) marks it failed and frees its symbol; submit it again if it is still wanted.',
      // A withdrawal stops its document's execution: only stops no withdrawal explains are alarming.
      expectedAborts: businessMetric('DocumentWithdrawn', FIVE_MINUTES),
    });
    this.executionAlarms('ContributionIntake', props.contributionIntake, {
      failed: 'The contribution stays reported, and finance can still confirm or reject it through the API (the decision does not need the workflow); the execution is named after the contribution id: its event history in the Step Functions console shows the failed step.',
      stopped: 'The contribution stays reported without its reminders: finance decides it through the API (confirm or reject).',
    });
    this.apiAlarms(props.api);
    for (const table of props.tables) this.tableAlarms(table);
    for (const { queue, holds } of props.deadLetterQueues) this.deadLetterAlarm(queue, holds);
    this.webhookAlarms(props.redeliveryEvery);
    this.alarm('RepairsRepeating', {
      metric: businessMetric('RepairMade', Duration.hours(1)),
      threshold: 1,
      description: 'The reconcilers (document-reconciler, contribution-reconciler) repaired more than one record within an hour: something keeps leaving work half done (crashing or timing-out functions, throttling, a failing Step Functions call). Each repair is in its record\'s history (event `repaired`, for documents GET /documents/{id}/history) and in the reconciler\'s log (metadata `repair`); look at the Errors alarms and the logs of the functions that did the work first.',
    });

    this.dashboard = operatorDashboard(this, 'Dashboard', { ...props, alarms: this.alarms });
  }

  private alarmTopic(): Topic {
    // CloudWatch can publish to an encrypted topic only with a key whose policy lets it: not the AWS-managed alias/aws/sns.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm notifications of the UNODC secretariat stack',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY, // it encrypts notifications in flight only, nothing kept
      pendingWindow: Duration.days(7),
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'Alarms', { displayName: 'UNODC secretariat alarms', masterKey: key, enforceSSL: true });

    const email = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      default: '',
      allowedPattern: '^$|^[^@\\s]+@[^@\\s]+$',
      description: 'Who receives alarm e-mails (empty: nobody; subscribe to the topic otherwise)',
    });
    email.overrideLogicalId('AlarmEmail');
    const hasEmail = new CfnCondition(this, 'HasAlarmEmail', { expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')) });
    const subscription = new Subscription(this, 'AlarmEmailSubscription', { topic, protocol: SubscriptionProtocol.EMAIL, endpoint: email.valueAsString });
    (subscription.node.defaultChild as CfnSubscription).cfnOptions.condition = hasEmail;
    Validations.of(subscription).acknowledge({
      id: 'Serverless::Serverless-SNSRedrivePolicy',
      reason: 'An alarm e-mail that could not be delivered needs no queue: the alarm\'s state and history stay in CloudWatch and on the dashboard, and a queue would need an alarm notifying this same topic.',
    });
    return topic;
  }

  /** An alarm on any occurrence (or above `threshold`), missing data meaning nothing happened, notifying the topic both ways. */
  private alarm(id: string, spec: AlarmSpec): Alarm {
    const periods = spec.periods ?? 1;
    const alarm = new Alarm(this, id, {
      metric: spec.metric,
      threshold: spec.threshold ?? 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: spec.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  private functionAlarms(fn: AppFunction): void {
    const logs = `its log group ${fn.logGroup.logGroupName} (JSON lines: level ERROR, with function_request_id, correlation_id and the ids of what it worked on)`;
    this.alarm(`${fn.node.id}Errors`, {
      metric: fn.metricErrors({ period: FIVE_MINUTES }),
      description: `The ${fn.service} function failed (an unhandled error, a timeout or a crash). Read ${logs} around the alarm time. API calls answered 500 then; workflow steps are retried when transient and otherwise fail their execution (see the execution alarms).`,
    });
    this.alarm(`${fn.node.id}Throttles`, {
      metric: fn.metricThrottles({ period: FIVE_MINUTES }),
      description: `Invocations of the ${fn.service} function were throttled: the account's Lambda concurrency is used up. Check ConcurrentExecutions in AWS/Lambda; ask for a higher concurrency quota or reserve concurrency for this function. API callers got 429/503 meanwhile; workflow steps retried.`,
    });
  }

  private executionAlarms(name: string, machine: StateMachine, help: { failed: string; stopped: string; expectedAborts?: IMetric }): void {
    this.alarm(`${name}ExecutionsFailed`, {
      metric: machine.metricFailed({ period: FIVE_MINUTES }),
      description: `A ${name} execution failed. ${help.failed}`,
    });
    this.alarm(`${name}ExecutionsTimedOut`, {
      metric: machine.metricTimedOut({ period: FIVE_MINUTES }),
      description: `A ${name} execution timed out. Its event history in the Step Functions console shows where it waited; its callbacks' timeouts are in the stack's settings (infra/settings.ts).`,
    });
    const aborted = machine.metricAborted({ period: FIVE_MINUTES });
    this.alarm(`${name}ExecutionsAborted`, {
      metric: help.expectedAborts
        ? new MathExpression({ expression: 'FILL(aborted, 0) - FILL(expected, 0)', usingMetrics: { aborted, expected: help.expectedAborts }, period: FIVE_MINUTES, label: 'Stops without a withdrawal' })
        : aborted,
      description: `A ${name} execution was stopped${help.expectedAborts ? ' that no withdrawal explains (withdrawing a document stops its execution and counts DocumentWithdrawn in the same minute; the reconciler stopping one a crashed withdrawal left running counts RepairMade instead)' : ''}. Look in CloudTrail for StopExecution on this state machine: who stopped it. ${help.stopped}`,
    });
  }

  private apiAlarms(api: HttpApi): void {
    this.alarm('ApiServerErrors', {
      metric: api.metricServerError({ period: FIVE_MINUTES }),
      description: 'The HTTP API answered 5xx, which no client input causes. The stage access log has the requestId of each; the function log line with that correlation_id says what failed (and the function\'s Errors alarm fires with it).',
    });
    this.alarm('ApiLatencyP99', {
      metric: api.metricLatency({ period: FIVE_MINUTES, statistic: Stats.p(99) }),
      threshold: 3000,
      periods: 3,
      description: 'The API\'s p99 latency stayed above 3 s for 15 minutes. Compare IntegrationLatency (the functions) with Latency, then the functions\' Duration and throttles, DynamoDB latency and throttles; the X-Ray service map shows where the time goes.',
    });
  }

  private tableAlarms(table: Table): void {
    const id = table.node.id;
    this.alarm(`${id}Throttles`, {
      metric: table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }),
      description: `Requests to the ${id} table were throttled (an on-demand table throttles a sudden burst beyond twice its previous peak, or a hot partition). The SDK and the workflow steps retry; if it lasts, see which operation in the alarm's metrics and which function calls it, and consider warm throughput for the table.`,
    });
    this.alarm(`${id}SystemErrors`, {
      metric: table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }),
      description: `DynamoDB answered 500 to requests on the ${id} table: a problem on AWS's side. Check the AWS Health Dashboard for DynamoDB in this Region; the SDK and the workflow steps retry, API callers got 500.`,
    });
  }

  private deadLetterAlarm(queue: IQueue, holds: string): void {
    this.alarm(`${queue.node.id}NotEmpty`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: Stats.MAXIMUM }),
      description: `A message is in the dead-letter queue of ${holds}. Read it (its attributes carry the error), fix the cause in the function's log; the next scheduled run does the work again. Then purge the queue (messages are kept 14 days).`,
    });
  }

  /**
   * Failing deliveries back off (up to an hour apart), so failures alone come too rarely to
   * show "failing for an hour"; every redelivery run instead reports how many deliveries are
   * still pending, and a backlog that never empties for an hour is the alarm.
   */
  private webhookAlarms(every: Duration): void {
    this.alarm('WebhookDeliveriesFailing', {
      metric: businessMetric('WebhookDeliveriesPending', every, 'WebhookDeliveriesPending', {}, Stats.MINIMUM),
      periods: Math.ceil(60 / every.toMinutes()),
      description: 'Translation webhook deliveries have been pending for an hour without the backlog ever emptying: the translation service does not accept them (down, or it refuses the signature). Jobs stay open and can be pulled (GET /translation-jobs); deliveries are retried with backoff. Tell the translation service, check the TranslationWebhookUrl parameter and the signing secret.',
    });
    this.alarm('WebhookDeliveriesRefused', {
      metric: businessMetric('WebhookDeliveryRefused', FIVE_MINUTES),
      description: 'A translation webhook URL is set but its signing secret is empty, so no job is pushed (the translation service must pull them meanwhile). Set the signing secret, or clear TranslationWebhookUrl.',
    });
  }
}
