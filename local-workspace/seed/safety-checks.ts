// The files in the shared volume's safety-checks/ folder. Each deliberately carries script and
// event-handler payloads: the previews and downloads must show them without ever running them
// in the app's origin (e2e/preview-safety.spec.ts, docs/security.md "Serving files"). They live
// in one folder, with a README saying so, so the rest of the demo reads like a team's data.
import { DEMO_FILES } from "./demo-files.js";

export function safetyChecksReadme(): string {
  const { safetyChecks, html, svg } = DEMO_FILES;
  const name = (p: string) => p.slice(safetyChecks.folder.length + 1);
  return `# Safety checks

The files in this folder are not data. Each one carries script (a \`<script>\` tag, an
\`onerror\` or \`onload\` handler, a \`javascript:\` link) to show that the Volumes Browser never
runs content in its own page, whoever uploaded it:

- \`${name(html.path)}\`: an HTML page with scripts; offered as a download and shown as source, never rendered
- \`${name(svg.path)}\`: an SVG with a script; shown as an image, which cannot run script
- \`${name(safetyChecks.markdown.path)}\`: Markdown with raw HTML; the preview sanitises it
- \`${name(safetyChecks.notebook.path)}\`: a notebook whose markdown has an \`<img onerror>\`; sanitised too

If opening any of them ever shows an alert, that is a security bug: please report it.
The end-to-end tests open each one and fail if anything runs.
`;
}

export function markdownWithHtml(): string {
  return `# ${DEMO_FILES.safetyChecks.markdown.heading}

A safe Markdown preview shows the two lines below as text (or drops them); it never runs them.

<script>alert("README script ran"); fetch("/api/files/volumes?xss=readme")</script>
<img src="does-not-exist.png" onerror="alert('README onerror ran')" alt="broken image">

Links still work and open in a new tab: [Unity Catalog volumes](https://docs.databricks.com/en/volumes/index.html).
`;
}

export function dashboardHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sales dashboard (static export)</title>
  <script>${DEMO_FILES.html.xss}</script>
  <style>body { font-family: sans-serif; } .kpi { font-size: 2rem; }</style>
</head>
<body onload="alert('body onload ran')">
  <h1>Sales dashboard</h1>
  <p class="kpi">Revenue this quarter: <strong>$1.2M</strong></p>
  <img src="missing.png" onerror="alert('img onerror ran')" alt="chart">
  <a href="javascript:alert('link ran')">Open details</a>
  <iframe src="/api/files/volumes"></iframe>
  <form action="/api/files/volumes/shared/files/README.md" method="post"><button>Submit</button></form>
</body>
</html>
`;
}

export function logoWithScriptSvg(): string {
  const { width, height } = DEMO_FILES.svg;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" onload="alert('svg onload ran')">
  <script>alert("svg script ran"); fetch("/api/files/volumes?xss=svg")</script>
  <rect width="${width}" height="${height}" rx="12" fill="#1b3139"/>
  <circle cx="40" cy="40" r="24" fill="#ff3621"/>
  <text x="76" y="48" font-family="sans-serif" font-size="22" fill="#ffffff">Sales</text>
</svg>
`;
}
