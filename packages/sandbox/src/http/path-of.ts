/** The path of a request target, without the query string. */
export function pathOf(target: string | undefined): string {
  if (target === undefined || target === '') return '/';
  if (!target.startsWith('/')) return new URL(target, 'http://sandbox').pathname;
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}
