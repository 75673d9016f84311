/**
 * Email through SMTP (nodemailer, `PRESSROOM_SMTP_URL`): a confirmation before the first alert (double
 * opt-in), then alerts with a one-click unsubscribe (RFC 8058), each as plain text and escaped HTML.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { PressroomError, UsageError } from '../errors.ts';
import { escapeHtml } from '../text.ts';
import type { Alert, DeliveredCommitment, DeliveredRelease } from '../state/store.ts';

/** Where links in emails point: `$PRESSROOM_PUBLIC_URL`, else the default address of `pressroom serve`. */
export function publicOrigin(): string {
  return (process.env.PRESSROOM_PUBLIC_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
}

/** An address as the HTML input type=email accepts it, and no longer than RFC 5321 allows. */
export function checkEmail(addr: string): string {
  const a = addr.trim();
  if (a.length > 254 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(a)) {
    throw new UsageError(`"${addr}" is not an email address; give one such as name@example.org`);
  }
  return a;
}

/**
 * The unsubscribe token of an alert, derived from its secret: every email can carry it while only the
 * secret, which signing needs anyway, is stored.
 */
export function unsubscribeToken(alert: Pick<Alert, 'id' | 'secret'>): string {
  return createHmac('sha256', alert.secret).update(`unsubscribe:${alert.id}`).digest('base64url');
}

export function checkUnsubscribeToken(alert: Pick<Alert, 'id' | 'secret'>, token: string): boolean {
  const want = Buffer.from(unsubscribeToken(alert));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}

let transport: { url: string; t: Transporter } | undefined;
function mailer(): Transporter {
  const url = process.env.PRESSROOM_SMTP_URL;
  if (!url) throw new UsageError('email alerts need an SMTP server: set PRESSROOM_SMTP_URL, e.g. smtps://user:pass@smtp.example.org');
  if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
  return transport.t;
}

const from = () => process.env.PRESSROOM_MAIL_FROM || 'pressroom <pressroom@localhost>';

/** Header text: no line breaks or controls, which could start a header of their own. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200);

export async function sendConfirmation(alert: Alert, token: string): Promise<void> {
  const link = `${publicOrigin()}/alerts/${encodeURIComponent(alert.id)}/confirm?token=${encodeURIComponent(token)}`;
  const about = alert.kind === 'commitments' ? `commitments coming due (${alert.ahead} month${alert.ahead === 1 ? '' : 's'} ahead) in releases matching` : 'new releases matching';
  const query = alert.query || '(everything)';
  const text = `Someone, probably you, asked pressroom to email this address about ${about}:\n\n  ${query}\n\nTo start the alerts, confirm here:\n${link}\n\nIf it was not you, ignore this message: nothing will be sent.\n`;
  const html = `<p>Someone, probably you, asked pressroom to email this address about ${escapeHtml(about)}:</p>\n<p><strong>${escapeHtml(query)}</strong></p>\n<p><a href="${escapeHtml(link)}">Confirm the alert</a></p>\n<p>If it was not you, ignore this message: nothing will be sent.</p>\n`;
  await send({ to: alert.target!, subject: oneLine(`Confirm your pressroom alert: ${alert.kind === 'commitments' ? 'commitments coming due ' : ''}${alert.query}`), text, html });
}

/** One alert email; `deliveryId` goes in the Message-ID, so a repeat after a crash is recognisably the same message. */
export async function sendAlertEmail(alert: Alert, deliveryId: string, releases: DeliveredRelease[]): Promise<void> {
  const origin = publicOrigin();
  const unsubscribe = `${origin}/alerts/${encodeURIComponent(alert.id)}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(alert))}`;
  const page = (r: DeliveredRelease) => `${origin}/releases/${encodeURIComponent(r.id)}`;
  const due = (r: DeliveredRelease) => ('commitment' in r ? ` · due ${window((r as DeliveredCommitment).commitment.due)}` : '');
  const when = (r: DeliveredRelease) => `${r.date ?? 'date unknown'}${due(r)}`;
  const n = releases.length;
  const lead =
    alert.kind === 'commitments'
      ? `${n} commitment${n === 1 ? '' : 's'} coming due${alert.query ? ` matching ${alert.query}` : ''}`
      : `${n} new release${n === 1 ? '' : 's'} matching ${alert.query}`;
  const text = `${lead}:\n\n${releases.map((r) => `${r.title}\n${when(r)} · ${r.ministers.join(', ')}\n${plain(r.snippet)}\n${page(r)}\n`).join('\n')}\nUnsubscribe: ${unsubscribe}\n`;
  const html = `<p>${escapeHtml(lead)}:</p>\n<ul>\n${releases
    .map((r) => `<li><a href="${escapeHtml(page(r))}">${escapeHtml(r.title)}</a><br>${escapeHtml(when(r))} · ${escapeHtml(r.ministers.join(', '))}<br>${escapeHtml(plain(r.snippet))}</li>`)
    .join('\n')}\n</ul>\n<p><a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>\n`;
  await send({
    to: alert.target!,
    subject: oneLine(`pressroom: ${lead}`),
    text,
    html,
    messageId: `<${deliveryId}@pressroom>`,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Pressroom-Delivery': deliveryId },
  });
}

const window = (d: { from: string; to: string }) => (d.from === d.to ? d.from : `${d.from} to ${d.to}`);

async function send(msg: SendMailOptions): Promise<void> {
  try {
    await mailer().sendMail({ from: from(), ...msg });
  } catch (err) {
    if (err instanceof PressroomError) throw err;
    throw new Error(`SMTP: ${(err as Error).message}`, { cause: err });
  }
}

/** A snippet (HTML-safe, with marks) as the plain text it stands for. */
function plain(snippet: string): string {
  return snippet.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
