import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  CfnUserPoolGroup, FeaturePlan, Mfa, OAuthScope, ResourceServerScope, StringAttribute, UserPool,
  StandardThreatProtectionMode, UserPoolClient, UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/shared/roles';

/** Machine clients (translation services, print shops) use client credentials with a scope per role. */
const MACHINE_ROLES = ['translator', 'printer'] as const;

/**
 * Who may call the API: people sign in to the user pool and carry their roles as Cognito
 * groups (`cognito:groups`); a donor's user carries `custom:donorId`. Machine clients get
 * access tokens with scopes `unodc-api/<role>`.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly clients: UserPoolClient[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { donorId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role, description: `API role ${role}` });
    }
    const scopes = MACHINE_ROLES.map((role) => new ResourceServerScope({ scopeName: role, scopeDescription: `Acts as ${role}` }));
    const resourceServer = new UserPoolResourceServer(this, 'Api', { userPool: this.userPool, identifier: 'unodc-api', scopes });
    const people = this.userPool.addClient('People', {
      authFlows: { userSrp: true },
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.EMAIL], callbackUrls: ['https://localhost/callback'] },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });
    const machines = MACHINE_ROLES.map((role, index) =>
      this.userPool.addClient(`Machine-${role}`, {
        generateSecret: true,
        oAuth: { flows: { clientCredentials: true }, scopes: [OAuthScope.resourceServer(resourceServer, scopes[index])] },
        accessTokenValidity: Duration.hours(1),
      }),
    );
    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `unodc-secretariat-${this.node.addr.slice(0, 8)}` } });
    this.clients = [people, ...machines];
  }
}
