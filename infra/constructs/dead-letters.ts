import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue: encrypted, HTTPS only, messages kept the longest SQS allows (14 days)
 * so that a failure noticed late can still be read. The operator view alarms on any message in it.
 */
export function deadLetterQueue(scope: Construct, id: string, holds: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const reason = `It is itself a dead-letter queue (${holds}): nothing reads it but an operator.`;
  for (const id of ['AwsSolutions::AwsSolutions-SQS3', 'Serverless::Serverless-SQSRedrivePolicy']) Validations.of(queue).acknowledge({ id, reason });
  return queue;
}
