import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALPHANUMERIC, secretArn } from '../intrinsics';
import type { SecretSpec } from '../template';
import { SecretsManagerError } from './errors';
import { generateSecretString } from './generate';

const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
/** Secrets Manager keeps at most this many versions; older unlabelled ones go. */
const MAX_VERSIONS = 100;
const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

interface Version {
  versionId: string;
  secretString?: string;
  /** base64, as on the wire */
  secretBinary?: string;
  createdDate: number;
  stages: string[];
}
interface StoredSecret {
  arn: string;
  name: string;
  description?: string;
  createdDate: number;
  lastChangedDate: number;
  versions: Version[];
}
export interface SecretValueInput {
  ClientRequestToken?: string;
  SecretString?: string;
  SecretBinary?: string;
}

const invalid = (message: string) => new SecretsManagerError('InvalidParameterException', message);
const constraint = (field: string, rule: string) => new SecretsManagerError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${rule}`);

function checkValue(input: SecretValueInput, required: boolean): void {
  const { SecretString: text, SecretBinary: binary } = input;
  if (text !== undefined && binary !== undefined) throw invalid("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (text === undefined && binary === undefined && required) throw invalid('You must provide either SecretString or SecretBinary.');
  if (text !== undefined && (text.length < 1 || text.length > 65536)) throw constraint('secretString', 'Member must have length between 1 and 65536');
  if (binary !== undefined && (Buffer.from(binary, 'base64').length < 1 || Buffer.from(binary, 'base64').length > 65536)) throw constraint('secretBinary', 'Member must have length between 1 and 65536');
  const token = input.ClientRequestToken;
  if (token !== undefined && (token.length < 32 || token.length > 64)) throw constraint('clientRequestToken', 'Member must have length between 32 and 64');
}

const seconds = (ms: number) => ms / 1000;
const stagesById = (secret: StoredSecret) => Object.fromEntries(secret.versions.filter((v) => v.stages.length > 0).map((v) => [v.versionId, v.stages]));

/**
 * The secrets of the embedded stack, kept in one JSON file (written whole, then renamed, so a
 * crash leaves the previous state): the template's secrets get their first value on first
 * start and keep it across restarts, like a deployed secret.
 */
export class SecretStore {
  private readonly secrets: StoredSecret[];

  private constructor(private readonly file: string) {
    this.secrets = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { secrets: StoredSecret[] }).secrets : [];
  }

  static open(dir: string): SecretStore {
    mkdirSync(dir, { recursive: true });
    return new SecretStore(path.join(dir, 'secrets.json'));
  }

  private save(): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ secrets: this.secrets }), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  /** A template secret: created with its first value if it does not exist yet. */
  provision(spec: SecretSpec): void {
    if (this.secrets.some((secret) => secret.arn === spec.arn)) return;
    const now = Date.now();
    const value = spec.secretString ?? generateSecretString(spec.generate ?? {});
    this.secrets.push({ arn: spec.arn, name: spec.name, description: spec.description, createdDate: now, lastChangedDate: now, versions: [{ versionId: randomUUID(), secretString: value, createdDate: now, stages: [CURRENT] }] });
    this.save();
  }

  /** By ARN, by partial ARN (without the 6-character suffix) or by name. */
  private find(secretId: string | undefined): StoredSecret {
    if (!secretId) throw constraint('secretId', 'Member must not be null');
    const found = this.secrets.find((s) => s.arn === secretId || s.name === secretId || (s.arn.startsWith(`${secretId}-`) && s.arn.length === secretId.length + 7));
    if (!found) throw new SecretsManagerError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return found;
  }

  /** Adds a version, or finds the same one again for a repeated ClientRequestToken (idempotent, as in AWS). */
  private addVersion(secret: StoredSecret, input: SecretValueInput, stages: string[]): Version {
    const versionId = input.ClientRequestToken ?? randomUUID();
    const existing = secret.versions.find((version) => version.versionId === versionId);
    if (existing) {
      if (existing.secretString === input.SecretString && existing.secretBinary === input.SecretBinary) return existing;
      throw new SecretsManagerError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
    }
    const now = Date.now();
    const current = secret.versions.find((version) => version.stages.includes(CURRENT));
    for (const version of secret.versions) version.stages = version.stages.filter((stage) => !stages.includes(stage) && !(stages.includes(CURRENT) && stage === PREVIOUS));
    if (stages.includes(CURRENT) && current) current.stages.push(PREVIOUS);
    const version: Version = { versionId, secretString: input.SecretString, secretBinary: input.SecretBinary, createdDate: now, stages };
    secret.versions.push(version);
    while (secret.versions.length > MAX_VERSIONS) {
      const unlabelled = secret.versions.findIndex((v) => v.stages.length === 0);
      if (unlabelled < 0) break;
      secret.versions.splice(unlabelled, 1);
    }
    secret.lastChangedDate = now;
    return version;
  }

  create(input: SecretValueInput & { Name?: string; Description?: string }) {
    const name = input.Name;
    if (!name || !NAME.test(name)) throw invalid('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
    checkValue(input, false);
    if (this.secrets.some((secret) => secret.name === name)) throw new SecretsManagerError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    const now = Date.now();
    const suffix = Array.from({ length: 6 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
    const secret: StoredSecret = { arn: secretArn(name, suffix), name, description: input.Description, createdDate: now, lastChangedDate: now, versions: [] };
    // Without a value the secret has no version yet (GetSecretValue: ResourceNotFoundException), as in AWS.
    const version = input.SecretString !== undefined || input.SecretBinary !== undefined ? this.addVersion(secret, input, [CURRENT]) : undefined;
    this.secrets.push(secret);
    this.save();
    return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
  }

  putValue(input: SecretValueInput & { SecretId?: string; VersionStages?: string[] }) {
    const secret = this.find(input.SecretId);
    checkValue(input, true);
    const stages = input.VersionStages ?? [CURRENT];
    if (stages.length < 1 || stages.length > 20) throw constraint('versionStages', 'Member must have length between 1 and 20');
    const version = this.addVersion(secret, input, stages);
    this.save();
    return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: version.stages };
  }

  getValue(input: { SecretId?: string; VersionId?: string; VersionStage?: string }) {
    const secret = this.find(input.SecretId);
    const stage = input.VersionStage ?? (input.VersionId ? undefined : CURRENT);
    const version = secret.versions.find((v) => (input.VersionId === undefined || v.versionId === input.VersionId) && (stage === undefined || v.stages.includes(stage)));
    if (!version) {
      const what = input.VersionId ? `VersionId: ${input.VersionId}` : `staging label: ${String(stage)}`;
      throw new SecretsManagerError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${what}`);
    }
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      ...(version.secretString !== undefined ? { SecretString: version.secretString } : { SecretBinary: version.secretBinary }),
      VersionStages: version.stages,
      CreatedDate: seconds(version.createdDate),
    };
  }

  describe(input: { SecretId?: string }) {
    const secret = this.find(input.SecretId);
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(secret.description !== undefined ? { Description: secret.description } : {}),
      CreatedDate: seconds(secret.createdDate),
      LastChangedDate: seconds(secret.lastChangedDate),
      VersionIdsToStages: stagesById(secret),
    };
  }

  list(input: { MaxResults?: number; NextToken?: string; Filters?: { Key?: string; Values?: string[] }[] }) {
    const max = input.MaxResults ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 100) throw constraint('maxResults', 'Member must have value between 1 and 100');
    const start = input.NextToken === undefined ? 0 : Number(Buffer.from(input.NextToken, 'base64url').toString());
    if (!Number.isInteger(start) || start < 0) throw new SecretsManagerError('InvalidNextTokenException', 'The NextToken value is invalid.');
    const matches = (secret: StoredSecret) =>
      (input.Filters ?? []).every(({ Key: key, Values: values = [] }) => {
        if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) throw constraint('filters.values', 'Member must be a list of strings');
        const fields = key === 'name' ? [secret.name] : key === 'description' ? [secret.description ?? ''] : key === 'all' ? [secret.name, secret.description ?? ''] : undefined;
        if (!fields) throw invalid(`The filter key ${String(key)} is not supported by the embedded stack (name, description, all).`);
        return values.some((value) => fields.some((field) => field.toLowerCase().startsWith(value.toLowerCase())));
      });
    const all = this.secrets.filter(matches).sort((a, b) => a.name.localeCompare(b.name));
    const page = all.slice(start, start + max);
    return {
      SecretList: page.map((secret) => ({ ...this.describe({ SecretId: secret.arn }), SecretVersionsToStages: stagesById(secret) })).map(({ VersionIdsToStages: _omitted, ...entry }) => entry),
      ...(start + max < all.length ? { NextToken: Buffer.from(String(start + max)).toString('base64url') } : {}),
    };
  }
}
