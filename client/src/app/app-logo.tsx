/** The app's mark: a folder holding rows of data, in the Databricks brand colour (as favicon.svg). */
export function AppLogo({ size = 24 }: { size?: number }) {
  return (
    <svg
      className="brand-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="7" fill="var(--brand)" />
      <path
        d="M6.5 10a2 2 0 0 1 2-2h4.6l2.2 2.3h8.2a2 2 0 0 1 2 2V23a2 2 0 0 1-2 2h-15a2 2 0 0 1-2-2z"
        fill="#fff"
      />
      <path
        d="M10.5 14.6h11M10.5 17.8h11M10.5 21h6.5"
        stroke="var(--brand)"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}
