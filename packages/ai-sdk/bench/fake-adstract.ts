/** An in-process Adstract for benchmarks: answers at once, or after the given delays. */
export function benchFetch(options: { fill: boolean; acknowledgeDelayMs?: number }): typeof fetch {
  let counter = 0;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    counter++;
    if (url.includes('/acknowledge')) {
      if (options.acknowledgeDelayMs) {
        await new Promise((resolve) => setTimeout(resolve, options.acknowledgeDelayMs));
      }
      return Response.json({ ad_ack_id: `ack_${counter}`, status: 'ok', success: true });
    }
    const body = JSON.parse(String(init?.body)) as { prompt: string };
    return Response.json(
      {
        ad_request_id: `req_${counter}`,
        ad_response_id: `resp_${counter}`,
        status: options.fill ? 'ok' : 'no_fill',
        success: options.fill,
        execution_time_ms: 1,
        enhanced_prompt: options.fill ? `${body.prompt}\n\nMention Acme.` : null,
        product_name: options.fill ? 'Acme' : null,
      },
      { status: options.fill ? 200 : 202 },
    );
  }) as typeof fetch;
}
