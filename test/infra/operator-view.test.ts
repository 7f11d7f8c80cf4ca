import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BUSINESS_METRICS } from '../../functions/shared/metric-names';

/**
 * The operator's view in the synthesized template (`npm run synth` writes it before the
 * tests): every failure that no client would notice raises an alarm on the alarm topic, the
 * schedules keep what they could not run, tables cannot be deleted, and the dashboard shows the
 * chain and the account.
 */
type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  Condition?: string;
  DeletionPolicy?: string;
}
interface Dimension {
  Name: string;
  Value: unknown;
}
interface MetricStat {
  Metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] };
  Period: number;
  Stat: string;
}

const json = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as {
  Resources: Record<string, Resource>;
  Conditions: Record<string, unknown>;
  Parameters: Record<string, Json>;
};
const template = Template.fromJSON(json);
const resources = (type: string) => Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);
const [[topicId, topic]] = resources('AWS::SNS::Topic');
const alarms = resources('AWS::CloudWatch::Alarm').map(([id, alarm]): Json & { id: string } => ({ ...alarm.Properties, id }));

/** The metrics an alarm watches: its own, or those its math expression reads. */
function watched(alarm: Json): { namespace: string; name: string; dimensions: Dimension[]; period: number }[] {
  if (alarm.MetricName) {
    return [{ namespace: String(alarm.Namespace), name: alarm.MetricName as string, dimensions: (alarm.Dimensions as Dimension[] | undefined) ?? [], period: Number(alarm.Period) }];
  }
  return ((alarm.Metrics as { MetricStat?: MetricStat }[] | undefined) ?? [])
    .filter((query) => query.MetricStat)
    .map(({ MetricStat: stat }) => ({ namespace: stat!.Metric.Namespace, name: stat!.Metric.MetricName, dimensions: stat!.Metric.Dimensions ?? [], period: stat!.Period }));
}

/** The alarms on `metric` whose dimension `dimension` is `value` (a Ref or GetAtt of the resource). */
const alarmsOn = (namespace: string, metric: string, dimension: string, value: unknown) =>
  alarms.filter((alarm) => watched(alarm).some((m) => m.namespace === namespace && m.name === metric && m.dimensions.some((d) => d.Name === dimension && JSON.stringify(d.Value) === JSON.stringify(value))));

const denyWithoutTls = Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

const notifiesTopic = (alarm: Json) =>
  JSON.stringify(alarm.AlarmActions) === JSON.stringify([{ Ref: topicId }]) && JSON.stringify(alarm.OKActions) === JSON.stringify([{ Ref: topicId }]);

describe('the alarm topic', () => {
  test('is encrypted with a key CloudWatch may use, and takes only TLS publishers', () => {
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const keyPolicy = JSON.stringify(json.Resources[keyId].Properties.KeyPolicy);
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
    expect(json.Resources[keyId].Properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', { Topics: [{ Ref: topicId }], PolicyDocument: { Statement: Match.arrayWith([denyWithoutTls]) } });
  });

  test('e-mails AlarmEmail only when it is set (empty by default: no subscription)', () => {
    expect(json.Parameters.AlarmEmail).toMatchObject({ Type: 'String', Default: '' });
    const [[, subscription]] = resources('AWS::SNS::Subscription');
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' }, TopicArn: { Ref: topicId } });
    expect(subscription.Condition).toBeDefined();
    expect(json.Conditions[subscription.Condition!]).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }] });
  });
});

describe('every alarm', () => {
  test.each(alarms.map((alarm) => [alarm.id, alarm]))('%s notifies the topic (alarm and OK), counts missing data as fine, and says what to do', (_id, alarm) => {
    expect(notifiesTopic(alarm)).toBe(true);
    expect(alarm.TreatMissingData).toBe('notBreaching');
    const description = typeof alarm.AlarmDescription === 'string' ? alarm.AlarmDescription : JSON.stringify(alarm.AlarmDescription); // a Join when it names a resource
    expect(description.length).toBeGreaterThan(60);
  });
});

describe('workflows', () => {
  const machines = resources('AWS::StepFunctions::StateMachine');
  test.each(machines.map(([id]) => [id]))('%s: executions failed, timed out and aborted raise an alarm', (id) => {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      expect(alarmsOn('AWS/States', metric, 'StateMachineArn', { Ref: id })).toHaveLength(1);
    }
  });

  test('the pipeline\'s aborted executions are counted net of withdrawals (withdrawing stops the execution on purpose)', () => {
    const [pipeline] = machines.find(([id]) => id.startsWith('DocumentPipeline')) ?? [];
    const [aborted] = alarmsOn('AWS/States', 'ExecutionsAborted', 'StateMachineArn', { Ref: pipeline });
    expect(watched(aborted).map((m) => m.name)).toEqual(['ExecutionsAborted', 'DocumentWithdrawn']);
    expect(JSON.stringify(aborted.Metrics)).toContain('FILL(aborted, 0) - FILL(expected, 0)');
  });
});

describe('functions', () => {
  // Not CDK's bucket deployment handler (the console's assets): it runs only while CloudFormation deploys.
  test.each(resources('AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment')).map(([id]) => [id]))('%s: errors and throttles raise an alarm', (id) => {
    expect(alarmsOn('AWS/Lambda', 'Errors', 'FunctionName', { Ref: id })).toHaveLength(1);
    expect(alarmsOn('AWS/Lambda', 'Throttles', 'FunctionName', { Ref: id })).toHaveLength(1);
  });
});

describe('tables', () => {
  test.each(resources('AWS::DynamoDB::Table'))('%s: deletion protection, and throttled requests and system errors raise an alarm', (id, table) => {
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    const [throttles] = alarmsOn('AWS/DynamoDB', 'ThrottledRequests', 'TableName', { Ref: id });
    const [systemErrors] = alarmsOn('AWS/DynamoDB', 'SystemErrors', 'TableName', { Ref: id });
    // Every operation the functions are granted (AppFunction.reads/writes) is watched.
    for (const alarm of [throttles, systemErrors]) {
      const operations = watched(alarm).map((m) => m.dimensions.find((d) => d.Name === 'Operation')?.Value);
      expect(operations.sort()).toEqual(['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']);
    }
  });
});

describe('schedules', () => {
  const rules = resources('AWS::Events::Rule');
  const targets = rules.flatMap(([id, rule]) => (rule.Properties.Targets as { Arn: { 'Fn::GetAtt': [string, string] }; DeadLetterConfig?: { Arn: { 'Fn::GetAtt': [string, string] } } }[]).map((target) => [id, target] as const));

  test('there are scheduled targets', () => expect(targets.length).toBeGreaterThanOrEqual(2));

  test.each(targets)('%s: what EventBridge cannot deliver, and what the function fails three times, lands in one dead-letter queue that raises an alarm', (_rule, target) => {
    expect(target.DeadLetterConfig).toBeDefined();
    const queueId = target.DeadLetterConfig!.Arn['Fn::GetAtt'][0];
    const queue = json.Resources[queueId];
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', { Queues: [{ Ref: queueId }], PolicyDocument: { Statement: Match.arrayWith([denyWithoutTls]) } });
    const fn = json.Resources[target.Arn['Fn::GetAtt'][0]];
    expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    const [alarm] = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', { 'Fn::GetAtt': [queueId, 'QueueName'] });
    expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Statistic: 'Maximum' });
  });
});

describe('the HTTP API', () => {
  const [[apiId]] = resources('AWS::ApiGatewayV2::Api');
  test('any 5xx raises an alarm', () => {
    const [alarm] = alarmsOn('AWS/ApiGateway', '5xx', 'ApiId', { Ref: apiId });
    expect(alarm).toMatchObject({ Threshold: 0, EvaluationPeriods: 1, Statistic: 'Sum' });
  });
  test('a p99 latency above 3 s in 3 of 3 five-minute periods raises an alarm', () => {
    const [alarm] = alarmsOn('AWS/ApiGateway', 'Latency', 'ApiId', { Ref: apiId });
    expect(alarm).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 3000, Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 3 });
  });
});

describe('translation webhook deliveries', () => {
  const webhookAlarm = (metric: string) => alarms.find((alarm) => watched(alarm).some((m) => m.name === metric))!;
  const services = (alarm: Json) => watched(alarm).map((m) => m.dimensions.find((d) => d.Name === 'service')?.Value).sort();

  test('deliveries still pending after every redelivery run for an hour (12 of 12 five-minute runs) raise an alarm', () => {
    const alarm = webhookAlarm('WebhookDeliveriesPending');
    expect(alarm).toMatchObject({ EvaluationPeriods: 12, DatapointsToAlarm: 12, Threshold: 0 });
    expect(watched(alarm).map((m) => [m.namespace, m.period])).toEqual([['UNODC/Secretariat', 300]]);
    // The lowest backlog of each run's period: above 0 only if it never emptied.
    expect(JSON.stringify(alarm)).toContain('"Minimum"');
    expect(services(alarm)).toEqual(['translation-redelivery']);
  });

  test('any delivery refused for want of a signing secret raises an alarm', () => {
    const alarm = webhookAlarm('WebhookDeliveryRefused');
    expect(alarm).toMatchObject({ EvaluationPeriods: 1, Threshold: 0 });
    expect(services(alarm)).toEqual(['translation-handoff', 'translation-redelivery']);
  });
});

describe('the dashboard', () => {
  const [[, dashboard]] = resources('AWS::CloudWatch::Dashboard');
  // The body is an Fn::Join of JSON text and tokens (ARNs, ids): tokens become their logical ids, enough to read it.
  const join = dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : JSON.stringify(Object.values(part as Json)[0]).replace(/"/g, ''))).join('');
  const widgets = (JSON.parse(text) as { widgets: { type: string; properties: { metrics?: unknown[][]; alarms?: string[] } }[] }).widgets;
  /** Every metric a widget plots, as [namespace, name, dimension name, value, ...]. */
  const plotted = widgets.flatMap((widget) => widget.properties.metrics ?? []).map((row) => row.filter((cell) => typeof cell === 'string').join(' '));

  test.each(Object.entries(BUSINESS_METRICS))('shows %s, from every service that emits it', (name, services) => {
    for (const service of services) expect(plotted.some((row) => row.startsWith(`UNODC/Secretariat ${name} `) && row.includes(`service ${service}`))).toBe(true);
  });

  test('shows editing decisions apart: approvals and revisions', () => {
    expect(plotted).toEqual(expect.arrayContaining(['UNODC/Secretariat EditingDecision decision approve service editing-tasks', 'UNODC/Secretariat EditingDecision decision revise service editing-tasks']));
  });

  test('shows both workflows\' executions started, succeeded and failed, and the API\'s requests, 5xx and latency', () => {
    for (const [id] of resources('AWS::StepFunctions::StateMachine')) {
      for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed']) expect(plotted).toContain(`AWS/States ${metric} StateMachineArn ${id}`);
    }
    const [[apiId]] = resources('AWS::ApiGatewayV2::Api');
    for (const metric of ['Count', '5xx', 'Latency']) expect(plotted).toContain(`AWS/ApiGateway ${metric} ApiId ${apiId}`);
  });

  test('shows the state of every alarm', () => {
    const shown = widgets.flatMap((widget) => widget.properties.alarms ?? []);
    expect(shown.sort()).toEqual(alarms.map((alarm) => `[${alarm.id},Arn]`).sort());
  });
});
