import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { catalogue } from '../functions/api/catalogue';
import { openApiDocument } from '../functions/api/openapi';
import { OPENAPI_FILE } from '../functions/api/openapi-file';
import { ENV, type EnvName } from '../functions/shared/env-names';
import { DocumentPipeline } from '../workflows/document-pipeline';
import { Article56Account } from './constructs/account';
import { AppFunction } from './constructs/app-function';
import { WebConsole } from './constructs/console';
import { deadLetterQueue } from './constructs/dead-letters';
import { DomainEventBus } from './constructs/domain-events';
import { SecretariatHttpApi } from './constructs/http-api';
import { Identity } from './constructs/identity';
import { OperatorView } from './constructs/operator-view';
import { DocumentTables } from './constructs/tables';
import { TranslationWebhook } from './constructs/translation-webhook';
import { acknowledgeNagFindings } from './nag';
import { readTranslationCapacity } from './capacity';
import { readSettings } from './settings';

const days = (value: number) => Duration.days(value);

export class SecretariatStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this.node);
    const tables = new DocumentTables(this, 'Data');
    // Domain events: granted to exactly the functions that announce a fact.
    const events = new DomainEventBus(this, 'DomainEvents');

    const webhook = new TranslationWebhook(this, 'TranslationWebhook');
    const webhookEnvironment = {
      [ENV.translationTimeoutDays]: String(settings.translationTimeoutDays),
      [ENV.maxTranslationAttempts]: String(settings.maxTranslationAttempts),
      ...webhook.environment,
    };

    // Workflow steps.
    const translationHandoff = new AppFunction(this, 'TranslationHandoff', {
      handler: 'translation-handoff', description: 'Opens a translation job and hands it to the translation service',
      environment: webhookEnvironment,
    })
      .writes(tables.documents, ENV.documentsTable)
      .writes(tables.translationJobs, ENV.translationJobsTable)
      .writes(tables.taskTokens, ENV.taskTokensTable);
    webhook.grantSigning(translationHandoff);
    // Scheduled runs that EventBridge could not hand over, or that failed Lambda's retries.
    const redeliveryFailures = deadLetterQueue(this, 'RedeliveryFailures', 'the scheduled webhook redelivery (RedeliverTranslationJobs)');
    const translationRedelivery = new AppFunction(this, 'TranslationRedelivery', {
      handler: 'translation-redelivery', description: 'Retries webhook deliveries of translation jobs', timeout: Duration.minutes(5),
      environment: webhookEnvironment, deadLetterQueue: redeliveryFailures,
    })
      .writes(tables.documents, ENV.documentsTable)
      .writes(tables.translationJobs, ENV.translationJobsTable)
      .writes(tables.taskTokens, ENV.taskTokensTable);
    webhook.grantSigning(translationRedelivery);
    new Rule(this, 'RedeliverTranslationJobs', {
      description: 'Retry translation webhook deliveries that failed',
      schedule: Schedule.rate(Duration.minutes(settings.redeliveryMinutes)),
      targets: [new LambdaFunction(translationRedelivery, { retryAttempts: 2, deadLetterQueue: redeliveryFailures })],
    });
    const editingHandoff = new AppFunction(this, 'EditingHandoff', { handler: 'editing-handoff', description: 'Opens an editing task for a language version' })
      .writes(tables.documents, ENV.documentsTable)
      .writes(tables.editingTasks, ENV.editingTasksTable)
      .writes(tables.taskTokens, ENV.taskTokensTable);
    const publication = new AppFunction(this, 'PublicationStep', { handler: 'publication-step', description: 'Publishes every language version at once' })
      .writes(tables.documents, ENV.documentsTable);
    events.grantPublish(publication);
    const printHandoff = new AppFunction(this, 'PrintHandoff', { handler: 'print-handoff', description: 'Opens the print job of a published document' })
      .writes(tables.documents, ENV.documentsTable)
      .writes(tables.printJobs, ENV.printJobsTable)
      .writes(tables.taskTokens, ENV.taskTokensTable);
    const failure = new AppFunction(this, 'DocumentFailure', { handler: 'document-failure', description: 'Marks a document failed and closes its work' })
      .writes(tables.documents, ENV.documentsTable)
      .writes(tables.translationJobs, ENV.translationJobsTable)
      .writes(tables.editingTasks, ENV.editingTasksTable)
      .writes(tables.printJobs, ENV.printJobsTable);
    events.grantPublish(failure);

    const pipeline = new DocumentPipeline(this, 'DocumentPipeline', {
      steps: { translationHandoff, editingHandoff, publication, printHandoff, failure },
      translation: { timeout: days(settings.translationTimeoutDays), heartbeat: days(settings.translationHeartbeatDays) },
      editing: { timeout: days(settings.editingTimeoutDays), heartbeat: days(settings.editingHeartbeatDays) },
      printing: { timeout: days(settings.printTimeoutDays), heartbeat: days(settings.printHeartbeatDays) },
    }).stateMachine;

    // API functions, one per resource of the catalogue.
    const api = (handler: string, description: string, files?: Record<string, string>) =>
      new AppFunction(this, `Api-${handler}`, { handler, description, timeout: Duration.seconds(10), files });
    const documentsApi = api('documents', 'Documents: submit, read, withdraw')
      .writes(tables.documents, ENV.documentsTable)
      .writes(tables.translationJobs, ENV.translationJobsTable)
      .writes(tables.editingTasks, ENV.editingTasksTable)
      .writes(tables.printJobs, ENV.printJobsTable)
      .writes(tables.idempotency, ENV.idempotencyTable);
    documentsApi.addEnvironment(ENV.documentPipelineArn, pipeline.stateMachineArn);
    events.grantPublish(documentsApi);
    pipeline.grantStartExecution(documentsApi);
    pipeline.grantExecution(documentsApi, 'states:StopExecution');
    const machineId = this.getLogicalId(pipeline.node.defaultChild as CfnStateMachine);
    documentsApi.acknowledge(
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      'Stops executions of the document pipeline only (a withdrawn document\'s execution).',
    );
    // The sweep that heals what a crash or a race left half done (functions/documents/app/reconcile.ts).
    const reconcilerFailures = deadLetterQueue(this, 'DocumentReconcilerFailures', 'the scheduled reconciliation of documents (ReconcileDocuments)');
    const documentReconciler = new AppFunction(this, 'DocumentReconciler', {
      handler: 'document-reconciler', description: 'Heals documents without a live execution, withdrawals left half done and work nothing waits for',
      timeout: Duration.minutes(5), deadLetterQueue: reconcilerFailures,
    })
      .writes(tables.documents, ENV.documentsTable)
      .writes(tables.translationJobs, ENV.translationJobsTable)
      .writes(tables.editingTasks, ENV.editingTasksTable)
      .writes(tables.printJobs, ENV.printJobsTable);
    documentReconciler.addEnvironment(ENV.documentPipelineArn, pipeline.stateMachineArn);
    pipeline.grantStartExecution(documentReconciler);
    events.grantPublish(documentReconciler);
    pipeline.grantExecution(documentReconciler, 'states:DescribeExecution', 'states:StopExecution');
    // The running executions, to find a withdrawn document's that a crash left running.
    pipeline.grant(documentReconciler, 'states:ListExecutions');
    documentReconciler.acknowledge(
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      'Describes, and stops for a withdrawn document, executions of the document pipeline only (each named after its document).',
    );
    new Rule(this, 'ReconcileDocuments', {
      description: 'Heal documents and work left half done by a crash or a race',
      schedule: Schedule.rate(Duration.minutes(settings.reconcileMinutes)),
      targets: [new LambdaFunction(documentReconciler, { retryAttempts: 2, deadLetterQueue: reconcilerFailures })],
    });
    // Session planning and its plan (the workload against each language's capacity).
    const sessionsApi = api('sessions', 'Sessions: planning, slots, the plan with early warning')
      .writes(tables.documents, ENV.documentsTable)
      .reads(tables.translationJobs, ENV.translationJobsTable)
      .writes(tables.idempotency, ENV.idempotencyTable);
    sessionsApi.addEnvironment(ENV.translationCapacity, JSON.stringify(readTranslationCapacity(this.node)));
    // Daily early warning: every change of a document's issuance risk, in its history and as an event.
    const riskReviewFailures = deadLetterQueue(this, 'RiskReviewFailures', 'the daily review of issuance risk (ReviewIssuanceRisk)');
    const riskReview = new AppFunction(this, 'IssuanceRiskReview', {
      handler: 'issuance-risk', description: 'Records every change of issuance risk of the documents', timeout: Duration.minutes(5), deadLetterQueue: riskReviewFailures,
    })
      .writes(tables.documents, ENV.documentsTable)
      .reads(tables.translationJobs, ENV.translationJobsTable);
    events.grantPublish(riskReview);
    new Rule(this, 'ReviewIssuanceRisk', {
      description: 'Daily: record each change of a document\'s issuance risk (late, at-risk, on-track, done)',
      schedule: Schedule.rate(Duration.days(1)),
      targets: [new LambdaFunction(riskReview, { retryAttempts: 2, deadLetterQueue: riskReviewFailures })],
    });
    const callbacks = (handler: string, description: string, table: 'translationJobs' | 'editingTasks' | 'printJobs', variable: EnvName) => {
      const fn = api(handler, description)
        .writes(tables.documents, ENV.documentsTable)
        .writes(tables[table], variable)
        .reads(tables.taskTokens, ENV.taskTokensTable);
      pipeline.grantTaskResponse(fn);
      return fn;
    };
    const servedDocument = JSON.stringify(openApiDocument(catalogue));
    const functions: Record<string, AppFunction> = {
      // The document is built here, from the same catalogue as the routes, and shipped as a file:
      // the meta function never loads zod or the schemas at cold start.
      meta: api('meta', 'Health and the OpenAPI document', { [OPENAPI_FILE]: servedDocument }),
      documents: documentsApi,
      'translation-jobs': callbacks('translation-jobs', 'Translation service callbacks', 'translationJobs', ENV.translationJobsTable),
      'editing-tasks': callbacks('editing-tasks', 'Editors decisions', 'editingTasks', ENV.editingTasksTable),
      'print-jobs': callbacks('print-jobs', 'Print shop callbacks', 'printJobs', ENV.printJobsTable),
      publications: api('publications', 'Public list of published documents').reads(tables.documents, ENV.documentsTable),
      sessions: sessionsApi,
    };
    const account = new Article56Account(this, 'Account', { settings, taskTokens: tables.taskTokens, idempotency: tables.idempotency, events });
    Object.assign(functions, account.apiFunctions);

    const webConsole = new WebConsole(this, 'Console');
    const identity = new Identity(this, 'Identity', { console: webConsole });
    const http = new SecretariatHttpApi(this, 'Http', { routes: catalogue, functions, identity });
    // The console is built against the very document the API serves.
    webConsole.connect({ apiUrl: http.api.apiEndpoint, hostedUiUrl: identity.hostedUiUrl, clientId: identity.people.userPoolClientId }, servedDocument);

    // Every function and table of the stack, found rather than listed: a new one cannot be left unwatched.
    const all = this.node.findAll();
    new OperatorView(this, 'Operations', {
      functions: all.filter((construct): construct is AppFunction => construct instanceof AppFunction),
      tables: all.filter((construct): construct is Table => construct instanceof Table),
      documentPipeline: pipeline,
      contributionIntake: account.intake,
      api: http.api,
      redeliveryEvery: Duration.minutes(settings.redeliveryMinutes),
      deadLetterQueues: [
        { queue: redeliveryFailures, holds: 'the scheduled webhook redelivery (rule RedeliverTranslationJobs, function translation-redelivery)' },
        { queue: reconcilerFailures, holds: 'the scheduled reconciliation of documents (rule ReconcileDocuments, function document-reconciler)' },
        { queue: account.reconcilerFailures, holds: 'the scheduled reconciliation of contributions (rule ReconcileContributions, function contribution-reconciler)' },
        { queue: riskReviewFailures, holds: 'the daily review of issuance risk (rule ReviewIssuanceRisk, function issuance-risk)' },
        { queue: account.overdueFailures, holds: 'the scheduled search for overdue installments (rule DetectOverdueInstallments, function account-overdue)' },
      ],
    });
    acknowledgeNagFindings(this);
  }
}
