import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';

/** The web console as synthesized (`npm run synth`): CloudFront in front of a private bucket, strict headers, the Hosted UI returning to it. */
const json = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
const template = Template.fromJSON(json);
const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] };

test('one distribution, HTTPS only, reading its private bucket through origin access control', () => {
  template.resourceCountIs('AWS::CloudFront::Distribution', 1);
  const [oacId] = Object.keys(template.findResources('AWS::CloudFront::OriginAccessControl', { Properties: { OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' } } }));
  expect(oacId).toBeDefined();
  template.hasResourceProperties('AWS::CloudFront::Distribution', {
    DistributionConfig: Match.objectLike({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only', AllowedMethods: ['GET', 'HEAD'], ResponseHeadersPolicyId: Match.anyValue() }),
      Origins: [Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } })],
      Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      // The console's pages are index.html: the single-page app routes them.
      CustomErrorResponses: Match.arrayWith([Match.objectLike({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' })]),
    }),
  });
  // Only CloudFront, for this distribution, may read the assets; nobody else, and never over plain HTTP.
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).map((policy) => JSON.stringify(policy));
  const assets = policies.find((policy) => policy.includes('cloudfront.amazonaws.com'));
  expect(assets).toContain('AWS:SourceArn');
  expect(assets).toContain('"aws:SecureTransport":"false"');
  template.allResourcesProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } });
});

test('the response headers policy sets a strict CSP, HSTS, no framing and no sniffing', () => {
  const [policy] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
  const security = (policy.Properties as { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, Record<string, unknown>> } }).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
  // The policy is a Fn::Join of text and the stack's tokens; the tokens are shown as <Ref> and <Resource.Attribute>.
  const join = security.ContentSecurityPolicy.ContentSecurityPolicy as { 'Fn::Join': [string, (string | { Ref: string } | { 'Fn::GetAtt': [string, string] })[]] };
  const csp = join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'Ref' in part ? `<${part.Ref}>` : `<${part['Fn::GetAtt'].join('.')}>`)).join('');
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", 'upgrade-insecure-requests']) expect(csp).toContain(directive);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  // connect-src names the API and the Hosted UI, and nothing else.
  const [apiId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'));
  const [domainId] = Object.keys(template.findResources('AWS::Cognito::UserPoolDomain'));
  expect(csp).toContain(`connect-src 'self' <${apiId}.ApiEndpoint> https://<${domainId}>.auth.<AWS::Region>.amazoncognito.com;`);
  expect(security.ContentSecurityPolicy.Override).toBe(true);
  expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true });
  expect(security.FrameOptions).toMatchObject({ FrameOption: 'DENY', Override: true });
  expect(security.ContentTypeOptions).toMatchObject({ Override: true });
  expect(security.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'strict-origin-when-cross-origin' });
});

test('the people\'s app client signs in with the authorization code flow back to the console (its callback is the distribution URL)', () => {
  template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
    GenerateSecret: Match.absent(),
    AllowedOAuthFlows: ['code'],
    CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/callback']] }],
    LogoutURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] }],
  });
  template.hasOutput('ConsoleUrl', { Value: consoleUrl });
  template.hasOutput('ConsoleCallbackUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/callback']] } });
});

test('the built console and its config.json are deployed to the bucket, and the distribution invalidated', () => {
  template.hasResourceProperties('Custom::CDKBucketDeployment', {
    SourceObjectKeys: Match.arrayWith([Match.stringLikeRegexp('\\.zip$')]),
    DistributionPaths: ['/*'],
    Prune: true,
  });
});
