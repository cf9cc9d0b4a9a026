import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asShown, DESKTOP, normalized, openChat } from './chat-page.js';
import { type Services, startServices } from './services.js';
import { uninterruptedAnswer } from './stand-in-answer.js';
import { pause, waitFor } from './wait.js';

let services: Services;

beforeAll(async () => {
  services = await startServices();
});

afterAll(async () => {
  await services?.stop();
});

describe('next-chat in Chromium: Adstract', () => {
  it('shows a labelled sponsored answer and acknowledges exactly its text once', async () => {
    const { sandbox, next, browser, starts, acknowledgements } = services;
    sandbox.reset();
    const chat = await openChat(browser, next.url, DESKTOP);
    await chat.ask('How can I improve user retention?');
    const bubble = await chat.waitForAnswer();
    const note = bubble.locator('.adstract-sponsored');
    await note.waitFor();

    const acknowledged = await waitFor(() => acknowledgements()[0], 'the acknowledge');
    const answer = String(await bubble.getAttribute('data-text'));
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

    const productName = String(
      (starts()[0]?.responseBody as { product_name?: string } | undefined)?.product_name,
    );
    expect(productName).toBe('Acme Analytics');
    // A named note, labelled "Sponsored"; the product's name appears once, in the mention itself.
    expect(await note.getAttribute('role')).toBe('note');
    expect(await note.getAttribute('aria-label')).toBe(`Sponsored: ${productName}`);
    expect(await note.locator('.adstract-sponsored-label').textContent()).toBe('Sponsored');
    const visible = normalized(await bubble.innerText());
    expect(visible.split(productName)).toHaveLength(2);
    // Labelled, not removed: the visible text is the answer without its markers, plus the label.
    expect(visible.replace(/^SPONSORED | SPONSORED /, ' ').trim()).toBe(asShown(answer));
    expect(chat.problems).toEqual([]);
    await chat.page.close();
  });

  it('shows no label and sends no acknowledge for a no-fill question', async () => {
    const { sandbox, next, browser, starts, acknowledgements } = services;
    sandbox.reset();
    const chat = await openChat(browser, next.url, DESKTOP);
    await chat.ask('What is 2 + 2?');
    const bubble = await chat.waitForAnswer();
    expect(await bubble.getAttribute('data-text')).toBe('2 + 2 = 4. I hope this helps.');
    expect(await chat.page.locator('.adstract-sponsored').count()).toBe(0);
    await pause(500);
    expect(starts()).toHaveLength(1);
    expect(starts()[0]?.status).toBe(202);
    expect(acknowledgements()).toHaveLength(0);
    await chat.page.close();
  });

  it('acknowledges the whole answer once when the tab closes mid-answer, without consumeStream()', async () => {
    const { sandbox, standIn, next, browser, starts, acknowledgements } = services;
    sandbox.reset();
    standIn.reset();
    standIn.setChunkDelay(60);
    try {
      const chat = await openChat(browser, next.url, DESKTOP);
      await chat.ask('How can I reduce churn for my users?');
      await chat.page.waitForFunction(
        () =>
          (
            document
              .querySelector('[data-testid="message-assistant"] [data-testid="bubble"]')
              ?.getAttribute('data-text') ?? ''
          ).length > 5,
      );
      expect(await chat.lastAnswer().getAttribute('data-streaming')).toBe('true');
      await chat.page.close();
      const closed = performance.now();
      const acknowledged = await waitFor(
        () => acknowledgements()[0],
        'the acknowledge after close',
        30_000,
      );
      const closeToAcknowledgeMs = performance.now() - closed;
      console.log(`closed tab → acknowledge: ${Math.round(closeToAcknowledgeMs)} ms`);
      // The middleware's own drain starts after stallTimeoutMs (3 s) without a read.
      expect(closeToAcknowledgeMs).toBeLessThan(15_000);
      await pause(500);
      expect(starts()).toHaveLength(1);
      expect(acknowledgements()).toHaveLength(1);
      // The middleware read the model's stream to its end, so the whole answer (with its ad)
      // was acknowledged: what the stand-in answers to the same request when nobody leaves.
      const full = await uninterruptedAnswer(standIn);
      expect(full).toMatch(/<ADS>.+<\/ADS>/);
      expect((acknowledged.body as { llm_response: string }).llm_response).toBe(full);
    } finally {
      standIn.setChunkDelay(10);
    }
  });
});
