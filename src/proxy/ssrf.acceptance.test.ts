// @vitest-environment node
/**
 * Acceptance: a list of SSRF probes against /api/image is refused 100%, in live and in simulator
 * mode: nothing but an allowlisted result host (or the embedded simulator, in-process) is ever
 * fetched, and a redirect from an allowed host is not followed.
 */
import { describe, expect, it } from 'vitest'
import { ErrorBody } from '../shared/schemas.ts'
import { createGateway } from './create-gateway.ts'
import { captureFetch, fakeSimulator, type Responder } from '../testing/test-upstream.ts'

const ORIGIN = 'http://127.0.0.1:8787'
const RESULT_HOST = 'dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com'
const ALLOWED = `https://${RESULT_HOST}/1d/result.png?Expires=1&Signature=ab`

/** Probes that must be refused without any request leaving the gateway. */
const PROBES = [
  // private, loopback, link-local and unspecified addresses
  'http://10.0.0.1/x.png',
  'https://10.255.255.255/x.png',
  'http://172.16.0.1/x.png',
  'https://172.31.255.1/x.png',
  'http://192.168.1.1/x.png',
  'https://192.168.0.10:8443/x.png',
  'http://127.0.0.1/x.png',
  'http://127.0.0.1:8787/api/config',
  'http://127.0.0.1:8787/simulator/__admin/stats',
  'https://127.1/x.png',
  'http://[::1]/x.png',
  'http://[::1]:8787/simulator/results/x.png',
  'http://[::ffff:127.0.0.1]/x.png',
  'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  'http://0.0.0.0/x.png',
  'http://0/x.png',
  'http://169.254.169.254/latest/meta-data/',
  'https://169.254.169.254/latest/meta-data/iam/',
  'http://100.100.100.200/latest/meta-data/',
  // other spellings of 127.0.0.1 / 169.254.169.254
  'http://2130706433/x.png',
  'http://0x7f000001/x.png',
  'http://0177.0.0.1/x.png',
  'http://0x7f.0.0.1/x.png',
  'http://017700000001/x.png',
  'http://2852039166/latest/meta-data/',
  'http://0xa9fea9fe/latest/meta-data/',
  // localhost and its relatives
  'http://localhost/x.png',
  'https://localhost/x.png',
  'http://localhost:8787/simulator/results/x.png',
  'http://studio.localhost/x.png',
  'https://a.b.localhost/x.png',
  'http://localhost./x.png',
  'http://LOCALHOST/x.png',
  // other hosts and look-alikes of the result hosts
  'https://evil.com/x.png',
  'https://example.org/result.png',
  `https://${RESULT_HOST}.evil.com/x.png`,
  `https://evil-${RESULT_HOST}/x.png`,
  `https://${RESULT_HOST}./x.png`,
  `https://${RESULT_HOST.replace('sz', 'xx')}/x.png`,
  'https://dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com.cn/x.png',
  'https://oss-cn-shenzhen.aliyuncs.com/x.png',
  'https://aliyuncs.com/x.png',
  `https://xn--${RESULT_HOST}/x.png`,
  `http://${RESULT_HOST}/x.png`,
  `https://${RESULT_HOST}:8443/x.png`,
  `https://${RESULT_HOST}:80/x.png`,
  // userinfo tricks
  `https://${RESULT_HOST}@evil.com/x.png`,
  `https://user:pass@${RESULT_HOST}/x.png`,
  `https://${RESULT_HOST}:443@169.254.169.254/`,
  `https://evil.com#@${RESULT_HOST}/x.png`,
  `https://evil.com\\@${RESULT_HOST}/x.png`,
  // schemes
  'file:///etc/passwd',
  'file://localhost/etc/passwd',
  'data:image/png;base64,iVBORw0KGgo=',
  'data:text/html,<script>alert(1)</script>',
  `ftp://${RESULT_HOST}/x.png`,
  'gopher://127.0.0.1:6379/_INFO',
  'javascript:alert(1)',
  'blob:https://evil.com/uuid',
  'ws://127.0.0.1:8787/',
  'dict://127.0.0.1:11211/stat',
  // not URLs at all
  '',
  '//evil.com/x.png',
  '/simulator/results/x.png',
  'x.png',
]

type Mode = 'live' | 'simulator'

const png: Responder = () => new Response(new Uint8Array([0x89, 0x50]), { headers: { 'content-type': 'image/png', 'content-length': '2' } })

function gatewayFor(mode: Mode, respond: Responder = png) {
  const network = captureFetch(respond)
  const simulator = fakeSimulator(png)
  const app =
    mode === 'live'
      ? createGateway({ mode, region: 'singapore', apiKey: 'sk-ssrf', fetch: network.fetch })
      : createGateway({ mode, region: 'singapore', simulator, fetch: network.fetch })
  return { app, network, simulator }
}

async function refused(res: Response): Promise<boolean> {
  if (res.status < 400) return false
  if (!res.headers.get('content-type')?.includes('application/json')) return false
  return ErrorBody.safeParse(await res.json()).success
}

describe('acceptance: SSRF probes on /api/image', () => {
  it.each<Mode>(['live', 'simulator'])('refuses every probe in %s mode', async (mode) => {
    const outcomes: { probe: string; refused: boolean }[] = []
    for (const probe of PROBES) {
      const { app, network, simulator } = gatewayFor(mode)
      const res = await app.request(`${ORIGIN}/api/image?url=${encodeURIComponent(probe)}`)
      const nothingFetched = network.calls.length === 0 && simulator.calls.length === 0
      outcomes.push({ probe, refused: (await refused(res)) && nothingFetched })
    }

    // Redirects from an allowed host to anywhere else: one fetch of the allowed link, no follow.
    for (const location of [
      'http://169.254.169.254/latest/meta-data/',
      'https://evil.com/x.png',
      'http://127.0.0.1:8787/api/config',
      `https://${RESULT_HOST}/other.png`,
    ]) {
      for (const status of [301, 302, 303, 307, 308]) {
        const { app, network } = gatewayFor(mode, () => new Response(null, { status, headers: { location } }))
        const res = await app.request(`${ORIGIN}/api/image?url=${encodeURIComponent(ALLOWED)}`)
        const onlyAllowed = network.calls.length === 1 && network.calls[0]!.url === ALLOWED && network.calls[0]!.redirect === 'manual'
        outcomes.push({ probe: `${status} ${ALLOWED} -> ${location}`, refused: (await refused(res)) && onlyAllowed })
      }
    }

    const refusedCount = outcomes.filter((o) => o.refused).length
    console.log(`SSRF probes: ${refusedCount} refused of ${outcomes.length} (${mode} mode)`)
    expect(outcomes.filter((o) => !o.refused)).toEqual([])
  })

  it('still fetches the allowed links (the probes are refused for what they are, not for everything)', async () => {
    const live = gatewayFor('live')
    expect((await live.app.request(`${ORIGIN}/api/image?url=${encodeURIComponent(ALLOWED)}`)).status).toBe(200)
    const sim = gatewayFor('simulator')
    const own = `${ORIGIN}/simulator/results/0b6f6f0e-8c1a-4a57-9b1e-3f5d8f0b6a11.png?Expires=1&Signature=ab`
    const res = await sim.app.request(`${ORIGIN}/api/image?url=${encodeURIComponent(own)}`)
    expect(res.status).toBe(200)
    expect(sim.simulator.calls).toHaveLength(1)
    expect(sim.network.calls).toHaveLength(0)
  })
})
