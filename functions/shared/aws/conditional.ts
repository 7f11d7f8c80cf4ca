import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/**
 * Runs a conditional write and returns what it returned; `undefined` when its condition did not
 * hold (someone else got there first). The one place a refused condition is recognised.
 */
export async function ifConditionHolds<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
      return undefined;
    }
    throw error;
  }
}

/** Runs a conditional write; `false` when its condition did not hold (someone else got there first). */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  const done = await ifConditionHolds(async () => {
    await write();
    return true;
  });
  return done ?? false;
}
