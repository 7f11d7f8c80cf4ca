import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SecretariatStack } from './stack';

const app = new App();
new SecretariatStack(app, 'UnodcSecretariat', {
  description: 'UNODC Cybercrime Convention secretariat: documentation chain and article 56 account',
});
// cdk-nag's AwsSolutions rules: every finding is fixed or acknowledged with its reason (infra/nag.ts).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
