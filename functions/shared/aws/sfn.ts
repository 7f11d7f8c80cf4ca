import { SFNClient } from '@aws-sdk/client-sfn';

// Built once per container; AWS_ENDPOINT_URL_SFN points it at the embedded engine locally.
export const sfn = new SFNClient({});
