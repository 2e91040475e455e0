/**
 * Writes `.npy` bytes (format 1.0) the way `numpy.save` does, for the tests: the magic, the header
 * dict padded with spaces to a multiple of 64 bytes, then the raw values.
 */
export function npyBytes({
  descr,
  shape,
  values,
  fortranOrder = false,
}: {
  descr: string
  shape: readonly number[]
  values: ArrayBufferView
  fortranOrder?: boolean
}): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
  let header = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`
  const unpadded = 10 + header.length + 1
  header = `${header}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`
  const out = new Uint8Array(10 + header.length + values.byteLength)
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8])
  out.set(new TextEncoder().encode(header), 10)
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 10 + header.length)
  return out
}
