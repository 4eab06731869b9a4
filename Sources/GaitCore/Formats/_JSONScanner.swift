import Foundation

/// A small, fast reader of JSON text for the pose formats, which can hold millions of numbers (a
/// 10-minute 60 fps runcoach-pose file has 4.8 million): about 10× faster than `JSONDecoder` here.
///
/// It reads standard JSON plus the bare `NaN`, `Infinity` and `-Infinity` that Python's `json`
/// module writes, so that a file holding them can be rejected with the frame and landmark named
/// rather than a bare syntax error. Numbers go through `strtod`, so every value reads back exactly.
struct _JSONScanner {
    /// A syntax error at a byte offset.
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// 1-based line of `offset`, for messages.
    func line(of offset: Int) -> Int {
        var line = 1
        for i in 0..<min(offset, bytes.count) where bytes[i] == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next non-blank byte, without consuming it (`nil` at the end).
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    var isAtEnd: Bool { mutating get { peek() == nil } }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard peek() == byte else { throw SyntaxError(offset: offset, message: "expected \(what)") }
        offset += 1
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Consumes `null` if it is next.
    mutating func consumeNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), matches("null") else { return false }
        offset += 4
        return true
    }

    private func matches(_ word: StaticString) -> Bool {
        guard offset + word.utf8CodeUnitCount <= bytes.count else { return false }
        for i in 0..<word.utf8CodeUnitCount where bytes[offset + i] != word.utf8Start[i] { return false }
        return true
    }

    /// Reads a string (with escapes).
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""), "a string")
        var start = offset
        var text = ""
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                text += String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                text += String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                guard offset < bytes.count else { break }
                let escaped = bytes[offset]
                offset += 1
                switch escaped {
                case UInt8(ascii: "\""): text += "\""
                case UInt8(ascii: "\\"): text += "\\"
                case UInt8(ascii: "/"): text += "/"
                case UInt8(ascii: "b"): text += "\u{8}"
                case UInt8(ascii: "f"): text += "\u{C}"
                case UInt8(ascii: "n"): text += "\n"
                case UInt8(ascii: "r"): text += "\r"
                case UInt8(ascii: "t"): text += "\t"
                case UInt8(ascii: "u"):
                    let unit = try hexUnit()
                    var scalar = Unicode.Scalar(unit)
                    if (0xD800..<0xDC00).contains(unit), matches("\\u") {
                        offset += 2
                        let low = try hexUnit()
                        scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) &- 0xDC00))
                    }
                    text.unicodeScalars.append(scalar ?? "\u{FFFD}")
                default:
                    throw SyntaxError(offset: offset - 1, message: "invalid escape in a string")
                }
                start = offset
                continue
            }
            offset += 1
        }
        throw SyntaxError(offset: offset, message: "unterminated string")
    }

    private mutating func hexUnit() throws -> UInt16 {
        guard offset + 4 <= bytes.count, let value = UInt16(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 4)]), as: UTF8.self), radix: 16) else {
            throw SyntaxError(offset: offset, message: "invalid \\u escape")
        }
        offset += 4
        return value
    }

    /// Reads a number; `NaN`, `Infinity` and `-Infinity` read as themselves (the caller rejects them).
    mutating func number() throws -> Double {
        skipWhitespace()
        if matches("NaN") { offset += 3; return .nan }
        if matches("Infinity") { offset += 8; return .infinity }
        if matches("-Infinity") { offset += 9; return -.infinity }
        let start = offset
        while offset < bytes.count, Self.isNumberByte(bytes[offset]) { offset += 1 }
        let length = offset - start
        guard length > 0, length < 64 else { throw SyntaxError(offset: start, message: "expected a number") }
        // strtod needs a terminated string: copy the token (at most 63 bytes) to the stack.
        return try withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for i in 0..<length { buffer[i] = CChar(bitPattern: bytes[start + i]) }
            buffer[length] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == length else { throw SyntaxError(offset: start, message: "expected a number") }
            return value
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return true
        default: return false
        }
    }

    /// Skips any JSON value (for keys the reader does not know).
    mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            offset += 1
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                _ = try string()
                try expect(UInt8(ascii: ":"), "':'")
                try skipValue()
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"), "',' or '}'")
        case UInt8(ascii: "["):
            offset += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat { try skipValue() } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"), "',' or ']'")
        case UInt8(ascii: "t") where matches("true"): offset += 4
        case UInt8(ascii: "f") where matches("false"): offset += 5
        case UInt8(ascii: "n") where matches("null"): offset += 4
        default: _ = try number()
        }
    }
}
