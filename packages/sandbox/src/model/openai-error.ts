/** OpenAI's error `type` for an HTTP status. */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** An OpenAI-style error body: `{ error: { message, type, param, code } }`. */
export function openaiErrorBody(status: number, message: string, code: string | null = null) {
  return { error: { message, type: errorType(status), param: null, code } };
}
