import type { Page } from 'playwright-core';
import { type Actors, actors, documentReaches, openJobs, openTasks, translateAll, waitFor } from '../support/chain';
import { LocalStack } from '../support/stack';
import { type Browser, launchBrowser, screenshot, seriousViolations, signIn } from './browser';

/**
 * The console in a real browser (Debian's chromium) against the embedded stack, through the UI
 * only, except for the translation service, which uses the API as it would. Every page visited
 * is checked with axe-core and photographed for the README (docs/screenshots).
 */
let stack: LocalStack;
let browser: Browser;
let who: Actors;

beforeAll(async () => {
  stack = await LocalStack.start();
  browser = await launchBrowser();
  who = await actors(stack);
}, 120_000);

afterAll(async () => {
  await browser.close();
  await stack.stop();
});

/** Each page the scenarios show: accessible (no serious or critical axe finding), and photographed. */
async function checkPage(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  await screenshot(page, name);
}

const SYMBOL = 'CTOC/COSP/2027/UI.1';
let documentId: string;

describe('the documentation chain through the console', () => {
  test('the local sign-in page stands in for the Hosted UI', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Local sign-in' }).waitFor();
    await checkPage(page, 'sign-in');
    await page.close();
  });

  test('a secretariat user submits a document, after the API named what was wrong at each field', async () => {
    const page = await signIn(browser.context, stack.url, 'secretariat');
    await page.getByRole('link', { name: 'Submit a document', exact: true }).click();
    await page.getByRole('button', { name: 'Submit the document' }).click();
    // The contract's messages, at their fields.
    await page.locator('#symbol-error').waitFor();
    expect(await page.getByLabel('Symbol').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'submit-errors');

    await page.getByLabel('Symbol').fill(SYMBOL);
    await page.getByLabel('Title').fill('Report of the Conference of the States Parties on its first session');
    await page.getByLabel('Session code').fill('COSP-1');
    await page.getByLabel('Opening day').fill('2027-06-01');
    await page.getByLabel('Français').check();
    await page.getByLabel('Español').check();
    await page.getByLabel('Word count').fill('4000');
    await page.getByLabel('Source URI (optional)').fill('https://documents.example.org/cosp-1/report-en.docx');
    await page.getByRole('button', { name: 'Submit the document' }).click();
    await page.getByText(`${SYMBOL} was submitted: in-translation.`).waitFor();
    await page.getByRole('link', { name: `Open ${SYMBOL}` }).click();
    await page.getByTestId('document-status').getByText('in-translation').waitFor();
    documentId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await page.locator('.timeline li').first().waitFor();
    await checkPage(page, 'document');

    await page.getByRole('link', { name: 'Documents', exact: true }).click();
    await page.getByLabel('Session').fill('COSP-1');
    await page.getByRole('button', { name: 'Show' }).click();
    const row = page.getByRole('row').filter({ hasText: SYMBOL });
    await row.waitFor();
    // The deadlines come from the API: 10 and 6 weeks before the session opens.
    await row.getByRole('cell', { name: '2027-03-23' }).waitFor();
    await row.getByRole('cell', { name: '2027-04-20' }).waitFor();
    await checkPage(page, 'documents');
    await page.close();
  });

  test('the translator completes the jobs, an editor approves one language and revises the other', async () => {
    await translateAll(stack, who, documentId, 2);
    await waitFor(() => openTasks(stack, who, documentId), 2, 'open editing tasks');
    const page = await signIn(browser.context, stack.url, 'editor');
    await page.getByRole('link', { name: 'Editing tasks', exact: true }).click();
    const french = page.getByRole('form', { name: `Editing task ${SYMBOL} Français` });
    const spanish = page.getByRole('form', { name: `Editing task ${SYMBOL} Español` });
    await french.waitFor();
    await spanish.waitFor();
    await checkPage(page, 'editing-tasks');
    await french.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(`${SYMBOL} (Français): approved.`).waitFor();
    await spanish.getByLabel('Comments for the translator').fill('Use the terminology of the Convention in article 3.');
    await spanish.getByRole('button', { name: 'Revise' }).click();
    await page.getByText(`${SYMBOL} (Español): sent back for revision.`).waitFor();

    // The revised language is translated again; then the editor approves it.
    const [job] = await waitFor(() => openJobs(stack, who, documentId), 1, 'the revision job');
    expect(job.targetLanguage).toBe('es');
    await translateAll(stack, who, documentId, 1);
    await waitFor(() => openTasks(stack, who, documentId), 1, 'the revised editing task');
    await page.reload();
    await spanish.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(`${SYMBOL} (Español): approved.`).waitFor();
    await page.close();
    await documentReaches(stack, who, documentId, 'completed');
  });

  test('the document appears on /published, each language named in its own script', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/published?session=COSP-1`);
    const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(SYMBOL.replace(/[./]/g, '\\$&')) }) });
    await entry.waitFor();
    for (const name of ['English', 'Français', 'Español']) await entry.getByRole('link', { name }).waitFor();
    expect(await entry.getByRole('link', { name: 'Français' }).getAttribute('hreflang')).toBe('fr');
    await checkPage(page, 'published');
    await page.close();
  });
});

describe('the article 56 account through the console', () => {
  let finance: Page;
  beforeAll(async () => {
    finance = await signIn(browser.context, stack.url, 'finance');
  });
  afterAll(async () => {
    await finance.close();
  });

  test('finance registers the donors and the month\'s rates', async () => {
    await finance.getByRole('link', { name: 'Donors', exact: true }).click();
    for (const [donorId, name] of [['DE', 'Germany'], ['FR', 'France']]) {
      await finance.getByLabel('Donor id').fill(donorId);
      await finance.getByLabel('Name', { exact: true }).fill(name);
      await finance.getByRole('button', { name: 'Register' }).click();
      await finance.getByText(`${donorId} is registered.`).waitFor();
      await finance.getByRole('row').filter({ hasText: name }).waitFor();
    }
    await checkPage(finance, 'donors');

    await finance.goto(`${stack.url}/finance/rates?month=2026-11`);
    await finance.getByText('No rates are set for 2026-11.').waitFor();
    await finance.getByLabel('Currency').fill('EUR');
    await finance.getByLabel('Units per 1 USD').fill('0.9200');
    await finance.getByRole('button', { name: 'Record the rates' }).click();
    await finance.getByRole('table', { name: 'Rates of 2026-11 from its first day' }).getByRole('cell', { name: '0.9200' }).waitFor();
    await checkPage(finance, 'rates');
  });

  test('a donor records a pledge in installments and reports a payment', async () => {
    const donor = await signIn(browser.context, stack.url, 'donor', 'DE');
    await donor.getByRole('link', { name: 'Record a pledge', exact: true }).click();
    await donor.getByLabel('Amount', { exact: true }).fill('5000.00');
    await donor.getByLabel('Currency').fill('EUR');
    await donor.getByLabel('Pledged on').fill('2026-11-05');
    await donor.getByRole('button', { name: 'Add an installment' }).click();
    await donor.getByRole('button', { name: 'Add an installment' }).click();
    await donor.getByLabel('Installment 1 due on').fill('2026-11-30');
    await donor.getByLabel('Installment 1 amount').fill('2500.00');
    await donor.getByLabel('Installment 2 due on').fill('2027-05-31');
    await donor.getByLabel('Installment 2 amount').fill('2000.00');
    await donor.getByRole('button', { name: 'Record the pledge' }).click();
    // Installments that do not add up: the API says so, and nothing is recorded.
    await donor.getByRole('alert').waitFor();
    await donor.getByLabel('Installment 2 amount').fill('2500.00');
    await donor.getByRole('button', { name: 'Record the pledge' }).click();
    await donor.getByText(/Pledge .* is recorded: 5000.00 EUR \(5434.78 USD\)\./).waitFor();
    await checkPage(donor, 'pledge');

    await donor.getByRole('link', { name: 'Report a payment', exact: true }).click();
    await donor.getByLabel('Amount', { exact: true }).fill('2500.00');
    await donor.getByLabel('Currency').fill('EUR');
    await donor.getByLabel('Value date').fill('2026-11-10');
    await donor.getByLabel('Bank reference').fill('DE-UI-2026-1');
    await donor.getByRole('button', { name: 'Report the payment' }).click();
    await donor.getByText('Payment DE-UI-2026-1 is reported (reported)', { exact: false }).waitFor();
    await checkPage(donor, 'payment');
    await donor.close();
  });

  test('finance confirms the payment, and the donor sees the receipt on its statement', async () => {
    await finance.getByRole('link', { name: 'Contributions', exact: true }).click();
    const card = finance.getByRole('group', { name: /DE-UI-2026-1/ });
    await card.waitFor();
    await checkPage(finance, 'contributions');
    await card.getByLabel('Received on').fill('2026-11-12');
    await card.getByRole('button', { name: 'Confirm receipt' }).click();
    const outcome = finance.getByText(/DE-UI-2026-1: received, receipt \S+/);
    await outcome.waitFor();
    const receipt = /receipt (\S+)/.exec((await outcome.textContent()) ?? '')?.[1] ?? '';
    expect(receipt).not.toBe('');

    const donor = await signIn(browser.context, stack.url, 'donor', 'DE');
    await donor.goto(`${stack.url}/donor?year=2026`);
    const row = donor.getByRole('table', { name: 'Contributions received in 2026, with their receipts' }).getByRole('row').filter({ hasText: 'DE-UI-2026-1' });
    await row.getByRole('cell', { name: receipt }).waitFor();
    await row.getByRole('cell', { name: '2,500.00 EUR' }).waitFor();
    await checkPage(donor, 'statement');
    await donor.close();
  });

  test('a donor sees no other donor\'s data', async () => {
    const other = await signIn(browser.context, stack.url, 'donor', 'FR');
    await other.goto(`${stack.url}/donor?year=2026`);
    await other.getByText('No contribution was received in 2026.').waitFor();
    await other.getByText('No pledges.').waitFor();
    await other.getByText('No contributions.').waitFor();
    expect(await other.getByText('DE-UI-2026-1').count()).toBe(0);
    // Asking for DE's statement by its address: the API refuses, and the console shows its problem.
    await other.goto(`${stack.url}/donor?donorId=DE&year=2026`);
    await other.getByRole('alert').first().waitFor();
    expect(await other.getByText('DE-UI-2026-1').count()).toBe(0);
    await checkPage(other, 'other-donor-refused');
    await other.close();
  });

  test('the reminders and the yearly summary, with its CSV and IATI exports', async () => {
    await finance.getByRole('link', { name: 'Reminders', exact: true }).click();
    await finance.locator('.empty, .reminders').first().waitFor();
    await checkPage(finance, 'reminders');
    await finance.goto(`${stack.url}/finance/summary?year=2026`);
    await finance.getByRole('table', { name: 'By donor, 2026' }).getByRole('row').filter({ hasText: 'DE' }).waitFor();
    await finance.getByRole('button', { name: 'Prepare the CSV' }).click();
    await finance.getByRole('link', { name: 'Download article-56-2026.csv' }).waitFor();
    await finance.getByRole('button', { name: 'Prepare the IATI activity XML' }).click();
    await finance.getByRole('link', { name: 'Download article-56-2026.xml' }).waitFor();
    await checkPage(finance, 'summary');
  });
});

test('/docs renders the served OpenAPI document and a webhook signature example that verifies', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${stack.url}/docs`);
  await page.getByText('Recomputed in this browser: the example signature verifies.').waitFor();
  await page.getByTestId('openapi-viewer').locator('.info').waitFor();
  await page.getByTestId('openapi-viewer').getByText('/documents/{id}/withdraw').first().waitFor();
  await checkPage(page, 'docs');
  await page.close();
});
