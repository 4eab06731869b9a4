/// Writes a zip archive whose members are *stored* (not compressed), as MediaPipe requires for a
/// `.task` model bundle.
///
/// The output is deterministic: every member carries the same fixed timestamp (1980-01-01 00:00, the
/// earliest a zip can hold) and fixed permissions (regular file, 0644), so the same members in the
/// same order always give the same bytes. Each member's data starts at a multiple of `alignment`
/// bytes from the start of the archive (padding goes into the local header's extra field, as
/// Android's `zipalign` does), which lets MediaPipe use the model bytes in place.
public struct StoredZipWriter {
    /// Byte alignment of every member's data within the archive.
    public let alignment: Int
    private var archive: [UInt8] = []
    private var centralDirectory: [UInt8] = []
    private var memberCount = 0

    /// DOS date of 1980-01-01 (day 1, month 1, year 1980 + 0).
    private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    private static let dosTime: UInt16 = 0
    /// "Version made by": Unix (3) in the high byte, zip spec 2.0 in the low byte.
    private static let versionMadeBy: UInt16 = (3 << 8) | 20
    private static let versionNeeded: UInt16 = 10
    /// Unix mode 0100644 (regular file, rw-r--r--) in the high 16 bits of the external attributes.
    private static let externalAttributes: UInt32 = 0o100644 << 16

    /// Creates a writer that aligns member data to `alignment` bytes (4 by default, as MediaPipe's
    /// own bundler does).
    public init(alignment: Int = 4) {
        precondition(alignment >= 1)
        self.alignment = alignment
    }

    /// Appends a member called `name` holding `data`.
    public mutating func add(name: String, data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let headerOffset = archive.count
        let dataStart = headerOffset + 30 + nameBytes.count
        let padding = (alignment - dataStart % alignment) % alignment

        append32(&archive, 0x0403_4B50)
        append16(&archive, Self.versionNeeded)
        append16(&archive, 0)  // flags
        append16(&archive, 0)  // method: stored
        append16(&archive, Self.dosTime)
        append16(&archive, Self.dosDate)
        append32(&archive, crc)
        append32(&archive, UInt32(data.count))  // compressed size
        append32(&archive, UInt32(data.count))  // uncompressed size
        append16(&archive, UInt16(nameBytes.count))
        append16(&archive, UInt16(padding))
        archive += nameBytes
        archive += [UInt8](repeating: 0, count: padding)
        archive += data

        append32(&centralDirectory, 0x0201_4B50)
        append16(&centralDirectory, Self.versionMadeBy)
        append16(&centralDirectory, Self.versionNeeded)
        append16(&centralDirectory, 0)  // flags
        append16(&centralDirectory, 0)  // method
        append16(&centralDirectory, Self.dosTime)
        append16(&centralDirectory, Self.dosDate)
        append32(&centralDirectory, crc)
        append32(&centralDirectory, UInt32(data.count))
        append32(&centralDirectory, UInt32(data.count))
        append16(&centralDirectory, UInt16(nameBytes.count))
        append16(&centralDirectory, 0)  // extra length
        append16(&centralDirectory, 0)  // comment length
        append16(&centralDirectory, 0)  // disk number
        append16(&centralDirectory, 0)  // internal attributes
        append32(&centralDirectory, Self.externalAttributes)
        append32(&centralDirectory, UInt32(headerOffset))
        centralDirectory += nameBytes
        memberCount += 1
    }

    /// The finished archive: the members, the central directory and the end record.
    public func finish() -> [UInt8] {
        var out = archive
        let directoryOffset = out.count
        out += centralDirectory
        append32(&out, 0x0605_4B50)
        append16(&out, 0)  // this disk
        append16(&out, 0)  // disk with the directory
        append16(&out, UInt16(memberCount))
        append16(&out, UInt16(memberCount))
        append32(&out, UInt32(centralDirectory.count))
        append32(&out, UInt32(directoryOffset))
        append16(&out, 0)  // comment length
        return out
    }

    private func append16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    private func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8((value >> UInt32(shift)) & 0xFF))
        }
    }
}
