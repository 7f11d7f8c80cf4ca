import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { SecretariatStack } from './stack';

const app = new App();
new SecretariatStack(app, 'UnodcSecretariat', {
  description: 'UNODC Cybercrime Convention secretariat: documentation chain and article 56 account',
});
// cdk-nag's AwsSolutions and Serverless rules: every finding is fixed or acknowledged with its
// reason (infra/nag.ts, AppFunction.acknowledge).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true }));
