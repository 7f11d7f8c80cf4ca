/** Secrets Manager error codes this emulator answers with (the `__type` on the wire). */
export type SecretsManagerErrorCode =
  | 'ResourceNotFoundException'
  | 'ResourceExistsException'
  | 'InvalidParameterException'
  | 'InvalidRequestException'
  | 'InvalidNextTokenException'
  | 'ValidationException';

/** An API error: `name` is the AWS error code, so callers (and the HTTP server) can match on it. */
export class SecretsManagerError extends Error {
  constructor(
    readonly code: SecretsManagerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
