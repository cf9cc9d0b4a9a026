import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, openChat } from './chat-page.js';
import { type Services, startServices } from './services.js';
import { uninterruptedAnswer } from './stand-in-answer.js';
import { waitFor } from './wait.js';

let services: Services;

beforeAll(async () => {
  services = await startServices();
});

afterAll(async () => {
  await services?.stop();
});

describe('next start shutting down', () => {
  it('exits within seconds of SIGTERM with an answer in flight, after acknowledging it whole', async () => {
    const { standIn, next, browser, acknowledgements } = services;
    standIn.setChunkDelay(60);
    const chat = await openChat(browser, next.url, DESKTOP);
    await chat.ask('How can I improve onboarding for new users?');
    await chat.page.waitForFunction(
      () =>
        (
          document
            .querySelector('[data-testid="message-assistant"] [data-testid="bubble"]')
            ?.getAttribute('data-text') ?? ''
        ).length > 5,
    );
    // Nobody reads the answer any more, and the server is asked to stop.
    await chat.page.close();
    const exitMs = await next.stop(30_000);
    console.log(`SIGTERM → next start exited: ${Math.round(exitMs)} ms`);
    expect(exitMs).toBeLessThan(15_000);
    // It exited because it was done, not because it was killed; and the port is free.
    const refused = await fetch(next.url).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);

    // Next.js waited for the middleware's `after` work: the answer was read to its end and
    // acknowledged once, before the process went.
    const acknowledged = await waitFor(() => acknowledgements()[0], 'the acknowledge', 1_000);
    expect(acknowledgements()).toHaveLength(1);
    expect((acknowledged.body as { llm_response: string }).llm_response).toBe(
      await uninterruptedAnswer(standIn),
    );
  });
});
