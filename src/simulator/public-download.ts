/**
 * Downloading an edit input from the public web, and from nowhere else. A URL in a request is
 * the caller's choice, so without checks the simulator would fetch loopback services, the LAN
 * and cloud metadata (169.254.169.254, Alibaba's 100.100.100.200) for them, and its errors
 * would tell open ports from closed ones. So: every address the name resolves to must be public
 * (checked after DNS, at every redirect), the connection goes to the address that was checked
 * (no second lookup a rebinding DNS server could answer differently), at most 3 redirects, a
 * byte cap and one deadline for the whole download, and a failure says only that it failed.
 */
import { lookup as dnsLookup } from 'node:dns/promises'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'

export const MAX_REDIRECTS = 3

export interface ResolvedAddress {
  address: string
  family: number
}

export interface DownloadOptions {
  maxBytes: number
  timeoutMs: number
  /** DNS; every address it gives is checked. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>
  /**
   * Tests only: loopback addresses on these ports count as public, so that a local server can
   * stand in for the web. Nothing outside tests sets it.
   */
  testOnlyLoopbackPorts?: readonly number[]
}

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'failed' | 'too-large' }

/** Not the public internet: this machine, private and shared networks, link-local, metadata, multicast, reserved. */
const NOT_PUBLIC = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches this machine
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT; Alibaba Cloud's metadata is 100.100.100.200
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local; metadata at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped: judged as IPv4 below
  ['64:ff9b::', 96], // NAT64 can reach private IPv4
  ['100::', 64],
  ['2001::', 32], // Teredo
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4 embeds any IPv4
  ['fc00::', 7], // unique local; AWS metadata fd00:ec2::254
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6')

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

function isPublic(address: string, port: number, opts: DownloadOptions): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
  const mapped = family === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined
  if (mapped) return isPublic(mapped, port, opts)
  if (!NOT_PUBLIC.check(address, family)) return true
  return !!opts.testOnlyLoopbackPorts?.includes(port) && LOOPBACK.check(address, family)
}

const systemResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true })

class Refused extends Error {}

/** The one address to connect to, or Refused when any address of the name is not public. */
async function checkedAddress(url: URL, opts: DownloadOptions): Promise<ResolvedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Refused()
  if (url.username || url.password) throw new Refused()
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
  const addresses = isIP(hostname) ? [{ address: hostname, family: isIP(hostname) }] : await (opts.resolve ?? systemResolve)(hostname)
  if (!addresses.length || !addresses.every((a) => isPublic(a.address, port, opts))) throw new Refused()
  return addresses[0]!
}

/** A lookup that answers with the checked address only: the connection goes where the check said. */
function pinned(checked: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [checked])
    else callback(null, checked.address, checked.family)
  }
}

function get(url: URL, checked: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const request = client.get(url, { lookup: pinned(checked), signal, agent: false }, resolve)
    request.on('error', reject)
  })
}

/** Reads the body up to maxBytes; 'too-large' past it (the rest is not read). */
async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  if (Number(response.headers['content-length']) > maxBytes) {
    response.destroy()
    return 'too-large'
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.byteLength
    if (total > maxBytes) {
      response.destroy()
      return 'too-large'
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, total)
}

/** Downloads `raw` from the public web, following at most MAX_REDIRECTS redirects. */
export async function publicDownload(raw: string, opts: DownloadOptions): Promise<Download> {
  const signal = AbortSignal.timeout(opts.timeoutMs)
  try {
    let url = new URL(raw)
    for (let redirects = 0; ; redirects++) {
      const response = await get(url, await checkedAddress(url, opts), signal)
      const status = response.statusCode ?? 0
      const location = response.headers.location
      if (status >= 300 && status < 400 && location) {
        response.destroy()
        if (redirects >= MAX_REDIRECTS) return { ok: false, reason: 'failed' }
        url = new URL(location, url)
        continue
      }
      if (status < 200 || status >= 300) {
        response.destroy()
        return { ok: false, reason: 'failed' }
      }
      const bytes = await readCapped(response, opts.maxBytes)
      return bytes === 'too-large' ? { ok: false, reason: 'too-large' } : { ok: true, bytes }
    }
  } catch {
    // Refused, DNS, connection, TLS, timeout: all the same to the caller, on purpose.
    return { ok: false, reason: 'failed' }
  }
}
