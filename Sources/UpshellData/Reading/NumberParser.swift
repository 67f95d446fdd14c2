/// Reads integers and decimals from bytes without creating strings.
enum NumberParser {
    /// An integer (optional sign, up to 18 digits). `canonical` is false for a `+` sign, leading zeros
    /// or `-0`: text that would not round-trip through the number.
    @inline(__always)
    static func integer(_ p: UnsafePointer<UInt8>, _ n: Int) -> (value: Int64, canonical: Bool)? {
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        var canonical = true
        if p[0] == 45 { negative = true; i = 1 } else if p[0] == 43 { canonical = false; i = 1 }
        let digitCount = n - i
        guard digitCount > 0, digitCount <= 18 else { return nil }
        if p[i] == 48 && digitCount > 1 { canonical = false }
        var v: Int64 = 0
        while i < n {
            let c = p[i] &- 48
            guard c < 10 else { return nil }
            v = v &* 10 &+ Int64(c)
            i += 1
        }
        if negative && v == 0 { canonical = false }
        return (negative ? -v : v, canonical)
    }

    /// A decimal with `.` (or `,` when `decimalComma`) as the separator, an optional exponent, and an
    /// optional currency sign (`$`, `£`, `€`) after the minus sign or before it.
    /// `scale` counts significant fraction digits (trailing zeros ignored), `Int.max` for exponents.
    @inline(__always)
    static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int, decimalComma: Bool) -> (value: Double, scale: Int)? {
        guard n > 0 else { return nil }
        let point: UInt8 = decimalComma ? 44 : 46
        var i = 0
        var negative = false
        if p[0] == 45 { negative = true; i = 1 } else if p[0] == 43 { i = 1 }
        // a currency sign before the digits: $, £ (C2 A3), € (E2 82 AC)
        if i < n, p[i] == 36 { i += 1 } else if i + 1 < n, p[i] == 0xC2, p[i + 1] == 0xA3 { i += 2 } else if i + 2 < n, p[i] == 0xE2, p[i + 1] == 0x82, p[i + 2] == 0xAC { i += 3 }
        if i < n, i > 0, p[i] == 45, !negative { negative = true; i += 1 }
        var mantissa: UInt64 = 0
        var digitCount = 0, fractionDigits = 0, significantScale = 0
        var sawPoint = false
        var anyDigit = false
        while i < n {
            let b = p[i]
            let c = b &- 48
            if c < 10 {
                anyDigit = true
                if digitCount < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(c)
                    if mantissa != 0 { digitCount += 1 }
                    if sawPoint { fractionDigits += 1; if c != 0 { significantScale = fractionDigits } }
                } else {
                    return slowDecimal(p, n, decimalComma: decimalComma)
                }
            } else if b == point && !sawPoint {
                sawPoint = true
            } else if b == 101 || b == 69 {
                return slowDecimal(p, n, decimalComma: decimalComma)
            } else {
                return nil
            }
            i += 1
        }
        guard anyDigit, fractionDigits <= 22 else { return nil }
        var v: Double
        if mantissa < (1 << 53) {
            v = Double(mantissa) / powersOfTen[fractionDigits]
        } else {
            return slowDecimal(p, n, decimalComma: decimalComma)
        }
        if negative { v = -v }
        return (v, significantScale)
    }

    /// Exponents and very long mantissas: through the standard library's correctly rounded parser.
    static func slowDecimal(_ p: UnsafePointer<UInt8>, _ n: Int, decimalComma: Bool) -> (value: Double, scale: Int)? {
        var bytes = Array(UnsafeBufferPointer(start: p, count: n))
        if decimalComma { for k in bytes.indices where bytes[k] == 44 { bytes[k] = 46 } }
        guard let v = Double(String(decoding: bytes, as: UTF8.self)), v.isFinite else { return nil }
        return (v, Int.max)
    }
}
