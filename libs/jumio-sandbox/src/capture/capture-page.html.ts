import { escapeHtml, pageHtml } from './page-layout.html';

export interface OutcomeChoice {
  value: string;
  label: string;
  hint: string;
}

export interface CapturePageView {
  heading: string;
  /** Where the form posts (includes the page token). */
  action: string;
  details: [label: string, value: string][];
  outcomes: OutcomeChoice[];
  selected: string;
  /** Shown when the scenario control preset the outcome. */
  presetNote?: string;
  multipleFiles: boolean;
}

/** The hosted capture page: pick an outcome, optionally attach a file, submit or cancel. */
export function capturePageHtml(view: CapturePageView): string {
  const details = view.details
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  const choices = view.outcomes
    .map((choice) => {
      const id = `outcome-${choice.value}`;
      const checked = choice.value === view.selected ? ' checked' : '';
      return `<label class="choice" for="${id}"><input type="radio" name="outcome" id="${id}" value="${choice.value}" data-testid="${id}"${checked}> <strong>${escapeHtml(choice.label)}</strong><span class="hint">${escapeHtml(choice.hint)}</span></label>`;
    })
    .join('\n');
  const preset = view.presetNote
    ? `<p class="note" data-testid="preset-note">${escapeHtml(view.presetNote)}</p>`
    : '';
  const multiple = view.multipleFiles ? ' multiple' : '';
  return pageHtml(
    view.heading,
    `<h1>${escapeHtml(view.heading)}</h1>
<p>This page stands in for Jumio's hosted capture. Pick what happens, then submit. Files are only
counted, never stored.</p>
<dl>
${details}
</dl>
${preset}
<form method="post" action="${escapeHtml(view.action)}" enctype="multipart/form-data" id="capture-form" data-testid="capture-form">
<fieldset>
<legend>Outcome</legend>
${choices}
</fieldset>
<label for="file">Document image (optional)</label><br>
<input type="file" name="file" id="file" data-testid="file" accept="image/jpeg,image/png,application/pdf"${multiple}>
<div class="actions">
<button type="submit" class="primary" name="action" value="submit" id="submit" data-testid="submit">Submit</button>
<button type="submit" class="secondary" name="action" value="cancel" id="cancel" data-testid="cancel" formnovalidate>Cancel</button>
</div>
</form>`,
  );
}
