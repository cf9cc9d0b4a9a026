// The Worker's variables (wrangler.json `vars`, or secrets), typed for `env` from 'cloudflare:workers'.
declare namespace Cloudflare {
  interface Env {
    ADSTRACT_API_KEY: string;
    ADSTRACT_BASE_URL?: string;
    OPENAI_API_KEY: string;
    OPENAI_BASE_URL?: string;
  }
}

/** The Worker's variables, as its fetch handler's `env` argument. */
interface Env extends Cloudflare.Env {}
