import { AwsServiceError } from '../aws-json-endpoint';

/** Secrets Manager error codes this emulator answers with (the `__type` on the wire). */
export type SecretsManagerErrorCode =
  | 'ResourceNotFoundException'
  | 'ResourceExistsException'
  | 'InvalidParameterException'
  | 'InvalidRequestException'
  | 'InvalidNextTokenException'
  | 'ValidationException';

/** An API error: `name` is the AWS error code, so callers (and the HTTP endpoint) can match on it. */
export class SecretsManagerError extends AwsServiceError<SecretsManagerErrorCode> {}
