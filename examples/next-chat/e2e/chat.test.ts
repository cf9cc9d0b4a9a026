import { existsSync, mkdirSync } from 'node:fs';
import {
  type ModelStandIn,
  type Sandbox,
  startModelStandIn,
  startSandbox,
} from '@adstract/sandbox';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNext } from './next-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../test-results/', import.meta.url);

let sandbox: Sandbox;
let standIn: ModelStandIn;
let next: Awaited<ReturnType<typeof startNext>>;
let browser: Browser;

const starts = () => sandbox.requests.filter((request) => request.path.includes('/start'));
const acknowledgements = () =>
  sandbox.requests.filter((request) => request.path.includes('/acknowledge'));

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole answer the stand-in gives to the model request the app made: the same request body
 * sent again, uninterrupted and not streamed (the stand-in answers deterministically).
 */
async function uninterruptedAnswer(): Promise<string> {
  const request = standIn.requests.find((candidate) => candidate.status === 200);
  if (request === undefined) throw new Error('the app sent no model request');
  const response = await fetch(new URL(request.path.replace(/^\/v1\//, ''), `${standIn.url}/`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer stand-in' },
    body: JSON.stringify({ ...(request.body as object), stream: false }),
  });
  const body = (await response.json()) as {
    output?: Array<{ content?: Array<{ type: string; text?: string }> }>;
    choices?: Array<{ message?: { content?: string } }>;
  };
  const text =
    body.choices?.[0]?.message?.content ??
    body.output
      ?.flatMap((item) => item.content ?? [])
      .filter((part) => part.type === 'output_text')
      .map((part) => part.text ?? '')
      .join('');
  if (text === undefined || text === '') throw new Error('the stand-in gave no text');
  return text;
}

async function ask(page: Page, question: string): Promise<void> {
  await page.getByLabel('Message').fill(question);
  await page.getByLabel('Message').press('Enter');
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium); .ci/run does this.`,
    );
  }
  sandbox = await startSandbox({ logger: false });
  standIn = await startModelStandIn({ chunkDelayMs: 10 });
  next = await startNext({
    ADSTRACT_BASE_URL: sandbox.url,
    ADSTRACT_API_KEY: 'adpk_sandbox_e2e_key',
    OPENAI_BASE_URL: standIn.url,
    OPENAI_API_KEY: 'stand-in',
    // Chromium reaches the server from 127.0.0.1, which Adstract refuses as an end user's IP:
    // a documentation address stands in for the end user. See lib/ip-source.ts.
    CLIENT_IP_SOURCE: 'ip:198.51.100.20',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await next?.stop();
  await standIn?.close();
  await sandbox?.close();
});

describe('next-chat in Chromium', () => {
  it('shows a labelled sponsored answer and acknowledges exactly its text once', async () => {
    sandbox.reset();
    const page = await browser.newPage({ viewport: { width: 900, height: 720 } });
    await page.goto(next.url);
    await ask(page, 'How can I improve user retention?');
    const bubble = page.getByTestId('message-assistant').getByTestId('bubble');
    await bubble.and(page.locator('[data-streaming="false"]')).waitFor({ timeout: 30_000 });
    const badge = bubble.getByTestId('sponsored-badge');
    await badge.waitFor();
    const badgeText = await badge.innerText();
    expect(badgeText.toLowerCase()).toContain('sponsored');

    const acknowledged = await waitFor(() => acknowledgements()[0], 'the acknowledge');
    const answer = await bubble.getAttribute('data-text');
    // A second acknowledge would come late: give it the time to show up before counting.
    await pause(500);
    expect(starts()).toHaveLength(1);
    expect(acknowledgements()).toHaveLength(1);
    // The request context came from the browser's request, through the trusted source.
    const start = starts()[0] as { body: { request_context?: Record<string, string> } };
    const context = start.body.request_context ?? {};
    expect(context.user_agent).toContain('HeadlessChrome');
    expect(context.user_ip).toBe('198.51.100.20');
    expect(context.session_id).toBeTruthy();
    expect((acknowledged.body as { llm_response: string }).llm_response).toBe(answer);
    const productName = (starts()[0]?.responseBody as { product_name?: string } | undefined)
      ?.product_name;
    expect(productName).toBeTruthy();
    // The DOM text, not innerText: the badge is upper-cased by CSS.
    expect(await badge.textContent()).toContain(String(productName));
    // Labelled, not removed: the visible text is the answer without the <ADS> markup, plus the badge.
    const visible = (await bubble.innerText()).replace(badgeText, '');
    expect(visible.replace(/\s+/g, ' ').trim()).toBe(
      String(answer)
        .replace(/<\/?ADS>/gi, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    await page.screenshot({ path: new URL('chat.png', ARTIFACTS).pathname, fullPage: true });
    await page.close();
  });

  it('shows no badge and sends no acknowledge for a no-fill question', async () => {
    sandbox.reset();
    const page = await browser.newPage();
    await page.goto(next.url);
    await ask(page, 'What is 2 + 2?');
    const bubble = page.getByTestId('message-assistant').getByTestId('bubble');
    await bubble.and(page.locator('[data-streaming="false"]')).waitFor({ timeout: 30_000 });
    expect(await bubble.getAttribute('data-text')).not.toBe('');
    expect(await page.getByTestId('sponsored-badge').count()).toBe(0);
    await pause(500);
    expect(starts()).toHaveLength(1);
    expect(starts()[0]?.status).toBe(202);
    expect(acknowledgements()).toHaveLength(0);
    await page.close();
  });

  it('still acknowledges exactly once when the tab closes mid-answer', async () => {
    sandbox.reset();
    standIn.reset();
    standIn.setChunkDelay(60);
    try {
      const page = await browser.newPage();
      await page.goto(next.url);
      await ask(page, 'How can I reduce churn for my users?');
      const bubble = page.getByTestId('message-assistant').getByTestId('bubble');
      await bubble.waitFor();
      await page.waitForFunction(
        () =>
          (
            document.querySelector('[data-testid="message-assistant"] [data-testid="bubble"]')
              ?.textContent ?? ''
          ).length > 5,
      );
      expect(await bubble.getAttribute('data-streaming')).toBe('true');
      await page.close();
      const acknowledged = await waitFor(
        () => acknowledgements()[0],
        'the acknowledge after close',
        30_000,
      );
      await pause(500);
      expect(starts()).toHaveLength(1);
      expect(acknowledgements()).toHaveLength(1);
      // consumeStream() drained the model, so the whole answer (with its ad) was acknowledged:
      // exactly what the stand-in answers to the same request when nobody leaves.
      const full = await uninterruptedAnswer();
      expect(full).toMatch(/<ADS>.+<\/ADS>/);
      expect((acknowledged.body as { llm_response: string }).llm_response).toBe(full);
    } finally {
      standIn.setChunkDelay(10);
    }
  });
});
