import { type Stack, Validations } from 'aws-cdk-lib';

/** Findings acknowledged on purpose, each with the reason it is right for this system. */
export function acknowledgeNagFindings(stack: Stack): void {
  const acknowledge = (id: string, reason: string) => Validations.of(stack).acknowledge({ id, reason });
  acknowledge('AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AWS-maintained least-privilege policy for a function writing its own logs.');
}
