import type { EnvName } from '../../functions/shared/env-names';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

const ROOT = path.join(__dirname, '..', '..');

/** Exactly the table operations the code uses: no Scan, no table administration. */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];

export interface AppFunctionProps {
  /** File name under functions/handlers, without extension. */
  handler: string;
  description: string;
  timeout?: Duration;
  environment?: Record<string, string>;
  /** Where its asynchronous invocations (schedules) go once Lambda's retries are used up. */
  deadLetterQueue?: IQueue;
  /** Data built at synth that the handler reads at run time, shipped next to its bundle: file name → content. */
  files?: Record<string, string>;
  /** It draws PDFs with pdfkit: its standard fonts are shipped next to the bundle (see `pdfFonts`). */
  pdf?: boolean;
}

const shellQuoted = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * Writes the files into the cloud assembly (under `<outdir>/files/<id>/`) and returns the bundling
 * hook that copies them into the asset: no generated file in the sources to go stale, and the
 * asset's hash covers them. The copy names them relative to the hook's `inputDir`, the project
 * (the host path locally; Docker's mount, which reaches them while the assembly is in the
 * project, as cdk.out is).
 */
function shipFiles(scope: Construct, id: string, files: Record<string, string>) {
  const dir = path.join(Stage.of(scope)?.outdir ?? path.join(ROOT, 'cdk.out'), 'files', id);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  const relative = path.relative(ROOT, dir);
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      Object.keys(files).map((name) => `cp ${shellQuoted(path.join(inputDir, relative, name))} ${shellQuoted(path.join(outputDir, name))}`),
  };
}

/** The PDF standard fonts the printouts use (functions/shared/pdf/render.ts). */
const PDF_FONTS = ['Helvetica', 'HelveticaBold'];

/**
 * pdfkit's CommonJS build loads a standard font at run time with `require('#standard-fonts/<name>')`
 * relative to its own file, which in a bundle is the bundle: esbuild cannot see that require. So
 * the font modules are copied next to the bundle with a package.json whose `imports` maps the
 * name, as pdfkit's own package.json does. The same asset runs in AWS and in the embedded
 * runtime, which loads the bundle from cdk.out.
 */
function pdfFonts(inputDir: string, outputDir: string): string[] {
  const fonts = path.join(inputDir, 'node_modules', 'pdfkit', 'js', 'standard-fonts');
  const target = path.join(outputDir, 'standard-fonts');
  const manifest = JSON.stringify({ private: true, imports: { '#standard-fonts/*': './standard-fonts/*.cjs' } });
  return [
    `mkdir -p ${shellQuoted(path.join(target, 'chunks'))}`,
    ...PDF_FONTS.map((font) => `cp ${shellQuoted(path.join(fonts, `${font}.cjs`))} ${shellQuoted(target)}/`),
    `cp ${shellQuoted(fonts)}/chunks/*.cjs ${shellQuoted(path.join(target, 'chunks'))}/`,
    `printf '%s' ${shellQuoted(manifest)} > ${shellQuoted(path.join(outputDir, 'package.json'))}`,
  ];
}

/** The bundling hooks: the shipped files, the PDF fonts, or none. */
function commandHooks(scope: Construct, id: string, props: AppFunctionProps) {
  if (!props.files && !props.pdf) return undefined;
  const files = props.files ? shipFiles(scope, id, props.files) : undefined;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [...(files?.afterBundling(inputDir, outputDir) ?? []), ...(props.pdf ? pdfFonts(inputDir, outputDir) : [])],
  };
}

/**
 * Every Lambda of the app: Node.js 22 on arm64 (the embedded stack runs the same major),
 * esbuild bundle with the SDK included (pinned version, faster cold start), JSON logs with
 * retention, X-Ray tracing. `reads`/`writes` grant a table and name it in the environment
 * together, so a function can never use a table it was not given.
 */
export class AppFunction extends NodejsFunction {
  /** The handler's name: its POWERTOOLS_SERVICE_NAME, the `service` dimension of its metrics. */
  readonly service: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id, {
      entry: path.join(ROOT, 'functions', 'handlers', `${props.handler}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
      projectRoot: ROOT,
      depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      bundling: {
        minify: true,
        keepNames: true,
        target: 'node22',
        format: OutputFormat.CJS,
        // The SDK's and Powertools' ES module builds first: esbuild drops what a handler does not
        // use from them, about a quarter of each bundle (the CommonJS builds cannot be shaken).
        mainFields: ['module', 'main'],
        externalModules: [],
        sourceMap: false,
        commandHooks: commandHooks(scope, id, props),
      },
      environment: { POWERTOOLS_SERVICE_NAME: props.handler, POWERTOOLS_LOG_LEVEL: 'INFO', ...props.environment },
      ...(props.deadLetterQueue && { deadLetterQueue: props.deadLetterQueue }),
    });
    this.service = props.handler;
    for (const rule of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      this.acknowledge(rule, 'Node.js 22 on purpose: the embedded stack and the tests run the same major version.');
    }
    if (!props.deadLetterQueue) {
      this.acknowledge('Serverless-LambdaDLQ', 'Invoked synchronously only (API Gateway, Step Functions), which receive its errors; a dead-letter queue only ever receives asynchronous invocations.');
    }
    this.acknowledge('AwsSolutions-IAM5[Resource::*]', 'X-Ray trace writes (PutTraceSegments, PutTelemetryRecords) have no resource-level permissions.');
  }

  /** Acknowledges a cdk-nag finding (`<Pack>-<Rule>[...]`) on this function and its role, with the reason. */
  acknowledge(finding: string, reason: string): void {
    Validations.of(this).acknowledge({ id: `${finding.split('-')[0]}::${finding}`, reason });
  }

  private grantTable(table: ITable, actions: string[]): void {
    table.grant(this, ...actions);
    const logicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnTable);
    this.acknowledge(`AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`, 'Queries the table\'s own global secondary indexes, all of which serve its lists.');
  }

  reads(table: ITable, variable: EnvName): this {
    this.addEnvironment(variable, table.tableName);
    this.grantTable(table, READ_ACTIONS);
    return this;
  }

  writes(table: ITable, variable: EnvName): this {
    this.addEnvironment(variable, table.tableName);
    this.grantTable(table, [...READ_ACTIONS, ...WRITE_ACTIONS]);
    return this;
  }
}
