import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asShown, type ChatPage, DESKTOP, normalized, openChat, PHONE } from './chat-page.js';
import { ARTIFACTS, type Services, startServices } from './services.js';
import { pause, waitFor } from './wait.js';

let services: Services;

beforeAll(async () => {
  services = await startServices();
});

afterAll(async () => {
  await services?.stop();
});

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: fileURLToPath(new URL(`${name}.png`, ARTIFACTS)) });

/** Where the newest message ends, and where the composer starts (viewport pixels). */
const newestAndComposer = (page: Page) =>
  page.evaluate(() => {
    const items = document.querySelectorAll('[data-testid="messages"] > li');
    const newest = items[items.length - 1]?.getBoundingClientRect();
    const composer = document.querySelector('.dock')?.getBoundingClientRect();
    return {
      newestBottom: newest?.bottom ?? Number.NaN,
      composerTop: composer?.top ?? Number.NaN,
      scrollY: window.scrollY,
      overflowing: document.documentElement.scrollHeight > window.innerHeight,
    };
  });

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    return { scrollWidth, clientWidth };
  });

/** WCAG contrast of each muted or small text against the background it is drawn on. */
const contrasts = (page: Page) =>
  page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([red = 0, green = 0, blue = 0]: number[]) => {
      const linear = [red, green, blue].map((value) => {
        const channel = value / 255;
        return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
    };
    const background = (element: Element | null): string => {
      for (let current = element; current !== null; current = current.parentElement) {
        const color = getComputedStyle(current).backgroundColor;
        if (rgb(color)[3] !== 0 && color !== 'transparent') return color;
      }
      return 'rgb(255, 255, 255)';
    };
    const ratio = (foreground: string, behind: string) => {
      const [light, dark] = [luminance(rgb(foreground)), luminance(rgb(behind))].sort(
        (a, b) => b - a,
      );
      return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
    };
    const results: Record<string, number> = {};
    const selectors = ['.role', 'header p', '.notice', '.adstract-sponsored-label', '.thinking'];
    for (const selector of selectors) {
      for (const element of document.querySelectorAll(selector)) {
        const value = ratio(getComputedStyle(element).color, background(element));
        results[selector] = Math.min(results[selector] ?? Number.POSITIVE_INFINITY, value);
      }
    }
    const field = document.querySelector('.composer input');
    if (field !== null) {
      results['input::placeholder'] = ratio(
        getComputedStyle(field, '::placeholder').color,
        background(field),
      );
    }
    return results;
  });

describe.each([DESKTOP, PHONE])('next-chat in Chromium at $name width', (viewport) => {
  let chat: ChatPage;

  beforeAll(async () => {
    chat = await openChat(services.browser, services.next.url, viewport);
  });

  afterAll(async () => {
    await chat?.page.close();
  });

  it('says that local stand-ins answer, and serves its icon', async () => {
    const notice = chat.page.getByTestId('stand-in-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(/scripted model.*sandbox/s);
    const icon = await chat.page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    for (const path of [String(icon), '/favicon.ico']) {
      const response = await fetch(new URL(path, services.next.url));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain('image/svg+xml');
    }
  });

  it('renders a markdown answer with its ad labelled, announced, focus kept, nothing moving at its end', async () => {
    const { sandbox, acknowledgements } = services;
    sandbox.reset();
    // The layout-shift probe works in this Chromium: a block pushed in at the top is seen.
    if (viewport === DESKTOP) {
      const before = await chat.now();
      await chat.page.evaluate(() => {
        const block = document.createElement('div');
        block.style.height = '40px';
        block.id = 'probe-shift';
        document.body.prepend(block);
      });
      await pause(300);
      await chat.page.evaluate(() => document.getElementById('probe-shift')?.remove());
      await pause(300);
      expect(await chat.layoutShift(before)).toBeGreaterThan(0);
    }

    const asked = await chat.now();
    await chat.ask('What steps improve user retention?');
    const bubble = await chat.waitForAnswer();
    await pause(800);
    const completed = await chat.completedAt();
    expect(completed).toBeDefined();
    const atCompletion = await chat.layoutShift(Number(completed));
    const wholeAnswer = await chat.layoutShift(asked);
    console.log(
      `${viewport.name}: layout shift at completion ${atCompletion}, over the whole answer ${wholeAnswer.toFixed(4)}`,
    );
    expect(atCompletion).toBe(0);
    expect(wholeAnswer).toBe(0);

    // Markdown: the list is a list, the mention after it a labelled note.
    expect(await bubble.locator('ol > li').count()).toBe(3);
    const label = bubble.locator('.adstract-sponsored .adstract-sponsored-label');
    expect(await label.isVisible()).toBe(true);
    expect(await label.textContent()).toBe('Sponsored');
    const source = String(await bubble.getAttribute('data-text'));
    const acknowledged = await waitFor(() => acknowledgements()[0], 'the acknowledge');
    expect((acknowledged.body as { llm_response: string }).llm_response).toBe(source);
    const visible = normalized(await bubble.innerText()).replace(/(^| )SPONSORED /, '$1');
    expect(visible).toBe(asShown(source));

    // Announced once it is complete, whole, label included; not token by token.
    const announcer = chat.page.getByTestId('announcer');
    expect(await announcer.getAttribute('role')).toBe('status');
    expect((await chat.announcements()).map(normalized)).toEqual([
      `Assistant: ${normalized(await bubble.innerText())}`,
    ]);

    // Focus is back in the field, and the field shows it.
    const focus = await chat.page.evaluate(() => {
      const active = document.activeElement;
      const style = active === null ? undefined : getComputedStyle(active);
      return {
        label: active?.getAttribute('aria-label'),
        outline: style?.outlineStyle,
        width: Number.parseFloat(style?.outlineWidth ?? '0'),
      };
    });
    expect(focus).toEqual({ label: 'Message', outline: 'solid', width: 2 });

    // Grey labels and small text pass WCAG AA (4.5:1) with margin.
    for (const [selector, ratio] of Object.entries(await contrasts(chat.page))) {
      expect(ratio, selector).toBeGreaterThanOrEqual(5);
    }
    await screenshot(chat.page, `${viewport.name}-answer`);
  });

  it('shows Thinking… until the first word, and keeps the newest message above the composer', async () => {
    // The ad request takes 1.5 s: the indicator fills the wait.
    await chat.ask('What is 2 + 2? [sandbox:fault=latency=1500]');
    const thinking = chat.page.getByTestId('thinking');
    await thinking.waitFor({ timeout: 1_000 });
    expect(await thinking.innerText()).toMatch(/^Thinking/);
    expect(await chat.page.getByRole('button', { name: 'Stop' }).isVisible()).toBe(true);
    await screenshot(chat.page, `${viewport.name}-thinking`);
    await chat.waitForAnswer();
    expect(await thinking.count()).toBe(0);

    const long = `Is this link safe? https://example.com/${'a'.repeat(200)}`;
    for (const question of [long, 'And what is 3 + 4?']) {
      await chat.ask(question);
      await chat.waitForAnswer();
      await pause(200);
      const width = await horizontalOverflow(chat.page);
      expect(width.scrollWidth, 'horizontal overflow').toBeLessThanOrEqual(width.clientWidth);
      expect(width.clientWidth).toBe(viewport.width);
      const position = await newestAndComposer(chat.page);
      expect(position.overflowing).toBe(true);
      // The newest message ends right above the composer, in view.
      expect(position.newestBottom).toBeLessThanOrEqual(position.composerTop + 1);
      expect(position.newestBottom).toBeGreaterThan(position.composerTop - 80);
    }
    expect(await chat.page.getByTestId('message-assistant').count()).toBe(4);
    await screenshot(chat.page, `${viewport.name}-conversation`);
  });

  it('does not pull a reader who scrolled up back down while an answer streams', async () => {
    const { standIn } = services;
    standIn.setChunkDelay(80);
    try {
      await chat.ask('How do I plan a product launch?');
      await chat.lastAnswer().and(chat.page.locator('[data-streaming="true"]')).waitFor();
      await chat.page.waitForFunction(
        () =>
          (
            [...document.querySelectorAll('[data-testid="bubble"]')]
              .at(-1)
              ?.getAttribute('data-text') ?? ''
          ).length > 20,
      );
      await chat.page.mouse.move(viewport.width / 2, viewport.height / 3);
      await chat.page.mouse.wheel(0, -250);
      await pause(200);
      const scrolledTo = (await newestAndComposer(chat.page)).scrollY;
      await chat.waitForAnswer();
      await pause(200);
      const after = await newestAndComposer(chat.page);
      expect(after.scrollY).toBe(scrolledTo);
      expect(after.newestBottom).toBeGreaterThan(after.composerTop + 1);
    } finally {
      standIn.setChunkDelay(10);
    }
  });

  it('stops an answer with Stop: the text shown is the text acknowledged, once', async () => {
    const { sandbox, standIn, acknowledgements } = services;
    sandbox.reset();
    standIn.setChunkDelay(100);
    try {
      await chat.ask('What steps reduce churn for my users?');
      await chat.page.waitForFunction(() =>
        (
          [...document.querySelectorAll('[data-testid="bubble"]')]
            .at(-1)
            ?.getAttribute('data-text') ?? ''
        ).includes('Measure'),
      );
      const stop = chat.page.getByRole('button', { name: 'Stop' });
      await stop.click();
      const bubble = await chat.waitForAnswer(5_000);
      const shown = String(await bubble.getAttribute('data-text'));
      const acknowledged = await waitFor(() => acknowledgements()[0], 'the acknowledge of a stop');
      await pause(500);
      expect(acknowledgements()).toHaveLength(1);
      const llmResponse = (acknowledged.body as { llm_response: string }).llm_response;
      expect(llmResponse).toBe(shown);
      // Stopped partway: less than the whole answer, which has an ad and a closing sentence.
      expect(shown).not.toContain('I hope this helps.');
      expect(await bubble.locator('ol > li').count()).toBeGreaterThanOrEqual(2);
      const visible = normalized(await bubble.locator('.answer').innerText()).replace(
        /(^| )SPONSORED /,
        '$1',
      );
      expect(visible).toBe(asShown(shown));
      expect(await bubble.getByText('Stopped').isVisible()).toBe(true);
      // Focus went back to the field when the Stop button went away.
      expect(
        await chat.page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      ).toBe('Message');
      await screenshot(chat.page, `${viewport.name}-stopped`);
    } finally {
      standIn.setChunkDelay(10);
    }
  });

  it('reports a model failure as an alert with Retry, logging one line on the server', async () => {
    const { standIn, next } = services;
    const logged = next.output().length;
    standIn.failNext({ status: 500, count: 3 });
    await chat.ask('What is 5 + 5?');
    // Next.js has a route announcer with the same role: the chat's own alert is the one with text.
    const alert = chat.page.getByRole('alert').filter({ hasText: 'could not answer' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).toContain('could not answer');
    await screenshot(chat.page, `${viewport.name}-error`);
    await pause(300);
    const log = next.output().slice(logged);
    console.log(`server log of the failure: ${log.trim()}`);
    expect(log.match(/^\[chat\] the model failed: .+$/gm)).toHaveLength(1);
    expect(log.trim().split('\n')).toHaveLength(1);
    // The one line names the failure, and nothing of the conversation.
    expect(log).toMatch(/^\[chat\] the model failed: AI_RetryError 500: Failed after 3 attempts/);
    expect(log).not.toContain('5 + 5');

    await chat.page.getByRole('button', { name: 'Retry' }).click();
    const bubble = await chat.waitForAnswer();
    expect(await bubble.getAttribute('data-text')).toBe('5 + 5 = 10. I hope this helps.');
    expect(await alert.count()).toBe(0);
    // Retrying replaced the failed answer: the question was asked once.
    expect(await chat.page.getByText('What is 5 + 5?', { exact: true }).count()).toBe(1);
  });

  it('had no console errors and no failed requests', () => {
    // Expected: the three failed model calls answered the page with an error stream, not a 4xx/5xx.
    expect(chat.problems).toEqual([]);
  });
});
