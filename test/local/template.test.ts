import * as path from 'node:path';
import { loadStack } from '../../local/template';

/**
 * The embedded stack reads the synthesized template as CloudFormation would: parameters with
 * their constraints, conditions, Fn::If, and the resources a condition leaves out.
 */
const CDK_OUT = path.join(__dirname, '..', '..', 'cdk.out');
const load = (env: Record<string, string> = {}) => loadStack(CDK_OUT, 'UnodcSecretariat', env);
const handoff = (env: Record<string, string> = {}) => {
  const fn = load(env).functions.find((candidate) => candidate.environment.POWERTOOLS_SERVICE_NAME === 'translation-handoff');
  if (!fn) throw new Error('no translation-handoff function');
  return fn.environment;
};
const EXISTING = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:translation-service/hmac-AbC123';

describe('the webhook signing secret, locally', () => {
  test('by default the stack\'s own secret exists, with a fixed ARN that the signing functions and the output name', () => {
    const model = load();
    expect(model.secrets).toEqual([
      expect.objectContaining({ name: expect.stringMatching(/^TranslationWebhookSigningSecret/), generate: { PasswordLength: 64, ExcludePunctuation: true } }),
    ]);
    const [secret] = model.secrets;
    expect(secret.arn).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:000000000000:secret:${secret.name}-[A-Za-z0-9]{6}$`));
    expect(load().secrets[0].arn).toBe(secret.arn);
    expect(handoff().TRANSLATION_WEBHOOK_SECRET_ARN).toBe(secret.arn);
    expect(model.outputs.TranslationWebhookSigningSecretArn).toBe(secret.arn);
  });

  test('with TranslationWebhookSecretArn the condition leaves the generated secret (and its output) out, and Fn::If picks the ARN given', () => {
    const model = load({ TRANSLATION_WEBHOOK_SECRET_ARN: EXISTING });
    expect(model.secrets).toEqual([]);
    expect(model.outputs).not.toHaveProperty('TranslationWebhookSigningSecretArn');
    expect(handoff({ TRANSLATION_WEBHOOK_SECRET_ARN: EXISTING }).TRANSLATION_WEBHOOK_SECRET_ARN).toBe(EXISTING);
  });
});

describe('parameter constraints, as CloudFormation applies them', () => {
  test.each([
    ['an http webhook URL', { TRANSLATION_WEBHOOK_URL: 'http://translation.example.org/jobs' }, /TranslationWebhookUrl \(TRANSLATION_WEBHOOK_URL\) must be an https:\/\/ URL/],
    ['a secret ARN without its suffix', { TRANSLATION_WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:hmac' }, /TranslationWebhookSecretArn .* must be the complete ARN/],
    ['a key where its ARN belongs', { TRANSLATION_WEBHOOK_SECRET_ARN: 'shh-this-is-the-key' }, /must be the complete ARN/],
    ['a max age of 0', { TRANSLATION_WEBHOOK_SECRET_MAX_AGE_SECONDS: '0' }, /TranslationWebhookSecretMaxAgeSeconds .* must be at least 1/],
    ['a max age that is no number', { TRANSLATION_WEBHOOK_SECRET_MAX_AGE_SECONDS: 'soon' }, /must be a number/],
  ])('%s is refused', (_what, env, message) => {
    expect(() => load(env)).toThrow(message);
  });

  test('values within the constraints reach the functions', () => {
    expect(handoff({ TRANSLATION_WEBHOOK_URL: 'https://translation.example.org/jobs', TRANSLATION_WEBHOOK_SECRET_MAX_AGE_SECONDS: '30' })).toMatchObject({
      TRANSLATION_WEBHOOK_URL: 'https://translation.example.org/jobs',
      TRANSLATION_WEBHOOK_SECRET_MAX_AGE_SECONDS: '30',
    });
  });
});
