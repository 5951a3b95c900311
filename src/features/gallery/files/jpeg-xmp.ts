/** An XMP packet in a JPEG: an APP1 segment with Adobe's XMP namespace, after SOI and any APP0 (JFIF). */
const XMP_NAMESPACE = 'http://ns.adobe.com/xap/1.0/\0'
/** A segment's length field counts itself and holds at most 65535. */
const MAX_PAYLOAD = 65535 - 2

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}

export function insertJpegXmp(jpeg: Uint8Array, packet: string): Uint8Array<ArrayBuffer> {
  if (!isJpeg(jpeg)) throw new Error('Not a JPEG file')
  const payload = new TextEncoder().encode(XMP_NAMESPACE + packet)
  if (payload.length > MAX_PAYLOAD) throw new Error('The parameters are too long for one JPEG XMP segment')
  // after SOI, and after a JFIF APP0 when there is one (JFIF wants to come first)
  let at = 2
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + ((jpeg[4]! << 8) | jpeg[5]!)
  const segment = new Uint8Array(4 + payload.length)
  segment.set([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff])
  segment.set(payload, 4)
  const out = new Uint8Array(jpeg.length + segment.length)
  out.set(jpeg.subarray(0, at))
  out.set(segment, at)
  out.set(jpeg.subarray(at), at + segment.length)
  return out
}
