// A small modal form made on demand (asking a reason, a mute's length, a room's settings): its
// fields, Cancel and a submit button; Escape cancels. Resolves with the values, or null.

import { t } from '../../i18n.js';

let dialogs = 0;

/**
 * @param {object} spec
 * @param {string} spec.title the heading (already translated)
 * @param {string} spec.submit the submit button's text
 * @param {Array<object>} spec.fields `{ name, label, kind: 'text'|'textarea'|'number'|'select'|'checkbox',
 *   value, options: [[value, label]], maxLength, shownWhen: (values) => boolean }`
 * @param {(values: object) => string} [spec.check] the problem with the values, '' when none
 * @param {(close: () => void) => Node[]} [spec.extra] more buttons, before Cancel
 * @param {string} [spec.testid]
 * @returns {Promise<object|null>}
 */
export function askForm({ title, submit, fields, check = () => '', extra = () => [], testid = 'form-dialog' }) {
  return new Promise((resolve) => {
    const id = `form-dialog-${++dialogs}`;
    const dialog = document.createElement('dialog');
    dialog.className = 'dialog';
    dialog.dataset.testid = testid;
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    const form = document.createElement('form');
    form.className = 'dialog-form';
    form.noValidate = true;
    const heading = document.createElement('h2');
    heading.id = `${id}-title`;
    heading.className = 'dialog-title';
    heading.dir = 'auto';
    heading.textContent = title;
    const rows = fields.map((field) => fieldRow(id, field));
    const error = document.createElement('p');
    error.className = 'login-error';
    error.dataset.testid = `${testid}-error`;
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const values = () => Object.fromEntries(rows.map(({ field, input }) => [field.name,
      field.kind === 'checkbox' ? input.checked : input.value.trim().normalize('NFC')]));
    const showFields = () => rows.forEach(({ field, row }) => { row.hidden = field.shownWhen ? !field.shownWhen(values()) : false; });
    form.addEventListener('input', showFields);

    let result = null;
    const close = () => dialog.close();
    const cancel = button('button', 'button secondary', `${testid}-cancel`, t('moderation.cancel'));
    cancel.addEventListener('click', close);
    const ok = button('submit', 'button primary', `${testid}-submit`, submit);
    const buttons = document.createElement('div');
    buttons.className = 'button-row';
    buttons.append(...extra(close), cancel, ok);
    form.append(heading, ...rows.map(({ row }) => row), error, buttons);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const problem = check(values());
      error.textContent = problem;
      error.hidden = !problem;
      if (problem) return;
      result = values();
      close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    dialog.append(form);
    document.body.append(dialog);
    showFields();
    dialog.showModal();
    (rows.find(({ row }) => !row.hidden)?.input || ok).focus();
  });
}

export function button(type, className, testid, text) {
  const node = document.createElement('button');
  node.type = type;
  node.className = className;
  node.dataset.testid = testid;
  node.textContent = text;
  return node;
}

function fieldRow(id, field) {
  const inputId = `${id}-${field.name}`;
  const row = document.createElement('div');
  row.className = field.kind === 'checkbox' ? 'checkbox-label' : 'form-field';
  const label = document.createElement('label');
  label.htmlFor = inputId;
  label.textContent = field.label;
  const input = control(field);
  input.id = inputId;
  input.dataset.testid = `field-${field.name}`;
  if (field.kind === 'checkbox') {
    row.append(input, label);
  } else {
    label.className = 'field-label';
    row.append(label, input);
  }
  return { field, row, input };
}

function control(field) {
  if (field.kind === 'select') {
    const select = document.createElement('select');
    select.className = 'text-input';
    select.append(...field.options.map(([value, label]) => new Option(label, value)));
    if (field.value != null) select.value = String(field.value);
    return select;
  }
  const input = document.createElement(field.kind === 'textarea' ? 'textarea' : 'input');
  input.className = 'text-input';
  if (field.kind === 'checkbox') {
    input.type = 'checkbox';
    input.checked = field.value === true;
    return input;
  }
  if (field.kind !== 'textarea') input.type = field.kind === 'number' ? 'number' : 'text';
  else input.rows = 3;
  input.dir = 'auto';
  if (field.maxLength) input.maxLength = field.maxLength;
  if (field.value != null) input.value = String(field.value);
  return input;
}
