import { WEBHOOK_EXAMPLE } from '../../../console/src/pages/webhook-example';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from '../../../functions/documents/app/webhook';

/** The signature example on /docs is the one the service itself computes, over the headers it sends. */
test('the example on /docs verifies with the service\'s own signing', () => {
  expect(signWebhook(WEBHOOK_EXAMPLE.secret, WEBHOOK_EXAMPLE.timestamp, WEBHOOK_EXAMPLE.body)).toBe(WEBHOOK_EXAMPLE.signature);
  expect([SIGNATURE_HEADER, TIMESTAMP_HEADER]).toEqual(['x-unodc-signature', 'x-unodc-timestamp']);
});
