/**
 * Which `Host` names the studio (and the simulator's admin) answer to. A page on another site
 * can make its own domain resolve to 127.0.0.1 ("DNS rebinding"): the browser then sends that
 * domain as Host and Origin, and a same-origin check built from Host passes. Only a name can
 * rebind, so IP addresses are always allowed (as Vite's `server.allowedHosts` does), except the
 * unspecified 0.0.0.0 and [::], which browsers have routed to this machine from public pages.
 * Names: localhost and *.localhost (never resolved through DNS), the bound HOST, and what
 * STUDIO_ALLOWED_HOSTS lists (exact names; ".example.lan" also allows its subdomains).
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const UNSPECIFIED = new Set(['0.0.0.0', '[::]', '::'])

/** The hostname of a Host header value (port dropped, lower case, IPv6 in brackets), or undefined. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined
  try {
    const url = new URL(`http://${hostHeader.trim()}`)
    return url.pathname === '/' && !url.username && !url.password ? url.hostname : undefined
  } catch {
    return undefined
  }
}

/** A URL hostname (as `new URL().hostname` gives it) the studio answers to; `allowed` holds extra names. */
export function isAllowedHostname(hostname: string, allowed: readonly string[] = []): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  if (!name || UNSPECIFIED.has(name)) return false
  if (IPV4.test(name) || name.startsWith('[')) return true
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  return allowed.some((entry) => {
    const e = entry.toLowerCase()
    return e === name || (e.startsWith('.') && (name === e.slice(1) || name.endsWith(e)))
  })
}

/** Is this Host header value allowed? A missing or unreadable one is not. */
export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[] = []): boolean {
  const hostname = hostnameOf(hostHeader)
  return hostname !== undefined && isAllowedHostname(hostname, allowed)
}

/** Checks an STUDIO_ALLOWED_HOSTS entry: a host name (or ".suffix"), no scheme, port or path. */
export function allowedHostProblem(entry: string): string | null {
  const name = entry.startsWith('.') ? entry.slice(1) : entry
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(name)
    ? null
    : `STUDIO_ALLOWED_HOSTS lists host names separated by commas, like studio.lan,.example.lan (got "${entry}")`
}
