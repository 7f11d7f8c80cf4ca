import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CfnOutput, DockerImage, Duration, FileSystem, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods, CachePolicy, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy } from '../console-headers';

const ROOT = path.join(__dirname, '..', '..');
const CONSOLE_DIR = path.join(ROOT, 'console');

export interface ConsoleConnections {
  /** The HTTP API's endpoint (https://…execute-api…). */
  apiUrl: string;
  /** The Cognito Hosted UI's base URL (https://….auth.<region>.amazoncognito.com). */
  hostedUiUrl: string;
  /** The people's app client (authorization code with PKCE, no secret). */
  clientId: string;
}

/**
 * The web console: its built assets in a private S3 bucket, served only through CloudFront
 * (origin access control, HTTPS only, strict security headers). The assets are built at synth
 * (console/build.ts, with the OpenAPI document the stack serves) and copied by a bucket
 * deployment, with a config.json naming the API and the Hosted UI. The console calls the API on
 * its own origin (CORS): CloudFront serves only static files.
 */
export class WebConsole extends Construct {
  readonly url: string;
  readonly callbackUrl: string;
  readonly distribution: Distribution;
  private connections?: ConsoleConnections;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access log bucket of the console; logging it into itself would loop.' });
    const site = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The CSP names the API and the Hosted UI, which exist only once the stack has made them.
    const csp = Lazy.string({
      produce: () => {
        if (!this.connections) throw new Error('WebConsole.connect() was not called');
        return contentSecurityPolicy({ connect: [this.connections.apiUrl, this.connections.hostedUiUrl], https: true });
      },
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'UNODC secretariat console: strict CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'UNODC secretariat console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // The console's own pages (/published, /docs, /donor…) are index.html: the app routes them.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    const acknowledge = (rule: string, reason: string) => Validations.of(this.distribution).acknowledge({ id: rule, reason });
    acknowledge('AwsSolutions-CFR1', 'Published documents are for every member state and the public: no geographic restriction.');
    acknowledge('AwsSolutions-CFR2', 'The distribution serves only static, public files; every data request goes to the API, which authorizes and throttles it.');
    acknowledge('AwsSolutions-CFR4', 'Served on the default CloudFront domain, whose certificate and TLS policy CloudFront manages; a custom domain would bring its own certificate and TLSv1.2_2021.');
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.callbackUrl = `${this.url}/callback`;
    new CfnOutput(Stack.of(this), 'ConsoleUrl', { value: this.url, description: 'The web console (CloudFront)' });
    new CfnOutput(Stack.of(this), 'ConsoleCallbackUrl', { value: this.callbackUrl, description: 'Hosted UI callback of the people\'s app client' });
    this.site = site;
  }

  private readonly site: Bucket;

  /** Builds the console against the served document and deploys it with its configuration. */
  connect(connections: ConsoleConnections, openApiDocument: string): void {
    this.connections = connections;
    const fingerprint = createHash('sha256')
      .update(FileSystem.fingerprint(CONSOLE_DIR, { exclude: ['dist', 'src/api/schema.d.ts'] }))
      .update(openApiDocument)
      .digest('hex');
    const assets = Source.asset(CONSOLE_DIR, {
      assetHash: fingerprint,
      bundling: {
        // Built on this machine (Node.js and the locked dependencies are what `cdk synth` runs on).
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
        local: {
          tryBundle(outputDir: string) {
            const work = mkdtempSync(path.join(tmpdir(), 'console-openapi-'));
            try {
              const file = path.join(work, 'openapi.json');
              writeFileSync(file, openApiDocument);
              execFileSync(process.execPath, ['--import', 'tsx', path.join(CONSOLE_DIR, 'build.ts'), '--openapi', file, '--out', outputDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
            } finally {
              rmSync(work, { recursive: true, force: true });
            }
            return true;
          },
        },
      },
    });
    const config = Source.jsonData('config.json', {
      apiBase: connections.apiUrl,
      auth: {
        authorizeUrl: `${connections.hostedUiUrl}/oauth2/authorize`,
        tokenUrl: `${connections.hostedUiUrl}/oauth2/token`,
        logoutUrl: `${connections.hostedUiUrl}/logout`,
        clientId: connections.clientId,
        scope: 'openid email',
      },
    });
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [assets, config],
      destinationBucket: this.site,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      prune: true,
    });
    // The deployment's function is CDK's own (a Python handler), run by CloudFormation at deploy time only.
    const handlers = Stack.of(this).node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const [id, reason] of [
      ['AwsSolutions-L1', 'CDK\'s bucket deployment handler: its runtime is chosen and updated by aws-cdk-lib.'],
      ...[
        'Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*',
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', `Resource::<${Stack.of(this).getLogicalId(this.site.node.defaultChild as CfnBucket)}.Arn>/*`,
      ].map((finding) => [`AwsSolutions::AwsSolutions-IAM5[${finding}]`, 'CDK\'s bucket deployment copies the console\'s assets: it reads the CDK asset bucket and replaces the objects of the console bucket (object ARNs end in /*).']),
      ['AwsSolutions::AwsSolutions-IAM5[Resource::*]', 'CloudFront invalidations (cloudfront:CreateInvalidation, GetInvalidation) name no resource narrower than *; the deployment invalidates the console\'s distribution after copying.'],
      ['Serverless-LambdaDLQ', 'Invoked by CloudFormation synchronously at deploy time: a failure fails the deployment, nothing is lost.'],
      ['Serverless-LambdaAsyncFailureDestination', 'Invoked by CloudFormation synchronously at deploy time: a failure fails the deployment.'],
      ['Serverless-LambdaTracing', 'A deploy-time helper of CDK, not part of any request path.'],
      ['Serverless-LambdaDefaultMemorySize', 'Set to 512 MB (memoryLimit) for unzipping the assets.'],
      ['Serverless-LambdaLatestVersion', 'CDK\'s bucket deployment handler: its runtime is chosen by aws-cdk-lib.'],
    ] as [string, string][]) {
      for (const scope of [deployment, ...handlers]) Validations.of(scope).acknowledge({ id, reason });
    }
  }
}
