/// Reads the few things the model patcher needs from a FlatBuffer: tables, their fields and vectors.
///
/// Positions are byte offsets from the start of `bytes`. Every read is bounds-checked and throws
/// `VideoError.malformedModel` rather than trapping on a damaged file.
struct FlatBufferReader {
    let bytes: [UInt8]
    let name: String

    /// Absolute position of the root table.
    func rootTable() throws -> Int {
        try position(referencedAt: 0)
    }

    /// The 4-character file identifier stored after the root offset.
    func fileIdentifier() throws -> String {
        try check(4, 4)
        return String(decoding: bytes[4..<8], as: UTF8.self)
    }

    /// Absolute position of the field `id` of the table at `table`, or `nil` when absent.
    func fieldPosition(table: Int, id: Int) throws -> Int? {
        let vtable = table - Int(try int32(at: table))
        let vtableSize = Int(try uint16(at: vtable))
        let entry = 4 + 2 * id
        guard entry + 2 <= vtableSize else { return nil }
        let fieldOffset = Int(try uint16(at: vtable + entry))
        return fieldOffset == 0 ? nil : table + fieldOffset
    }

    /// Absolute position of the object that the offset field `id` of `table` refers to.
    func referencedObject(table: Int, id: Int) throws -> Int? {
        guard let field = try fieldPosition(table: table, id: id) else { return nil }
        return try position(referencedAt: field)
    }

    /// The `uint32` scalar field `id` of `table`, or `defaultValue` when absent.
    func uint32Field(table: Int, id: Int, defaultValue: UInt32 = 0) throws -> UInt32 {
        guard let field = try fieldPosition(table: table, id: id) else { return defaultValue }
        return try uint32(at: field)
    }

    /// The `uint64` scalar field `id` of `table`, or 0 when absent.
    func uint64Field(table: Int, id: Int) throws -> UInt64 {
        guard let field = try fieldPosition(table: table, id: id) else { return 0 }
        return UInt64(try uint32(at: field)) | (UInt64(try uint32(at: field + 4)) << 32)
    }

    /// Element count of the vector at `vector`.
    func vectorCount(_ vector: Int) throws -> Int {
        Int(try uint32(at: vector))
    }

    /// Absolute positions of the tables a vector of offsets at `vector` refers to.
    func tableVector(_ vector: Int) throws -> [Int] {
        let count = try vectorCount(vector)
        return try (0..<count).map { try position(referencedAt: vector + 4 + 4 * $0) }
    }

    /// The string at `position`.
    func string(at position: Int) throws -> String {
        let length = try vectorCount(position)
        try check(position + 4, length)
        return String(decoding: bytes[(position + 4)..<(position + 4 + length)], as: UTF8.self)
    }

    private func position(referencedAt slot: Int) throws -> Int {
        let target = slot + Int(try uint32(at: slot))
        guard target < bytes.count else { throw malformed("an offset at byte \(slot) points outside the file") }
        return target
    }

    private func uint16(at position: Int) throws -> UInt16 {
        try check(position, 2)
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    private func uint32(at position: Int) throws -> UInt32 {
        try check(position, 4)
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * UInt32(index)) }
        return value
    }

    private func int32(at position: Int) throws -> Int32 {
        Int32(bitPattern: try uint32(at: position))
    }

    private func check(_ position: Int, _ length: Int) throws {
        guard position >= 0, length >= 0, position + length <= bytes.count else {
            throw malformed("a read at byte \(position) runs past the end of the file")
        }
    }

    private func malformed(_ problem: String) -> VideoError {
        .malformedModel(name: name, problem: problem)
    }
}
