/**
 * Webhook deliveries: a signed JSON POST to a public http(s) URL.
 */
import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { UsageError } from '../errors.ts';

/** Loopback, private, link-local, shared, multicast and reserved ranges: nothing a public webhook lives on. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/** True for an address no public webhook should resolve to. */
export function isPrivateAddress(address: string): boolean {
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const allowPrivate = () => process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS === '1';

/**
 * Checks a webhook URL before an alert is saved and again before each send (DNS can change):
 * http(s) only, and no private, loopback or link-local address unless PRESSROOM_ALLOW_PRIVATE_WEBHOOKS=1.
 * @throws UsageError saying what to change.
 */
export async function checkWebhookUrl(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`webhook "${raw}" is not a URL; give one such as https://example.org/hooks/pressroom`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`webhook ${raw} must be an http or https URL, not ${url.protocol}`);
  if (url.username || url.password) throw new UsageError(`webhook ${raw} must not carry a user name or password; put a secret in its path instead`);
  if (allowPrivate()) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await lookup(host, { all: true, verbatim: true }).then((a) => a.map((x) => x.address), () => {
    throw new UsageError(`webhook host ${host} does not resolve; check the URL`);
  });
  const bad = addresses.find(isPrivateAddress);
  if (bad) {
    throw new UsageError(`webhook ${raw} resolves to ${bad}, a private, loopback or link-local address; give a public URL (tests set PRESSROOM_ALLOW_PRIVATE_WEBHOOKS=1)`);
  }
  return url;
}

/** The `X-Pressroom-Signature` value: `sha256=` and the hex HMAC-SHA256 of the raw body with the alert's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A receiver has this long to answer before the attempt counts as failed. */
const TIMEOUT_MS = 15_000;

/**
 * POSTs one delivery. Resolves when the receiver answers 2xx; throws with the reason otherwise.
 * Redirects are not followed: they could lead to an address the check above refuses.
 */
export async function postWebhook(target: string, secret: string, deliveryId: string, body: string): Promise<void> {
  const url = await checkWebhookUrl(target);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'pressroom-webhook',
      'X-Pressroom-Delivery': deliveryId,
      'X-Pressroom-Signature': signature(secret, body),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await res.body?.cancel();
  if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status} from ${url.host}`);
}
