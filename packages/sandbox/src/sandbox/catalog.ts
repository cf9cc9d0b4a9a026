/** A product the sandbox advertises, and the prompt words that select it. */
export interface Product {
  name: string;
  /** One sentence about the product, without a trailing period (what the model is asked to say). */
  pitch: string;
  /** Whole words (case-insensitive) that make a prompt a fit for this product. */
  keywords: readonly string[];
}

/** The sandbox's inventory, in priority order (ties go to the earlier product). */
export const PRODUCTS: readonly Product[] = [
  {
    name: 'Acme Analytics',
    pitch: 'product analytics that shows which users are about to churn and what brings them back',
    keywords: [
      'retention',
      'retain',
      'churn',
      'user',
      'users',
      'analytics',
      'engagement',
      'onboarding',
      'metrics',
      'conversion',
      'growth',
    ],
  },
  {
    name: 'Wayfarer Travel',
    pitch: 'a trip planner that puts live weather, flights and hotels in one itinerary',
    keywords: [
      'weather',
      'travel',
      'trip',
      'trips',
      'flight',
      'flights',
      'hotel',
      'hotels',
      'vacation',
      'holiday',
      'itinerary',
    ],
  },
  {
    name: 'Launchpad Deploy',
    pitch: 'one-command deploys with instant rollbacks for your code',
    keywords: [
      'code',
      'coding',
      'deploy',
      'deploys',
      'deployment',
      'programming',
      'debug',
      'bug',
      'bugs',
      'typescript',
      'javascript',
      'python',
    ],
  },
];

/** Words that make a prompt unsuitable for ads (answered 201 rejected). */
export const SENSITIVE_WORDS: readonly string[] = [
  'medical',
  'medicine',
  'medication',
  'diagnosis',
  'diagnose',
  'symptom',
  'symptoms',
  'suicide',
  'suicidal',
  'self-harm',
  'self harm',
  'overdose',
  'prescription',
];
