import * as z from 'zod';

/**
 * A URI a client gives us and others follow (a document's source, a translation): `https:` or
 * `s3:` only. `javascript:`, `data:`, `file:` and plain `http:` URIs are refused, so nothing
 * served (e.g. the public publications list) can carry script or point inside a machine.
 */
export const SafeUri = z
  .url({ protocol: /^(https|s3)$/, hostname: /./, error: 'must be an https: or s3: URI with a host or bucket' })
  .max(2048)
  .describe('An https: or s3: URI');
