// Following by e-mail against a real SMTP server (smtp-server on a free port): sign up, the confirmation
// mail, confirming by POST, an update's mail with one-click unsubscribe (RFC 8058), and nothing after
// unsubscribing; the worker retries when the server refuses. Today is Wednesday 25 November 2026.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailWorker, type MailWorker } from '../src/modules/updates/mail-worker.ts';
import { createTestApp, TEST_TODAY, type TestApp } from './helpers/app.ts';
import { createStaffUser, StaffClient } from './helpers/staff.ts';

const PUBLIC_URL = 'https://medborgarlofte.example';

let t: TestApp;
let smtp: SMTPServer;
let worker: MailWorker;
let lead: StaffClient;
let workerNow = TEST_TODAY.getTime();
let refuse = false;
const inbox: ParsedMail[] = [];
let clients = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuse) return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
      return callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  const smtpUrl = `smtp://127.0.0.1:${port}`;
  t = await createTestApp({
    config: { smtpUrl, publicUrl: PUBLIC_URL, mailFrom: 'Medborgarlöfte <no-reply@example.se>' },
  });
  worker = createMailWorker(t.database.db, {
    smtpUrl,
    from: 'Medborgarlöfte <no-reply@example.se>',
    clock: () => new Date(workerNow),
    retryBaseMs: 60_000,
    maxAttempts: 2,
  });
  const chef = await createStaffUser(t.app, 'chef@example.se', { globen: ['lead'] }, { totp: true });
  lead = new StaffClient(t.app);
  await lead.signIn(chef.email, chef.totpSecret);
});

afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** A visitor on its own address (the form is rate-limited per client). */
function visitor() {
  const remoteAddress = `192.0.2.${++clients}`;
  return {
    get: (url: string) => t.app.inject({ url, remoteAddress }),
    post: (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        remoteAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams(fields).toString(),
      }),
  };
}

/** The hidden fields of the first e-mail form on a page. */
function formFields(html: string): Record<string, string> {
  const form = /<form method="post" action="\/(?:en\/)?fol(?:j|low)"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  return Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1] ?? '',
      m[2] ?? '',
    ]),
  );
}

async function subscribe(email: string, page = '/lpo/globen') {
  const v = visitor();
  const fields = formFields((await v.get(page)).body);
  return v.post('/folj', { ...fields, email, website: '' });
}

async function deliver(): Promise<ParsedMail[]> {
  const before = inbox.length;
  await worker.runOnce();
  return inbox.slice(before);
}

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value;
  // mailparser parses List-* headers into objects; the raw line is kept in headerLines.
  const line = mail.headerLines.find((h) => h.key === name)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
}

function pathOf(url: string): string {
  expect(url.startsWith(`${PUBLIC_URL}/`)).toBe(true);
  return url.slice(PUBLIC_URL.length);
}

async function subscriptionsOf(email: string) {
  return t.database.db.selectFrom('subscription').selectAll().where('email', '=', email).execute();
}

async function publish(title: string, about = '') {
  const form = await lead.get('/staff/globen/nyheter/ny');
  const submissionId = /name="submission_id" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  return lead.post('/staff/globen/nyheter', {
    submission_id: submissionId,
    title,
    body: 'Helginsatsen gjorde **krogtillsyn** vid Globen City. Läs mer på [polisen.se](https://polisen.se/).',
    published_on: '2026-11-25',
    about,
    intent: 'save',
  });
}

describe('following by e-mail', () => {
  let unsubscribeUrl = '';

  it('offers the form on the LPO and commitment pages, with what is stored and for how long', async () => {
    const page = await t.app.inject({ url: '/lpo/globen' });
    expect(page.body).toContain('<label for="follow-email">Din e-postadress</label>');
    expect(page.body).toContain('inte bekräftas inom 7 dagar raderas');
    expect(formFields(page.body)).toMatchObject({
      lpo: 'globen',
      token: expect.stringMatching(/^\d+\.[\w-]{43}$/),
    });
    const commitment = await t.app.inject({ url: '/lpo/globen/2026/helginsats' });
    expect(formFields(commitment.body)).toMatchObject({ lpo: 'globen', year: '2026', key: 'helginsats' });
  });

  it('sends a confirmation mail; the page says the same whether or not the address is known', async () => {
    const res = await subscribe('Anna@Example.se');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/folj/skickat');
    const sent = await t.app.inject({ url: '/folj/skickat' });
    expect(sent.body).toContain('<h1>Kolla din e-post</h1>');
    const [row] = await subscriptionsOf('anna@example.se');
    expect(row?.confirmed_at).toBeNull();
    // The token is stored only as its SHA-256.
    expect(row?.confirm_token_hash).toMatch(/^[0-9a-f]{64}$/);

    const again = await subscribe('anna@example.se');
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/folj/skickat');

    const mails = await deliver();
    expect(mails).toHaveLength(1);
    const mail = mails[0] as ParsedMail;
    expect(mail.subject).toBe('Bekräfta att du vill följa medborgarlöftet');
    expect(mail.from?.text).toContain('no-reply@example.se');
    expect(header(mail, 'list-unsubscribe')).toMatch(
      /^<https:\/\/medborgarlofte\.example\/folj\/avsluta\/[\w.-]+>$/,
    );
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /https:\/\/medborgarlofte\.example\/folj\/bekrafta\/[\w-]+/.exec(mail.text ?? '')?.[0] ?? '';
    expect(link).not.toBe('');
    expect(row?.confirm_token_hash).not.toContain(link.split('/').pop());

    // Opening the link (as a mail scanner does) shows a button and confirms nothing.
    const confirmPage = await t.app.inject({ url: pathOf(link) });
    expect(confirmPage.statusCode).toBe(200);
    expect(confirmPage.body).toContain('Ja, jag vill få nyheterna');
    expect((await subscriptionsOf('anna@example.se'))[0]?.confirmed_at).toBeNull();
    const confirmed = await t.app.inject({ method: 'POST', url: pathOf(link) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Klart – du följer nu');
    expect((await subscriptionsOf('anna@example.se'))[0]?.confirmed_at).toBeInstanceOf(Date);
    // A used link does not work again.
    expect((await t.app.inject({ method: 'POST', url: pathOf(link) })).statusCode).toBe(404);
  });

  it('mails a published update with List-Unsubscribe headers and the update as HTML and text', async () => {
    const res = await publish('Helginsatsen i helgen');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff/globen/nyheter?saved=new&queued=1');
    const mails = await deliver();
    expect(mails.map((m) => m.subject)).toEqual(['Nyhet: Helginsatsen i helgen']);
    const mail = mails[0] as ParsedMail;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('anna@example.se');
    expect(mail.html).toContain('<strong>krogtillsyn</strong>');
    expect(mail.html).toContain('rel="nofollow noopener noreferrer"');
    expect(mail.text).toContain('Läs på webben: https://medborgarlofte.example/lpo/globen/nyheter/');
    unsubscribeUrl = /^<(.+)>$/.exec(header(mail, 'list-unsubscribe'))?.[1] ?? '';
    expect(unsubscribeUrl).toMatch(/^https:\/\//);
    expect(mail.text).toContain(unsubscribeUrl);
    const row = await t.database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(1);
  });

  it('shows a button on GET, and unsubscribes at once on the one-click POST', async () => {
    const page = await t.app.inject({ url: pathOf(unsubscribeUrl) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sluta följa');
    expect(await subscriptionsOf('anna@example.se')).toHaveLength(1);
    const res = await t.app.inject({
      method: 'POST',
      url: pathOf(unsubscribeUrl),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Du följer inte längre');
    expect(await subscriptionsOf('anna@example.se')).toHaveLength(0);

    const next = await publish('Nästa nyhet');
    expect(next.headers.location).toBe('/staff/globen/nyheter?saved=new&queued=0');
    expect(await deliver()).toHaveLength(0);
    expect((await t.app.inject({ url: pathOf(unsubscribeUrl) })).statusCode).toBe(404);
  });

  it('accepts a one-click POST sent as multipart/form-data', async () => {
    await subscribe('multi@example.se');
    const [confirmation] = await deliver();
    const link = /https:\S+\/folj\/bekrafta\/[\w-]+/.exec(confirmation?.text ?? '')?.[0] ?? '';
    await t.app.inject({ method: 'POST', url: pathOf(link) });
    const url = /^<(.+)>$/.exec(header(confirmation as ParsedMail, 'list-unsubscribe'))?.[1] ?? '';
    const boundary = 'xyz';
    const res = await t.app.inject({
      method: 'POST',
      url: pathOf(url),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode).toBe(200);
    expect(await subscriptionsOf('multi@example.se')).toHaveLength(0);
  });

  it('sends a commitment’s followers only the updates tied to it', async () => {
    const res = await subscribe('bo@example.se', '/lpo/globen/2026/helginsats');
    expect(res.statusCode).toBe(303);
    const [confirmation] = await deliver();
    expect(confirmation?.text).toContain('Insatser för att öka tryggheten – helginsatsen');
    const link = /https:\S+\/folj\/bekrafta\/[\w-]+/.exec(confirmation?.text ?? '')?.[0] ?? '';
    await t.app.inject({ method: 'POST', url: pathOf(link) });
    const globen = await t.app.services.areas.findPoliceArea('globen');
    const walks = await t.app.services.updates.commitment(globen?.id ?? 0, 2026, 'trygghetsvandringar');
    const weekend = await t.app.services.updates.commitment(globen?.id ?? 0, 2026, 'helginsats');
    await publish('Om trygghetsvandringarna', `c${walks?.id}`);
    expect(await deliver()).toHaveLength(0);
    await publish('Om helginsatsen', `c${weekend?.id}`);
    expect((await deliver()).map((m) => m.subject)).toEqual(['Nyhet: Om helginsatsen']);
  });

  it('refuses a bad address, an old or forged form, a bot and a post from another site', async () => {
    const bad = await subscribe('inte-en-adress');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="follow-email-error">Ange en e-postadress');
    expect(bad.body).toContain('value="inte-en-adress"');

    const v = visitor();
    const forged = await v.post('/folj', { lpo: 'globen', token: '1.abc', email: 'c@example.se' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Formuläret hade gått ut');

    const fields = formFields((await v.get('/lpo/globen')).body);
    const bot = await v.post('/folj', { ...fields, email: 'bot@example.se', website: 'http://spam.example' });
    expect(bot.statusCode).toBe(303);
    const cross = await v.post(
      '/folj',
      { ...fields, email: 'x@example.se' },
      { origin: 'https://evil.example' },
    );
    expect(cross.statusCode).toBe(403);
    const fetched = await v.post(
      '/folj',
      { ...fields, email: 'z@example.se' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(fetched.statusCode).toBe(403);
    expect((await v.post('/folj', { ...fields, lpo: 'finns-inte', email: 'y@example.se' })).statusCode).toBe(
      400,
    );
    for (const email of ['c@example.se', 'bot@example.se', 'x@example.se', 'y@example.se', 'z@example.se']) {
      expect(await subscriptionsOf(email)).toHaveLength(0);
    }
    expect(await deliver()).toHaveLength(0);
  });

  it('limits sign-ups per client', async () => {
    const v = visitor();
    const fields = formFields((await v.get('/lpo/globen')).body);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await v.post('/folj', { ...fields, email: `r${i}@example.se` })).statusCode);
    expect(codes).toEqual([303, 303, 303, 303, 303, 429]);
    await deliver();
  });

  it('answers a broken confirmation or unsubscribe link with a 404 page that says what to do', async () => {
    for (const url of ['/folj/bekrafta/abc', '/folj/avsluta/1.abc', `/folj/avsluta/1.${'a'.repeat(43)}`]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('Länken fungerar inte');
    }
    expect(
      (await t.app.inject({ method: 'POST', url: `/en/follow/unsubscribe/1.${'a'.repeat(43)}` })).statusCode,
    ).toBe(404);
  });

  it('deletes sign-ups never confirmed within 7 days', async () => {
    const old = new Date(TEST_TODAY.getTime() - 8 * 86_400_000);
    const globen = await t.app.services.areas.findPoliceArea('globen');
    await t.database.db
      .insertInto('subscription')
      .values({
        email: 'gammal@example.se',
        police_area_id: globen?.id ?? 0,
        commitment_id: null,
        lang: 'sv',
        confirm_token_hash: 'x',
        confirm_sent_at: old,
        created_at: old,
      })
      .execute();
    await subscribe('ny@example.se');
    await t.app.services.updates.purgeExpired();
    expect(await subscriptionsOf('gammal@example.se')).toHaveLength(0);
    expect(await subscriptionsOf('ny@example.se')).toHaveLength(1);
    await deliver();
  });
});

describe('the mail worker', () => {
  it('retries later when the SMTP server refuses, and gives up after the last try', async () => {
    await subscribe('retry@example.se');
    refuse = true;
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
    const [row] = await t.database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'retry@example.se')
      .execute();
    expect(row?.status).toBe('queued');
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toContain('451');
    // Not due again before its pause is over.
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
    refuse = false;
    workerNow += 61_000;
    const before = inbox.length;
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(inbox.slice(before).map((m) => m.subject)).toEqual(['Bekräfta att du vill följa medborgarlöftet']);

    await subscribe('never@example.se');
    refuse = true;
    await worker.runOnce();
    workerNow += 61_000;
    await worker.runOnce();
    refuse = false;
    const [failed] = await t.database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'never@example.se')
      .execute();
    expect(failed?.status).toBe('failed');
    expect(failed?.attempts).toBe(2);
  });
});
