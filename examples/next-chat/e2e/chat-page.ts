import type { Browser, Locator, Page } from 'playwright-core';

/** A viewport the UI is checked at. */
export interface Viewport {
  name: string;
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { name: 'desktop', width: 1000, height: 720 };
export const PHONE: Viewport = { name: 'phone', width: 390, height: 844 };

/** The chat page in Chromium, with what went wrong on it recorded. */
export interface ChatPage {
  page: Page;
  /** Console errors, uncaught page errors and HTTP answers of 400 or more, as they happened. */
  problems: string[];
  /** Types `question` into the field and presses Enter. */
  ask(question: string): Promise<void>;
  /** The newest assistant bubble. */
  lastAnswer(): Locator;
  /** Waits until the newest assistant answer is complete; returns its bubble. */
  waitForAnswer(timeoutMs?: number): Promise<Locator>;
  /** When the newest bubble last stopped streaming (`performance.now()` in the page), if it did. */
  completedAt(): Promise<number | undefined>;
  /** The sum of layout-shift values whose frames started from `fromMs` to `toMs` (page clock). */
  layoutShift(fromMs: number, toMs?: number): Promise<number>;
  /** `performance.now()` in the page. */
  now(): Promise<number>;
  /** Every text the live region has held, in order. */
  announcements(): Promise<string[]>;
}

// Runs in the page before its own scripts: records layout shifts, and when bubbles change.
const PROBES = () => {
  const probe = window as unknown as {
    layoutShifts: Array<{ value: number; startTime: number }>;
    bubbleChanges: Array<{ time: number; attribute: string; value: string | null }>;
    announcements: string[];
  };
  probe.layoutShifts = [];
  probe.bubbleChanges = [];
  probe.announcements = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>) {
      probe.layoutShifts.push({ value: entry.value, startTime: entry.startTime });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as HTMLElement;
        if (element.dataset.testid !== 'bubble' || record.attributeName === null) continue;
        probe.bubbleChanges.push({
          time: performance.now(),
          attribute: record.attributeName,
          value: element.getAttribute(record.attributeName),
        });
      }
    }).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-streaming'],
    });
    let announced = '';
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="announcer"]')?.textContent ?? '';
      if (text !== announced) probe.announcements.push(text);
      announced = text;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
};

export async function openChat(
  browser: Browser,
  url: string,
  viewport: Viewport,
): Promise<ChatPage> {
  const page = await browser.newPage({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: 1,
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await page.addInitScript(PROBES);
  await page.goto(url);
  const field = page.getByLabel('Message');
  const lastAnswer = () => page.getByTestId('message-assistant').last().getByTestId('bubble');
  return {
    page,
    problems,
    async ask(question) {
      await field.fill(question);
      await field.press('Enter');
    },
    lastAnswer,
    async waitForAnswer(timeoutMs = 30_000) {
      await page.waitForFunction(
        () => {
          const bubbles = document.querySelectorAll(
            '[data-testid="message-assistant"] [data-testid="bubble"]',
          );
          const last = bubbles[bubbles.length - 1];
          return (
            last?.getAttribute('data-streaming') === 'false' &&
            document.querySelector('[data-testid="message-pending"]') === null
          );
        },
        undefined,
        { timeout: timeoutMs },
      );
      return lastAnswer();
    },
    completedAt: () =>
      page.evaluate(() => {
        const { bubbleChanges } = window as unknown as {
          bubbleChanges: Array<{ time: number; value: string | null }>;
        };
        return bubbleChanges.findLast((change) => change.value === 'false')?.time;
      }),
    layoutShift: (fromMs, toMs = Number.POSITIVE_INFINITY) =>
      page.evaluate(
        ([from, to]) => {
          const { layoutShifts } = window as unknown as {
            layoutShifts: Array<{ value: number; startTime: number }>;
          };
          return layoutShifts
            .filter((shift) => shift.startTime >= from && shift.startTime <= to)
            .reduce((sum, shift) => sum + shift.value, 0);
        },
        [fromMs, toMs] as const,
      ),
    now: () => page.evaluate(() => performance.now()),
    announcements: () =>
      page.evaluate(() => (window as unknown as { announcements: string[] }).announcements),
  };
}

/** The answer's source text as the page shows it: markers and list numbers gone, spaces joined. */
export function asShown(source: string): string {
  return source
    .replace(/<\/?ADS>/gi, '')
    .replace(/^\d+\. /gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Visible text, spaces joined. */
export const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();
