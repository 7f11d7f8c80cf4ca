import { SFNClient } from '@aws-sdk/client-sfn';
import { tracer } from '../tracing';

// Built once per container; AWS_ENDPOINT_URL_SFN points it at the embedded engine locally.
// Traced in Lambda (an X-Ray subsegment per call), untouched elsewhere.
export const sfn = tracer.captureAWSv3Client(new SFNClient({}));
