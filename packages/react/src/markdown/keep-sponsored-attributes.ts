import { LABEL_CLASS, SPONSORED_CLASS } from '../label/sponsored-label.js';

/** The properties remarkAdstract puts on its elements, as hast-util-sanitize names them. */
const SPONSORED_ATTRIBUTES = [
  ['role', 'note'],
  'ariaLabel',
  ['className', SPONSORED_CLASS, LABEL_CLASS],
  'dataAdstractWrapping',
  'dataAdstractOpen',
  'dataAdstractContinued',
];

interface SanitizeSchema {
  tagNames?: unknown;
  attributes?: Record<string, unknown>;
}

const isSchema = (value: unknown): value is SanitizeSchema =>
  typeof value === 'object' &&
  value !== null &&
  ('tagNames' in value || 'attributes' in value) &&
  !Array.isArray(value);

function extendSchema(schema: SanitizeSchema): SanitizeSchema {
  const attributes = schema.attributes ?? {};
  const allowed = (tag: string) => [
    ...(Array.isArray(attributes[tag]) ? (attributes[tag] as unknown[]) : []),
    ...SPONSORED_ATTRIBUTES,
  ];
  return { ...schema, attributes: { ...attributes, span: allowed('span'), div: allowed('div') } };
}

/**
 * Lets a sanitizer keep what remarkAdstract puts on its `span` and `div` elements (`role="note"`,
 * `aria-label`, the `adstract-sponsored` classes and `data-adstract-*`), which the default
 * rehype-sanitize schema strips. Give it a rehype plugin list: each `[rehypeSanitize, schema]`
 * entry gets the schema extended, every other entry is returned as it is. Streamdown sanitizes by
 * default, so pass `keepSponsoredAttributes(Object.values(defaultRehypePlugins))` as its
 * `rehypePlugins`.
 */
export function keepSponsoredAttributes<Plugin>(plugins: readonly Plugin[]): Plugin[] {
  return plugins.map((plugin) => {
    if (!Array.isArray(plugin) || !isSchema(plugin[1])) return plugin;
    const [sanitize, schema, ...rest] = plugin;
    return [sanitize, extendSchema(schema), ...rest] as Plugin;
  });
}
