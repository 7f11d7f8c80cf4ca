import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { type Alarm, AlarmStatusWidget, Dashboard, GraphWidget, type IMetric, SingleValueWidget, Stats, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { type BusinessMetric, EDITING_DECISIONS } from '../../functions/shared/metric-names';
import { businessMetric } from './business-metric';

export interface DashboardProps {
  documentPipeline: StateMachine;
  contributionIntake: StateMachine;
  api: HttpApi;
  /** Shown with their state. */
  alarms: Alarm[];
}

/**
 * The operator's dashboard: the documentation chain (documents, translation jobs, editing and
 * printing, the webhook, the pipeline's executions, the API) and the article 56 account
 * (contributions, USD received, receipts, the intake's executions), totals over the time range
 * and hourly graphs, then every alarm's state. Business metrics are named exactly (a SEARCH
 * would miss the account's quiet months).
 */
export function operatorDashboard(scope: Construct, id: string, props: DashboardProps): Dashboard {
  const hourly = (...names: BusinessMetric[]) => names.map((name) => businessMetric(name));
  const executions = (machine: StateMachine) => [
    machine.metricStarted({ label: 'started' }),
    machine.metricSucceeded({ label: 'succeeded' }),
    machine.metricFailed({ label: 'failed' }),
    machine.metricAborted({ label: 'stopped' }),
    machine.metricTimedOut({ label: 'timed out' }),
  ];
  const totals = (title: string, metrics: IMetric[]) => new SingleValueWidget({ title, metrics, setPeriodToTimeRange: true, width: 24, height: 4 });
  const graph = (title: string, left: IMetric[], right: IMetric[] = [], width = 12) => new GraphWidget({ title, left, right, width, height: 6 });
  const dashboard = new Dashboard(scope, id, { defaultInterval: Duration.days(7) });
  const { api } = props;
  dashboard.addWidgets(new TextWidget({ markdown: '## Documentation chain\nDocuments through translation, editing, publication and printing (business metrics, UNODC/Secretariat).', width: 24, height: 2 }));
  dashboard.addWidgets(totals('Documents in the time range', hourly('DocumentSubmitted', 'DocumentPublished', 'DocumentFailed', 'DocumentWithdrawn')));
  dashboard.addWidgets(
    graph('Documents per hour', hourly('DocumentSubmitted', 'DocumentPublished', 'DocumentFailed', 'DocumentWithdrawn')),
    graph('Translation jobs per hour', hourly('TranslationJobOpened', 'TranslationJobCompleted', 'TranslationJobFailed')),
  );
  dashboard.addWidgets(
    graph('Editing decisions and print jobs per hour', [
      ...EDITING_DECISIONS.map((decision) => businessMetric('EditingDecision', Duration.hours(1), `EditingDecision ${decision}`, { decision })),
      businessMetric('PrintJobCompleted'),
    ]),
    graph('Translation webhook deliveries per hour, and the backlog', hourly('WebhookDelivered', 'WebhookDeliveryFailed', 'WebhookDeliveryRefused'), [
      businessMetric('WebhookDeliveriesPending', Duration.hours(1), 'pending (max)', {}, Stats.MAXIMUM),
    ]),
  );
  dashboard.addWidgets(
    graph('DocumentPipeline executions, and repairs by the reconcilers', executions(props.documentPipeline), hourly('RepairMade')),
    graph('API requests and 5xx', [api.metricCount({ label: 'requests' }), api.metricClientError({ label: '4xx' }), api.metricServerError({ label: '5xx' })]),
  );
  dashboard.addWidgets(
    graph('API latency (ms)', [api.metricLatency({ statistic: Stats.p(50), label: 'p50' }), api.metricLatency({ statistic: Stats.p(99), label: 'p99' }), api.metricIntegrationLatency({ statistic: Stats.p(99), label: 'integration p99' })], [], 24),
  );
  dashboard.addWidgets(new TextWidget({ markdown: '## Article 56 account\nContributions reported and received, their USD value at the UN operational rate, receipts issued.', width: 24, height: 2 }));
  dashboard.addWidgets(totals('Account in the time range', hourly('ContributionReported', 'ContributionConfirmed', 'ContributionRejected', 'ReceivedUsd', 'ReceiptIssued')));
  dashboard.addWidgets(
    graph('Contributions per hour', hourly('ContributionReported', 'ContributionConfirmed', 'ContributionRejected', 'ReceiptIssued'), hourly('ReceivedUsd')),
    graph('ContributionIntake executions', executions(props.contributionIntake)),
  );
  dashboard.addWidgets(new TextWidget({ markdown: '## Health\nEvery alarm of the stack; each notifies the alarm topic.', width: 24, height: 2 }));
  dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 8 }));
  return dashboard;
}
