import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Choice, Condition, Fail, JsonPath, Map, Pass, type StateMachine, Succeed, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CALLBACK_EXPIRED, retryTransient } from './retries';
import { type CallbackLimits, STEP_TIMEOUT, callbackTask, standardStateMachine } from './standard-workflow';

export interface DocumentPipelineSteps {
  translationHandoff: IFunction;
  editingHandoff: IFunction;
  publication: IFunction;
  printHandoff: IFunction;
  failure: IFunction;
}

export interface DocumentPipelineProps {
  steps: DocumentPipelineSteps;
  translation: CallbackLimits;
  editing: CallbackLimits;
  printing: CallbackLimits;
}

/**
 * The documentation chain of one document, as a Standard state machine:
 * translate every target language (a job each, handed off with a task token) → review every
 * language (a revision loops that language back through translation while the others wait)
 * → publish all languages at once → print when there is a print run.
 * Expired callbacks offer the work again; any other failure marks the document failed.
 * 25 state transitions for five languages without revisions: 2 Maps, 5 × 1 translation, 5 × 3 review,
 * Publish, HasPrintRun, then AwaitPrinting or Completed.
 */
export class DocumentPipeline extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: DocumentPipelineProps) {
    super(scope, id);
    const { steps } = props;

    const callback = (name: string, fn: IFunction, limits: CallbackLimits, payload: Record<string, unknown>, resultPath: string) =>
      callbackTask(this, name, fn, limits, payload, resultPath);
    const languageWork = {
      documentId: JsonPath.stringAt('$.documentId'),
      language: JsonPath.stringAt('$.language'),
      round: JsonPath.numberAt('$.round'),
      attempt: JsonPath.numberAt('$.attempt'),
    };
    const nextAttempt = (name: string, round = '$.round') =>
      new Pass(this, name, {
        parameters: { 'documentId.$': '$.documentId', 'language.$': '$.language', 'round.$': round, 'attempt.$': 'States.MathAdd($.attempt, 1)' },
      });

    // 1. One translation job per target language, offered again when it fails or expires.
    const awaitTranslation = callback('AwaitTranslation', steps.translationHandoff, props.translation, languageWork, JsonPath.DISCARD);
    const offerTranslationAgain = nextAttempt('OfferTranslationAgain');
    awaitTranslation.addCatch(offerTranslationAgain, { errors: ['TranslationFailed', ...CALLBACK_EXPIRED], resultPath: JsonPath.DISCARD });
    offerTranslationAgain.next(awaitTranslation);
    const eachLanguage = { 'documentId.$': '$.documentId', 'language.$': '$$.Map.Item.Value', round: 1, attempt: 1 };
    const translateAll = new Map(this, 'TranslateAllLanguages', { itemsPath: '$.targetLanguages', itemSelector: eachLanguage, resultPath: JsonPath.DISCARD });
    translateAll.itemProcessor(awaitTranslation);

    // 2. Review per language; a revision is a new round of translation for that language only.
    const awaitReview = callback('AwaitReview', steps.editingHandoff, props.editing, languageWork, '$.review');
    const reissueReview = nextAttempt('ReissueReview');
    awaitReview.addCatch(reissueReview, { errors: CALLBACK_EXPIRED, resultPath: JsonPath.DISCARD });
    reissueReview.next(awaitReview);
    const requestRevision = new Pass(this, 'RequestRevision', {
      parameters: { 'documentId.$': '$.documentId', 'language.$': '$.language', 'round.$': 'States.MathAdd($.round, 1)', 'attempt.$': '$.attempt' },
    });
    const awaitRevisedTranslation = callback('AwaitRevisedTranslation', steps.translationHandoff, props.translation, languageWork, JsonPath.DISCARD);
    const offerRevisionAgain = nextAttempt('OfferRevisionAgain');
    awaitRevisedTranslation.addCatch(offerRevisionAgain, { errors: ['TranslationFailed', ...CALLBACK_EXPIRED], resultPath: JsonPath.DISCARD });
    offerRevisionAgain.next(awaitRevisedTranslation);
    requestRevision.next(awaitRevisedTranslation);
    awaitRevisedTranslation.next(awaitReview);
    awaitReview.next(
      new Choice(this, 'ReviewDecision')
        .when(Condition.stringEquals('$.review.decision', 'revise'), requestRevision)
        .otherwise(new Succeed(this, 'LanguageApproved')),
    );
    const reviewAll = new Map(this, 'ReviewAllLanguages', { itemsPath: '$.targetLanguages', itemSelector: eachLanguage, resultPath: JsonPath.DISCARD });
    reviewAll.itemProcessor(awaitReview);

    // 3. Publication of every language at once.
    const publish = retryTransient(
      new LambdaInvoke(this, 'Publish', {
        lambdaFunction: steps.publication,
        payload: TaskInput.fromObject({ documentId: JsonPath.stringAt('$.documentId') }),
        resultSelector: { 'printRun.$': '$.Payload.printRun', attempt: 1 },
        resultPath: '$.printing',
        taskTimeout: STEP_TIMEOUT,
        retryOnServiceExceptions: false,
      }),
    );

    // 4. Printing, when the document has a print run.
    const awaitPrinting = callback(
      'AwaitPrinting',
      steps.printHandoff,
      props.printing,
      { documentId: JsonPath.stringAt('$.documentId'), attempt: JsonPath.numberAt('$.printing.attempt') },
      JsonPath.DISCARD,
    );
    const reissuePrintJob = new Pass(this, 'ReissuePrintJob', {
      parameters: { 'documentId.$': '$.documentId', printing: { printRun: true, 'attempt.$': 'States.MathAdd($.printing.attempt, 1)' } },
    });
    awaitPrinting.addCatch(reissuePrintJob, { errors: CALLBACK_EXPIRED, resultPath: JsonPath.DISCARD });
    reissuePrintJob.next(awaitPrinting);

    // Anything else that goes wrong: the document is failed and its history says why.
    const markFailed = retryTransient(
      new LambdaInvoke(this, 'MarkFailed', {
        lambdaFunction: steps.failure,
        payload: TaskInput.fromObject({ documentId: JsonPath.stringAt('$.documentId'), failure: JsonPath.objectAt('$.failure') }),
        resultPath: JsonPath.DISCARD,
        taskTimeout: STEP_TIMEOUT,
        retryOnServiceExceptions: false,
      }),
    ).next(new Fail(this, 'PipelineFailed', { error: 'DocumentFailed', cause: 'The document could not go through the chain; see its history' }));
    for (const state of [translateAll, reviewAll, publish, awaitPrinting]) state.addCatch(markFailed, { errors: ['States.ALL'], resultPath: '$.failure' });

    const definition = translateAll
      .next(reviewAll)
      .next(publish)
      .next(new Choice(this, 'HasPrintRun').when(Condition.booleanEquals('$.printing.printRun', true), awaitPrinting).otherwise(new Succeed(this, 'Completed')));

    this.stateMachine = standardStateMachine(this, definition, 'Documentation chain of one official document', Object.values(steps) as IFunction[]);
  }
}
