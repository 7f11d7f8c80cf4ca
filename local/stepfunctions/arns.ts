import { SfnError } from './errors';

// arn:<partition>:states:<region>:<account>:stateMachine:<name> and …:execution:<machine>:<name>.
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]{1,80}$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s]{1,80}:[^:\s]{1,80}$/;

/** `null` too: a hand-made request may send it. */
function required(value: string | null | undefined, field: string): string {
  if (value === undefined || value === null || value === '') {
    throw new SfnError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** AWS answers a malformed ARN with InvalidArn, and a well-formed unknown one with …DoesNotExist. */
export function stateMachineArn(value: string | undefined): string {
  const arn = required(value, 'stateMachineArn');
  if (!STATE_MACHINE_ARN.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
  return arn;
}

export function executionArn(value: string | undefined): string {
  const arn = required(value, 'executionArn');
  if (!EXECUTION_ARN.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
  return arn;
}
