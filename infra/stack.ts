import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { catalogue } from '../functions/api/catalogue';
import { openApiDocument } from '../functions/api/openapi';
import { OPENAPI_FILE } from '../functions/api/openapi-file';
import { DocumentPipeline } from '../workflows/document-pipeline';
import { Article56Account } from './constructs/account';
import { AppFunction } from './constructs/app-function';
import { deadLetterQueue } from './constructs/dead-letters';
import { SecretariatHttpApi } from './constructs/http-api';
import { Identity } from './constructs/identity';
import { OperatorView } from './constructs/operator-view';
import { DocumentTables } from './constructs/tables';
import { TranslationWebhook } from './constructs/translation-webhook';
import { acknowledgeNagFindings } from './nag';
import { readSettings } from './settings';

const days = (value: number) => Duration.days(value);

export class SecretariatStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this.node);
    const tables = new DocumentTables(this, 'Data');

    const webhook = new TranslationWebhook(this, 'TranslationWebhook');
    const webhookEnvironment = {
      TRANSLATION_TIMEOUT_DAYS: String(settings.translationTimeoutDays),
      MAX_TRANSLATION_ATTEMPTS: String(settings.maxTranslationAttempts),
      ...webhook.environment,
    };

    // Workflow steps.
    const translationHandoff = new AppFunction(this, 'TranslationHandoff', {
      handler: 'translation-handoff', description: 'Opens a translation job and hands it to the translation service',
      environment: webhookEnvironment,
    })
      .writes(tables.documents, 'DOCUMENTS_TABLE')
      .writes(tables.translationJobs, 'TRANSLATION_JOBS_TABLE')
      .writes(tables.taskTokens, 'TASK_TOKENS_TABLE');
    webhook.grantSigning(translationHandoff);
    // Scheduled runs that EventBridge could not hand over, or that failed Lambda's retries.
    const redeliveryFailures = deadLetterQueue(this, 'RedeliveryFailures', 'the scheduled webhook redelivery (RedeliverTranslationJobs)');
    const translationRedelivery = new AppFunction(this, 'TranslationRedelivery', {
      handler: 'translation-redelivery', description: 'Retries webhook deliveries of translation jobs', timeout: Duration.minutes(5),
      environment: webhookEnvironment, deadLetterQueue: redeliveryFailures,
    })
      .writes(tables.documents, 'DOCUMENTS_TABLE')
      .writes(tables.translationJobs, 'TRANSLATION_JOBS_TABLE')
      .writes(tables.taskTokens, 'TASK_TOKENS_TABLE');
    webhook.grantSigning(translationRedelivery);
    new Rule(this, 'RedeliverTranslationJobs', {
      description: 'Retry translation webhook deliveries that failed',
      schedule: Schedule.rate(Duration.minutes(settings.redeliveryMinutes)),
      targets: [new LambdaFunction(translationRedelivery, { retryAttempts: 2, deadLetterQueue: redeliveryFailures })],
    });
    const editingHandoff = new AppFunction(this, 'EditingHandoff', { handler: 'editing-handoff', description: 'Opens an editing task for a language version' })
      .writes(tables.documents, 'DOCUMENTS_TABLE')
      .writes(tables.editingTasks, 'EDITING_TASKS_TABLE')
      .writes(tables.taskTokens, 'TASK_TOKENS_TABLE');
    const publication = new AppFunction(this, 'PublicationStep', { handler: 'publication-step', description: 'Publishes every language version at once' })
      .writes(tables.documents, 'DOCUMENTS_TABLE');
    const printHandoff = new AppFunction(this, 'PrintHandoff', { handler: 'print-handoff', description: 'Opens the print job of a published document' })
      .writes(tables.documents, 'DOCUMENTS_TABLE')
      .writes(tables.printJobs, 'PRINT_JOBS_TABLE')
      .writes(tables.taskTokens, 'TASK_TOKENS_TABLE');
    const failure = new AppFunction(this, 'DocumentFailure', { handler: 'document-failure', description: 'Marks a document failed and closes its work' })
      .writes(tables.documents, 'DOCUMENTS_TABLE')
      .writes(tables.translationJobs, 'TRANSLATION_JOBS_TABLE')
      .writes(tables.editingTasks, 'EDITING_TASKS_TABLE')
      .writes(tables.printJobs, 'PRINT_JOBS_TABLE');

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
      .writes(tables.documents, 'DOCUMENTS_TABLE')
      .writes(tables.translationJobs, 'TRANSLATION_JOBS_TABLE')
      .writes(tables.editingTasks, 'EDITING_TASKS_TABLE')
      .writes(tables.printJobs, 'PRINT_JOBS_TABLE')
      .writes(tables.idempotency, 'IDEMPOTENCY_TABLE');
    documentsApi.addEnvironment('DOCUMENT_PIPELINE_ARN', pipeline.stateMachineArn);
    pipeline.grantStartExecution(documentsApi);
    pipeline.grantExecution(documentsApi, 'states:StopExecution');
    const machineId = this.getLogicalId(pipeline.node.defaultChild as CfnStateMachine);
    documentsApi.acknowledge(
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      'Stops executions of the document pipeline only (a withdrawn document\'s execution).',
    );
    const callbacks = (handler: string, description: string, table: 'translationJobs' | 'editingTasks' | 'printJobs', variable: string) => {
      const fn = api(handler, description)
        .writes(tables.documents, 'DOCUMENTS_TABLE')
        .writes(tables[table], variable)
        .reads(tables.taskTokens, 'TASK_TOKENS_TABLE');
      pipeline.grantTaskResponse(fn);
      return fn;
    };
    const functions: Record<string, AppFunction> = {
      // The document is built here, from the same catalogue as the routes, and shipped as a file:
      // the meta function never loads zod or the schemas at cold start.
      meta: api('meta', 'Health and the OpenAPI document', { [OPENAPI_FILE]: JSON.stringify(openApiDocument(catalogue)) }),
      documents: documentsApi,
      'translation-jobs': callbacks('translation-jobs', 'Translation service callbacks', 'translationJobs', 'TRANSLATION_JOBS_TABLE'),
      'editing-tasks': callbacks('editing-tasks', 'Editors decisions', 'editingTasks', 'EDITING_TASKS_TABLE'),
      'print-jobs': callbacks('print-jobs', 'Print shop callbacks', 'printJobs', 'PRINT_JOBS_TABLE'),
      publications: api('publications', 'Public list of published documents').reads(tables.documents, 'DOCUMENTS_TABLE'),
    };
    const account = new Article56Account(this, 'Account', { settings, taskTokens: tables.taskTokens, idempotency: tables.idempotency });
    Object.assign(functions, account.apiFunctions);

    const identity = new Identity(this, 'Identity');
    const http = new SecretariatHttpApi(this, 'Http', { routes: catalogue, functions, identity });

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
        { queue: account.overdueFailures, holds: 'the scheduled search for overdue installments (rule DetectOverdueInstallments, function account-overdue)' },
      ],
    });
    acknowledgeNagFindings(this);
  }
}
