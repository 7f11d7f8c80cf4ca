import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  CfnUserPoolGroup, ClientAttributes, FeaturePlan, Mfa, OAuthScope, ResourceServerScope, StringAttribute, UserPool,
  StandardThreatProtectionMode, UserPoolClient, UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { API_RESOURCE_SERVER, ROLES } from '../../functions/shared/roles';

/** Machine clients (translation services, print shops) use client credentials with a scope per role. */
const MACHINE_ROLES = ['translator', 'printer'] as const;

/** `custom:donorId` is set by finance (AdminUpdateUserAttributes, `npm run admin`), never by the user. */
export const DONOR_ID_ATTRIBUTE = 'donorId';

/**
 * Who may call the API: people sign in to the user pool and carry their roles as Cognito
 * groups (`cognito:groups`); a donor's user carries `custom:donorId`. Machine clients get
 * access tokens with scopes `unodc-api/<role>`.
 *
 * A user may change its own attributes with its access token (UpdateUserAttributes), within
 * what its app client may write: every client names exactly what it reads and writes, and no
 * client may write `custom:donorId`, so a donor can never make itself another donor.
 */
export interface IdentityProps {
  /** The web console: the people's client signs in through the Hosted UI back to it. */
  console: { url: string; callbackUrl: string };
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly clients: UserPoolClient[];
  readonly people: UserPoolClient;
  readonly hostedUiUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Mutable for finance only (an admin API call under IAM); no app client may write it.
      customAttributes: { [DONOR_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
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
    const resourceServer = new UserPoolResourceServer(this, 'Api', { userPool: this.userPool, identifier: API_RESOURCE_SERVER, scopes });
    const readable = new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes(DONOR_ID_ATTRIBUTE);
    const writable = new ClientAttributes().withStandardAttributes({ fullname: true });
    const people = this.userPool.addClient('People', {
      authFlows: { userSrp: true },
      readAttributes: readable,
      writeAttributes: writable,
      // Authorization code with PKCE from the console (a public client: no secret).
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.EMAIL], callbackUrls: [props.console.callbackUrl], logoutUrls: [`${props.console.url}/`] },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });
    const machines = MACHINE_ROLES.map((role, index) =>
      this.userPool.addClient(`Machine-${role}`, {
        generateSecret: true,
        // An empty list would mean Cognito's default (every attribute): name one harmless attribute.
        readAttributes: writable,
        writeAttributes: writable,
        oAuth: { flows: { clientCredentials: true }, scopes: [OAuthScope.resourceServer(resourceServer, scopes[index])] },
        accessTokenValidity: Duration.hours(1),
      }),
    );
    const domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `unodc-secretariat-${this.node.addr.slice(0, 8)}` } });
    this.clients = [people, ...machines];
    this.people = people;
    this.hostedUiUrl = domain.baseUrl();

    // What an operator needs to invite users (npm run admin) and a client needs to sign in.
    const output = (name: string, value: string, description: string) => new CfnOutput(Stack.of(this), name, { value, description });
    output('UserPoolId', this.userPool.userPoolId, 'Cognito user pool of the secretariat (npm run admin -- --user-pool-id)');
    output('PeopleClientId', people.userPoolClientId, 'App client of people (Hosted UI, authorization code with PKCE; send the ID token)');
    MACHINE_ROLES.forEach((role, index) =>
      output(`${role[0].toUpperCase()}${role.slice(1)}ClientId`, machines[index].userPoolClientId, `Machine client of the ${role} role (client credentials, scope ${API_RESOURCE_SERVER}/${role})`),
    );
    output('TokenEndpoint', `${domain.baseUrl()}/oauth2/token`, 'OAuth 2.0 token endpoint (client credentials for machine clients, code exchange for people)');
    output('HostedUiUrl', domain.baseUrl(), 'Cognito Hosted UI of the user pool');
  }
}
