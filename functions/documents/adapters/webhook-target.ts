import { currentSecretString } from '../../shared/aws/secrets';
import type { WebhookTarget } from '../app/webhook';

/**
 * Where new translation jobs are pushed, if anywhere. The configuration names the signing
 * secret (its ARN); its value is read when a delivery signs, cached `secretMaxAgeSeconds`.
 */
export function webhookTarget(url: string | undefined, signingSecretArn: string | undefined, secretMaxAgeSeconds: number): WebhookTarget | undefined {
  if (!url) return undefined;
  return {
    url,
    signingKey: async () => (signingSecretArn ? currentSecretString(signingSecretArn, secretMaxAgeSeconds) : { problem: 'no signing secret is configured' }),
  };
}
