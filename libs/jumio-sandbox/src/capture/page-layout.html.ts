/** The banner on every sandbox page, so nobody mistakes it for Jumio. */
export const SANDBOX_BANNER = 'Jumio SANDBOX — not Jumio';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #f4f5f7; color: #1d2330; }
  .banner { background: #b3261e; color: #fff; font-weight: 700; text-align: center; padding: .6rem;
            letter-spacing: .02em; }
  main { max-width: 36rem; margin: 2rem auto; background: #fff; border-radius: 8px; padding: 1.5rem 2rem;
         box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.35rem; margin-top: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem; }
  dt { color: #5b6475; } dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
  fieldset { border: 1px solid #d5d9e0; border-radius: 6px; margin: 1rem 0; }
  label.choice { display: block; padding: .35rem 0; cursor: pointer; }
  .hint { color: #5b6475; font-size: .85rem; margin-left: 1.6rem; display: block; }
  .note { background: #fff6d6; border: 1px solid #e8d48a; border-radius: 6px; padding: .5rem .8rem; }
  .error { background: #fde7e7; border: 1px solid #e3a1a1; border-radius: 6px; padding: .5rem .8rem; }
  .actions { display: flex; gap: .8rem; margin-top: 1.2rem; }
  button { font: inherit; padding: .5rem 1.2rem; border-radius: 6px; border: 1px solid #1d4ed8;
           cursor: pointer; }
  button.primary { background: #1d4ed8; color: #fff; } button.secondary { background: #fff; color: #1d4ed8; }
`;

/** A complete page with the sandbox banner; `head` may add e.g. a meta refresh. */
export function pageHtml(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${SANDBOX_BANNER}</title>
${head}
<style>${STYLE}</style>
</head>
<body>
<div class="banner" data-testid="sandbox-banner">${SANDBOX_BANNER}</div>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A message page, optionally sending the browser on after a moment (no script needed). */
export function messagePageHtml(options: {
  title: string;
  message: string;
  tone: 'error' | 'note';
  redirectTo?: string;
}): string {
  const target = options.redirectTo ? escapeHtml(options.redirectTo) : undefined;
  const head = target ? `<meta http-equiv="refresh" content="2;url=${target}">` : '';
  const link = target
    ? `<p>You are being sent back. <a href="${target}" data-testid="continue">Continue</a></p>`
    : '';
  return pageHtml(
    options.title,
    `<h1>${escapeHtml(options.title)}</h1>
<p class="${options.tone}" data-testid="message">${escapeHtml(options.message)}</p>
${link}`,
    head,
  );
}
