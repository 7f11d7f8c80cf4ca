import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * What the synthesized workflows do when a Lambda invocation is lost (a timeout, a crash, out of
 * memory): every task retries it with backoff and full jitter, and anything left over ends in a
 * failure state, never silently.
 */
interface State {
  Type: string;
  Resource?: string;
  Retry?: { ErrorEquals: string[]; JitterStrategy?: string; BackoffRate?: number; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  ItemProcessor?: { States: Record<string, State> };
}
interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

const template = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.out', 'UnodcSecretariat.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
const machine = (prefix: string): Record<string, State> => {
  const [, resource] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && id.startsWith(prefix)) ?? [];
  if (!resource) throw new Error(`no state machine ${prefix}`);
  const join = resource.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] };
  const definition = JSON.parse(join['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('')) as { States: Record<string, State> };
  // Every state, those inside a Map too.
  const all: Record<string, State> = {};
  const collect = (states: Record<string, State>) => {
    for (const [name, state] of Object.entries(states)) {
      all[name] = state;
      if (state.ItemProcessor) collect(state.ItemProcessor.States);
    }
  };
  collect(definition.States);
  return all;
};

const machines = { DocumentPipeline: machine('DocumentPipeline'), ContributionIntake: machine('AccountContributionIntake') };
const tasks = Object.entries(machines).flatMap(([name, states]) => Object.entries(states).filter(([, state]) => state.Type === 'Task').map(([task, state]) => [`${name}.${task}`, state] as const));

test.each(tasks)('%s retries lost invocations (Lambda.Unknown, Sandbox.Timedout, Lambda.ClientExecutionTimeoutException) with backoff and full jitter', (_name, state) => {
  const lost = state.Retry?.find((retry) => retry.ErrorEquals.includes('Lambda.Unknown'));
  expect(lost?.ErrorEquals).toEqual(expect.arrayContaining(['Lambda.Unknown', 'Sandbox.Timedout', 'Lambda.ClientExecutionTimeoutException']));
  expect(lost).toMatchObject({ JitterStrategy: 'FULL', BackoffRate: 2 });
  expect(state.Retry?.every((retry) => retry.JitterStrategy === 'FULL')).toBe(true);
});

test('every step of the contribution intake ends, when all else fails, in the IntakeFailed state', () => {
  const { ContributionIntake: states } = machines;
  expect(states.IntakeFailed).toMatchObject({ Type: 'Fail' });
  for (const task of ['AwaitConfirmation', 'RemindFinance']) {
    expect(states[task].Catch).toContainEqual(expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'IntakeFailed' }));
  }
});
