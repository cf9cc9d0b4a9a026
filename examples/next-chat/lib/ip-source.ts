import type { IpSource } from '@adstract/ai-sdk';

/**
 * Where this deployment's end-user IP comes from, read from `CLIENT_IP_SOURCE`:
 *
 * - unset: the helper's default: Vercel's headers when `VERCEL=1`, otherwise none (no header is
 *   trusted, `userIp` is absent and the middleware serves answers without ads, warning on each call).
 * - `vercel` / `cloudflare`: the platform's own client-IP headers.
 * - `header:<name>`: one header your reverse proxy overwrites, e.g. `header:x-real-ip` behind nginx.
 * - `x-forwarded-for:<n>`: `X-Forwarded-For` behind `n` proxies of yours that append to it.
 * - `ip:<address>`: one fixed address for every request. Only for local runs: a browser on your
 *   own machine reaches the server from 127.0.0.1, which Adstract refuses as an end user's IP (it
 *   usually means a proxy misconfiguration), so `pnpm dev` / `pnpm start` use a documentation
 *   address (RFC 5737) instead.
 *
 * A bare `next start` sets `X-Forwarded-For` to the socket address only when the client sent none
 * (it keeps a client's value as is), so `x-forwarded-for:1` there is only acceptable when nothing
 * but your own machine can reach the server: `pnpm start` binds 127.0.0.1 and sets exactly that.
 */
export function ipSourceFromEnvironment(
  value: string | undefined = process.env.CLIENT_IP_SOURCE,
): IpSource | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'vercel' || value === 'cloudflare') return value;
  const [kind, setting = ''] = value.split(/:(.*)/s, 2);
  if (kind === 'header' && setting !== '') return { header: setting };
  if (kind === 'x-forwarded-for' && /^\d+$/.test(setting)) {
    return { trustedProxies: Number(setting) };
  }
  if (kind === 'ip' && setting !== '') return { ip: setting };
  throw new Error(
    `CLIENT_IP_SOURCE=${value} is not one of vercel, cloudflare, header:<name>, x-forwarded-for:<n>, ip:<address>`,
  );
}
