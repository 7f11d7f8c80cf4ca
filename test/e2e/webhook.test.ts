import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type Actors, type Job, actors, openJobs, submit, waitFor } from '../support/chain';
import { LocalStack, eventually } from '../support/stack';
import { WebhookReceiver, selfSignedCertificate, signedWith } from '../support/webhook-receiver';

/**
 * The translation service receives each new job over https, signed with a key that lives in
 * Secrets Manager. The stack runs as a child process that trusts the receiver's self-signed
 * certificate (NODE_EXTRA_CA_CERTS), as a deployment trusts a public one.
 */
const tls = selfSignedCertificate();

/** The operator's view of Secrets Manager: the SDK against the endpoint the stack printed. */
const secretsManager = (stack: LocalStack) =>
  new SecretsManagerClient({ endpoint: stack.secretsManagerUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

const webhookStack = (receiver: WebhookReceiver, env: Record<string, string> = {}, dataDir?: string) =>
  LocalStack.start({
    dataDir,
    env: {
      TRANSLATION_WEBHOOK_URL: `${receiver.origin}/jobs`,
      TRANSLATION_WEBHOOK_RETRY_SECONDS: '0',
      TRANSLATION_WEBHOOK_SECRET_MAX_AGE_SECONDS: '1',
      LOCAL_SCHEDULE_INTERVAL_MS: '100',
      NODE_EXTRA_CA_CERTS: tls.certFile,
      AWS_LAMBDA_LOG_LEVEL: 'INFO', // every log line the functions write, to check none holds a key
      ...env,
    },
  });

/** The functions' structured log lines with this message. */
function logLines(stack: LocalStack, message: string): Record<string, unknown>[] {
  return stack.output
    .join('')
    .split('\n')
    .filter((line) => line.includes(message))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

const refusal = (stack: LocalStack, jobId: string, reason: string) => () =>
  Promise.resolve(logLines(stack, 'webhook delivery refused').some((line) => line.jobId === jobId && String(line.reason).includes(reason)) ? true : undefined);

describe('translation hand-off webhook, signed with the secret the stack generates', () => {
  let receiver: WebhookReceiver;
  let stack: LocalStack;
  let who: Actors;
  let signingKey: string;
  let secretArn: string;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(tls);
    stack = await webhookStack(receiver);
    who = await actors(stack);
    secretArn = stack.outputs().TranslationWebhookSigningSecretArn;
    signingKey = (await secretsManager(stack).send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString ?? '';
    receiver.keys = [signingKey];
  });
  afterAll(async () => {
    await stack.stop();
    await receiver.close();
  });

  test('the operator reads the key from Secrets Manager: 64 letters and digits', () => {
    expect(secretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:TranslationWebhookSigningSecret[A-Za-z0-9]*-[A-Za-z0-9]{6}$/);
    expect(signingKey).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  test('each job is delivered once, signed with HMAC-SHA256 over "<timestamp>.<body>" with that key', async () => {
    const document = await submit(stack, who, { targetLanguages: ['fr', 'es'] });
    const jobs = await waitFor(() => openJobs(stack, who, document.id), 2, 'jobs');
    await eventually(async () => (jobs.every((job) => receiver.acceptedFor(job.jobId).length > 0) ? true : undefined), 'both deliveries');
    for (const job of jobs) {
      const [delivery, ...again] = receiver.requestsFor(job.jobId);
      expect(again).toEqual([]);
      expect(signedWith(delivery, signingKey)).toBe(true);
      const payload = JSON.parse(delivery.body) as { type: string; job: Job };
      expect(payload.type).toBe('translation-job.opened');
      expect(payload.job).toMatchObject({ documentId: document.id, status: 'open', sourceLanguage: 'en' });
    }
  });

  test('a service that is down gets the job again later; meanwhile the job can be pulled', async () => {
    let refusalsLeft = 3;
    receiver.answer = () => (refusalsLeft-- > 0 ? { status: 503 } : undefined);
    const document = await submit(stack, who, { targetLanguages: ['ru'] });
    const [job] = await waitFor(() => openJobs(stack, who, document.id), 1, 'pullable job');
    await eventually(async () => (receiver.acceptedFor(job.jobId).length > 0 ? true : undefined), 'redelivery after the outage');
    receiver.answer = () => undefined;
    expect(receiver.requestsFor(job.jobId).length).toBeGreaterThanOrEqual(2);
    expect(receiver.acceptedFor(job.jobId)).toHaveLength(1);
  });

  test('a redirect is not followed: the other address gets nothing, and the job is delivered again later', async () => {
    let redirectsLeft = 2;
    receiver.answer = (delivery) => {
      if (delivery.path === '/elsewhere') return { status: 200 };
      return redirectsLeft-- > 0 ? { status: 302, location: `${receiver.origin}/elsewhere` } : undefined;
    };
    const document = await submit(stack, who, { targetLanguages: ['zh'] });
    const [job] = await waitFor(() => openJobs(stack, who, document.id), 1, 'pullable job');
    await eventually(async () => (receiver.acceptedFor(job.jobId).length > 0 ? true : undefined), 'delivery after the redirects');
    receiver.answer = () => undefined;
    const paths = receiver.requestsFor(job.jobId).map((request) => request.path);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    expect(new Set(paths)).toEqual(new Set(['/jobs']));
    expect(receiver.requests.filter((request) => request.path === '/elsewhere')).toEqual([]);
  });

  test('a new key (put-secret-value) signs the deliveries once the old one has aged out of the functions', async () => {
    const rotated = 'rotated-by-agreement-with-the-translation-service-0123456789abcdef';
    await secretsManager(stack).send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: rotated }));
    receiver.keys = [rotated]; // the service now takes only the new key
    const document = await submit(stack, who, { targetLanguages: ['ar'] });
    const [job] = await waitFor(() => openJobs(stack, who, document.id), 1, 'pullable job');
    await eventually(async () => (receiver.acceptedFor(job.jobId).length > 0 ? true : undefined), 'delivery signed with the new key');
    const [delivery] = receiver.acceptedFor(job.jobId);
    expect(signedWith(delivery, rotated)).toBe(true);
    expect(signedWith(delivery, signingKey)).toBe(false);
  });

  test('no key appears in what the stack wrote (its functions log at INFO)', () => {
    const written = stack.output.join('');
    expect(logLines(stack, 'webhook delivery failed').length).toBeGreaterThan(0); // the logs are really there
    expect(written).not.toContain(signingKey);
    expect(written).not.toContain('rotated-by-agreement');
  });
});

describe('a webhook URL that is not https', () => {
  test('is refused before anything starts, with the parameter constraint CloudFormation applies', async () => {
    await expect(LocalStack.start({ env: { TRANSLATION_WEBHOOK_URL: 'http://127.0.0.1:9/jobs' } })).rejects.toThrow(
      /TranslationWebhookUrl \(TRANSLATION_WEBHOOK_URL\) must be an https:\/\/ URL/,
    );
  });
});

describe('an existing signing secret, named by its ARN', () => {
  let receiver: WebhookReceiver;
  let stack: LocalStack;
  let who: Actors;
  let secretArn: string;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(tls);
    // The operator creates the secret first, without a value yet (AWS accepts no empty SecretString).
    const first = await LocalStack.start();
    secretArn = (await secretsManager(first).send(new CreateSecretCommand({ Name: 'translation-service/hmac' }))).ARN ?? '';
    await first.stop();
    stack = await webhookStack(receiver, { TRANSLATION_WEBHOOK_SECRET_ARN: secretArn }, first.dataDir);
    who = await actors(stack);
  });
  afterAll(async () => {
    await stack.stop();
    await receiver.close();
  });

  test('the stack generates no secret of its own then', () => {
    expect(stack.outputs()).not.toHaveProperty('TranslationWebhookSigningSecretArn');
  });

  test('without a value, or with only blanks, nothing is delivered; the job stays pullable and goes out once the key is there', async () => {
    const document = await submit(stack, who, { targetLanguages: ['fr'] });
    const [job] = await waitFor(() => openJobs(stack, who, document.id), 1, 'pullable job');
    await eventually(refusal(stack, job.jobId, 'does not exist'), 'a refusal: the secret has no value');
    await secretsManager(stack).send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: ' ' }));
    await eventually(refusal(stack, job.jobId, 'no string value'), 'a refusal: the value is blank');
    expect(receiver.requests).toEqual([]);
    expect((await openJobs(stack, who, document.id)).map((open) => open.jobId)).toEqual([job.jobId]);

    const key = 'shared-with-the-translation-service-by-the-operator-9f8e7d6c5b4a';
    await secretsManager(stack).send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: key }));
    receiver.keys = [key];
    await eventually(async () => (receiver.acceptedFor(job.jobId).length > 0 ? true : undefined), 'delivery once the key is there');
    expect(receiver.requestsFor(job.jobId).every((delivery) => signedWith(delivery, key))).toBe(true);
    expect(stack.output.join('')).not.toContain(key);
  });
});
