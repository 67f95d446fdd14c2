import CZlib

/// Inflates gzip (and zlib) data with the system zlib.
enum Gzip {
    /// The decompressed bytes of `data` (concatenated gzip members are all inflated).
    static func inflate(_ data: [UInt8], path: String) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(data.count * 4)
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw LoadError.badCompression(path: path, reason: "zlib could not start") }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        try data.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
            stream.avail_in = UInt32(input.count)
            while true {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress!
                    stream.avail_out = UInt32(outBuf.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return outBuf.count - Int(stream.avail_out)
                }
                out.append(contentsOf: buffer[0..<produced])
                if status == Z_STREAM_END {
                    if stream.avail_in == 0 { break }
                    inflateReset(&stream)
                    continue
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    throw LoadError.badCompression(path: path, reason: "the file is truncated")
                }
                if status != Z_OK {
                    let reason = stream.msg.map { String(cString: $0) } ?? "corrupt data"
                    throw LoadError.badCompression(path: path, reason: reason)
                }
            }
        }
        return out
    }
}
