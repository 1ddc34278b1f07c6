// The administration view, for server administrators only (welcome's `admin`): open reports
// (remove the message, resolve), the audit log a page at a time, the administrators, and
// disabling or enabling an account. REST under /api/admin with the session's token.

import { formatList, getLocale, t } from '../../i18n.js';
import {
  auditPage, disableAccount, enableAccount, listAdmins, nameAdmin, removeAdmin, reportsPage, resolveReport,
} from '../../majlis-client.js';
import { client, state } from '../context.js';
import { sendErrorText } from './common.js';
import { askForm, button } from './form-dialog.js';

const PAGE = 50;
const entry = document.getElementById('open-admin');

/** The sidebar's "Administration", for administrators only. */
export function renderAdminEntry() {
  entry.hidden = !state.admin;
}

const withToken = () => ({ token: client.session?.token });

/** A refusal: `not_found` here means an account (or report) that is not there, or not in that state. */
const refusal = (e) => (e.code === 'not_found' ? t('admin.not_found') : sendErrorText(e));

/** A node of `tag` with a class, a test id and text. */
function node(tag, className, testid, text = '') {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (testid) made.dataset.testid = testid;
  made.textContent = text;
  return made;
}

const when = (iso) => (iso ? new Date(iso).toLocaleString(getLocale(), { dateStyle: 'short', timeStyle: 'short' }) : '');

/** A section of the view: heading, status line, list, and an optional "Older" button. */
function section(name, headingKey) {
  const root = node('section', 'admin-section', `admin-${name}`);
  const heading = node('h3', 'section-title', null, t(headingKey));
  const status = node('p', 'muted small-text', `admin-${name}-status`);
  status.setAttribute('role', 'status');
  status.hidden = true;
  const list = node('ul', 'admin-list', `admin-${name}-list`);
  root.append(heading, status, list);
  const say = (text) => {
    status.textContent = text;
    status.hidden = !text;
  };
  return { root, list, say };
}

// ------------------------------------------------------------------ reports

function reportItem(report, reload, say) {
  const li = node('li', 'admin-item', 'admin-report');
  li.dataset.reportId = report.id;
  const where = report.room ? `#${report.room}` : t('admin.direct', { names: formatList(report.between || []) });
  const head = node('p', 'small-text', null,
    t('admin.report_by', { reporter: report.reporter, author: report.author, where, time: when(report.createdAt) }));
  const text = node('p', 'admin-quote', 'admin-report-message', report.message || t('admin.message_gone'));
  text.dir = 'auto';
  const reason = node('p', 'small-text', 'admin-report-reason', t('admin.report_reason', { reason: report.reason }));
  reason.dir = 'auto';
  const row = node('div', 'button-row admin-actions');
  if (report.message) {
    const remove = button('button', 'button small secondary', 'admin-remove-message', t('admin.remove_message'));
    remove.addEventListener('click', () => act(remove, () => client.removeMessage(report.messageId), reload, say));
    row.append(remove);
  }
  const resolve = button('button', 'button small primary', 'admin-resolve', t('admin.resolve'));
  resolve.addEventListener('click', async () => {
    const values = await askForm({
      title: t('admin.resolve'), submit: t('admin.resolve'), testid: 'resolve-dialog',
      fields: [{ name: 'resolution', kind: 'textarea', label: t('admin.resolution'), maxLength: 500 }],
      check: (v) => (v.resolution ? '' : t('admin.resolution_missing')),
    });
    if (values) await act(resolve, () => resolveReport(report.id, values.resolution, withToken()), reload, say);
  });
  row.append(resolve);
  li.append(head, text, reason, row);
  return li;
}

/** Runs an action of a button (disabled meanwhile); then `after`, or the error said by `say`. */
async function act(control, action, after, say) {
  control.disabled = true;
  try {
    await action();
    await after();
  } catch (e) {
    say(refusal(e));
  } finally {
    control.disabled = false;
  }
}

function reportsSection() {
  const part = section('reports', 'admin.reports');
  const load = async () => {
    part.say(t('admin.loading'));
    try {
      const { items = [] } = await reportsPage({ limit: PAGE }, withToken());
      part.list.replaceChildren(...items.map((r) => reportItem(r, load, part.say)));
      part.say(items.length ? '' : t('admin.no_reports'));
    } catch (e) {
      part.say(refusal(e));
    }
  };
  load();
  return part.root;
}

// ------------------------------------------------------------------ audit log

function auditItem(item) {
  const li = node('li', 'admin-item small-text', 'admin-audit-item');
  li.dataset.action = item.action;
  const parts = [when(item.at), item.actor, t(`audit.${item.action}`), item.target, item.room ? `#${item.room}` : '', item.reason]
    .filter((part) => part);
  li.textContent = parts.join(' · ');
  li.dir = 'auto';
  return li;
}

function auditSection() {
  const part = section('audit', 'admin.audit');
  const older = button('button', 'link-button more-button', 'admin-audit-older', t('admin.older'));
  older.hidden = true;
  let next = null;
  const load = async () => {
    try {
      const page = await auditPage({ before: next ?? undefined, limit: PAGE }, withToken());
      const items = page.items || [];
      part.list.append(...items.map(auditItem));
      next = page.next ?? null;
      older.hidden = next === null;
      part.say(part.list.children.length ? '' : t('admin.no_audit'));
    } catch (e) {
      part.say(refusal(e));
    }
  };
  older.addEventListener('click', () => act(older, load, () => {}, part.say));
  part.root.append(older);
  part.say(t('admin.loading'));
  load();
  return part.root;
}

// ------------------------------------------------------------------ administrators, accounts

/** A name field with buttons beside it (each `[testid, textKey, action(name)]`). */
function nameForm(name, buttons, say) {
  const form = node('form', 'admin-name-form');
  form.noValidate = true;
  const label = node('label', 'visually-hidden', null, t('admin.account_name'));
  const input = node('input', 'text-input small', `admin-${name}-name`);
  input.id = `admin-${name}-name`;
  label.htmlFor = input.id;
  input.placeholder = t('admin.account_name');
  input.dir = 'auto';
  input.autocomplete = 'off';
  input.spellcheck = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  form.append(label, input, ...buttons.map(([testid, key, action]) => {
    const control = button('button', 'button small secondary', testid, t(key));
    control.addEventListener('click', () => {
      const value = input.value.trim().normalize('NFC');
      if (value) act(control, () => action(value), () => { input.value = ''; }, say);
    });
    return control;
  }));
  return form;
}

function adminsSection() {
  const part = section('admins', 'admin.admins');
  const load = async () => {
    try {
      const { admins = [] } = await listAdmins(withToken());
      part.list.replaceChildren(...admins.map((name) => {
        const li = node('li', 'member', 'admin-admin');
        li.dataset.username = name;
        const label = node('bdi', null, null, name);
        const remove = button('button', 'link-button member-action', 'admin-remove-admin', t('admin.remove_admin'));
        remove.addEventListener('click', () => act(remove, () => removeAdmin(name, withToken()), load, part.say));
        li.append(label, remove);
        return li;
      }));
      part.say('');
    } catch (e) {
      part.say(refusal(e));
    }
  };
  part.root.append(nameForm('admins', [['admin-add-admin', 'admin.add_admin', async (name) => {
    await nameAdmin(name, withToken());
    await load();
  }]], part.say));
  load();
  return part.root;
}

function accountsSection() {
  const part = section('accounts', 'admin.accounts');
  part.root.append(nameForm('accounts', [
    ['admin-disable', 'admin.disable', async (name) => {
      await disableAccount(name, undefined, withToken());
      part.say(t('admin.disabled', { name }));
    }],
    ['admin-enable', 'admin.enable', async (name) => {
      await enableAccount(name, withToken());
      part.say(t('admin.enabled', { name }));
    }],
  ], part.say));
  return part.root;
}

/** Opens the view, each section loading its first page. */
export function openAdmin() {
  if (!state.admin) return;
  const dialog = node('dialog', 'dialog admin-dialog', 'admin-dialog');
  dialog.setAttribute('aria-labelledby', 'admin-title');
  const title = node('h2', 'dialog-title', null, t('admin.title'));
  title.id = 'admin-title';
  const close = button('button', 'button secondary', 'admin-close', t('admin.close'));
  close.addEventListener('click', () => dialog.close());
  const row = node('div', 'button-row');
  row.append(close);
  dialog.append(title, reportsSection(), auditSection(), adminsSection(), accountsSection(), row);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
