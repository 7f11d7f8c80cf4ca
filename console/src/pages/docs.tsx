import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, run } from '../api/client';
import { config } from '../config';
import { ProblemView, Loading } from '../ui/components';
import { VERIFY_SNIPPET, WEBHOOK_EXAMPLE } from './webhook-example';

/** HMAC-SHA256 of "<timestamp>.<body>" in the browser, to show the example verifies. */
async function sign(secret: string, timestamp: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
  return `sha256=${Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

const EXAMPLE: [string, string][] = [
  ['Secret', WEBHOOK_EXAMPLE.secret],
  ['x-unodc-timestamp', WEBHOOK_EXAMPLE.timestamp],
  ['Body', WEBHOOK_EXAMPLE.body],
  ['x-unodc-signature', WEBHOOK_EXAMPLE.signature],
];

function WebhookSignature() {
  const [computed, setComputed] = useState<string>();
  useEffect(() => {
    void sign(WEBHOOK_EXAMPLE.secret, WEBHOOK_EXAMPLE.timestamp, WEBHOOK_EXAMPLE.body).then(setComputed);
  }, []);
  return (
    <section aria-labelledby="webhook-heading">
      <h2 id="webhook-heading">The translation webhook and its signature</h2>
      <p>
        When a document is submitted, each translation job is sent to the configured webhook as a <code>POST</code> with a JSON body{' '}
        <code>{'{"type":"translation-job.opened","job":{…}}'}</code> (a job as <code>GET /translation-jobs/{'{jobId}'}</code> returns it). Two headers sign it:
      </p>
      <ul>
        <li>
          <code>x-unodc-timestamp</code>: the time of sending, in Unix seconds;
        </li>
        <li>
          <code>x-unodc-signature</code>: <code>sha256=</code> followed by the lowercase hex HMAC-SHA256, keyed with the stack's signing secret, of{' '}
          <code>&lt;timestamp&gt;.&lt;raw body&gt;</code>.
        </li>
      </ul>
      <p>A receiver recomputes the HMAC over the raw bytes it received, compares in constant time, and refuses old timestamps. Every job can also be pulled with GET /translation-jobs.</p>
      <h3>Example</h3>
      <dl class="facts">
        {EXAMPLE.map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </Fragment>
        ))}
      </dl>
      <p role="status" data-testid="webhook-verified">
        {computed === undefined ? 'Checking the example…' : computed === WEBHOOK_EXAMPLE.signature ? 'Recomputed in this browser: the example signature verifies.' : `Recomputed in this browser: ${computed} (does not match)`}
      </p>
      <h3>Verifying it (Node.js)</h3>
      <pre>
        <code>{VERIFY_SNIPPET}</code>
      </pre>
    </section>
  );
}

/** The served OpenAPI document, rendered by Swagger UI (loaded only on this page). */
function OpenApiViewer() {
  const node = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | { problem: Parameters<typeof ProblemView>[0]['problem'] }>('loading');
  useEffect(() => {
    let current = true;
    void Promise.all([run(api().GET('/openapi.json')), import('./swagger')]).then(([document, viewer]) => {
      if (!current) return;
      if (!document.ok) return setState({ problem: document.problem });
      if (node.current) viewer.default({ spec: document.data, domNode: node.current, deepLinking: false, supportedSubmitMethods: [] });
      setState('ready');
    });
    return () => {
      current = false;
    };
  }, []);
  return (
    <section aria-labelledby="openapi-heading">
      <h2 id="openapi-heading">The HTTP API (OpenAPI 3.1)</h2>
      <p>
        The document itself: <a href={`${config().apiBase}/openapi.json`}>openapi.json</a>.
      </p>
      {state === 'loading' ? <Loading what="the API document" /> : null}
      {typeof state === 'object' ? <ProblemView problem={state.problem} /> : null}
      <div ref={node} class="openapi" data-testid="openapi-viewer" />
    </section>
  );
}

export function DocsPage() {
  return (
    <>
      <WebhookSignature />
      <OpenApiViewer />
    </>
  );
}
