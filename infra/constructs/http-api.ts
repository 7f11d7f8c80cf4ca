import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/shared/http/route';
import type { AppFunction } from './app-function';
import type { Identity } from './identity';

export interface HttpApiProps {
  routes: RouteSpec[];
  /** The function serving each `lambda` name of the catalogue. */
  functions: Record<string, AppFunction>;
  identity: Identity;
}

/** The HTTP API: one route per catalogue entry, the JWT authorizer on every non-public one, access logs. */
export class SecretariatHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { userPool, clients } = props.identity;
    const authorizer: IHttpRouteAuthorizer = new HttpJwtAuthorizer('Jwt', `https://cognito-idp.${userPool.stack.region}.amazonaws.com/${userPool.userPoolId}`, {
      jwtAudience: clients.map((client) => client.userPoolClientId),
    });
    this.api = new HttpApi(this, 'Api', {
      description: 'UNODC Cybercrime Convention secretariat',
      corsPreflight: { allowOrigins: ['*'], allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT], allowHeaders: ['authorization', 'content-type', 'idempotency-key'] },
    });
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of props.routes) {
      const fn = props.functions[route.lambda] as AppFunction | undefined;
      if (!fn) throw new Error(`No function for ${route.lambda} (${route.method} ${route.path})`);
      let integration = integrations.get(route.lambda);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.lambda}-integration`, fn);
        integrations.set(route.lambda, integration);
      }
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: route.access === 'public' ? new HttpNoneAuthorizer() : authorizer,
      });
      if (route.access === 'public') {
        Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason: `${route.method} ${route.path} is public by the API contract (${route.summary}).` });
      }
    }
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId', ip: '$context.identity.sourceIp', requestTime: '$context.requestTime', routeKey: '$context.routeKey',
        status: '$context.status', latency: '$context.responseLatency', integrationError: '$context.integrationErrorMessage', subject: '$context.authorizer.claims.sub',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    new CfnOutput(this, 'Url', { value: this.api.apiEndpoint });
  }
}
