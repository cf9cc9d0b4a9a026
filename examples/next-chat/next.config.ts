import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Browsers and tools that ask for /favicon.ico without reading the page's icon link.
  rewrites: async () => [{ source: '/favicon.ico', destination: '/icon.svg' }],
};

export default nextConfig;
