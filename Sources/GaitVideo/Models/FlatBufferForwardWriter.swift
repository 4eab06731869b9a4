/// A FlatBuffer object to serialise with `FlatBufferForwardWriter`.
indirect enum FlatObject {
    /// A table; the key is the field id, in schema order (a union takes two ids: type, then value).
    case table([Int: FlatField])
    /// A vector of offsets to objects (tables or strings).
    case objectVector([FlatObject])
    /// A `[ubyte]` vector whose first element starts at a multiple of `alignment` bytes.
    case bytes([UInt8], alignment: Int)
    /// A `[float]` vector.
    case floats([Float])
    /// A UTF-8 string.
    case string(String)
    /// An object of another FlatBuffer that will be appended, untouched, right after this writer's
    /// output; `position` is the object's byte position within that appended buffer. Used to put a
    /// new root table in front of an existing model and reuse everything in it.
    case appended(position: Int)
}

/// One field of a FlatBuffer table.
enum FlatField {
    case uint8(UInt8)
    case uint32(UInt32)
    case offset(FlatObject)
}

/// Serialises FlatBuffer objects front to back: a parent is written before its children, so every
/// offset points forward, as FlatBuffers requires (`uoffset_t` is unsigned).
///
/// This differs from the usual back-to-front builder only in layout; any reader accepts both. It
/// lets a new root table be written *in front of* an existing FlatBuffer whose objects it reuses.
/// The output is deterministic: fields are laid out in a fixed order (4-byte fields by id, then
/// 1-byte fields by id) and children in breadth-first order.
struct FlatBufferForwardWriter {
    /// Serialises `root` as a whole FlatBuffer (root offset, `identifier`, objects), padded to a
    /// multiple of `padTo` bytes.
    static func serialize(root: FlatObject, identifier: String, padTo: Int = 1) -> [UInt8] {
        precondition(identifier.utf8.count == 4)
        var writer = FlatBufferForwardWriter()
        writer.out = [0, 0, 0, 0] + Array(identifier.utf8)
        writer.pending = [(root, 0)]
        while !writer.pending.isEmpty {
            let (object, slot) = writer.pending.removeFirst()
            writer.emit(object, referencedFrom: slot)
        }
        while writer.out.count % padTo != 0 { writer.out.append(0) }
        let appendedBase = writer.out.count
        for (slot, position) in writer.appendedReferences {
            writer.patch(slot: slot, target: appendedBase + position)
        }
        return writer.out
    }

    private var out: [UInt8] = []
    /// Objects still to write, each with the position of the offset slot that must point at it.
    private var pending: [(FlatObject, Int)] = []
    /// Offset slots that point into the appended buffer, resolved once this output's length is known.
    private var appendedReferences: [(slot: Int, position: Int)] = []

    private mutating func emit(_ object: FlatObject, referencedFrom slot: Int) {
        switch object {
        case .appended(let position):
            appendedReferences.append((slot, position))
        case .string(let text):
            align(4)
            patch(slot: slot, target: out.count)
            let utf8 = Array(text.utf8)
            append32(UInt32(utf8.count))
            out += utf8
            out.append(0)
        case .bytes(let data, let alignment):
            alignVectorBody(to: max(alignment, 4))
            patch(slot: slot, target: out.count)
            append32(UInt32(data.count))
            out += data
        case .floats(let values):
            align(4)
            patch(slot: slot, target: out.count)
            append32(UInt32(values.count))
            for value in values { append32(value.bitPattern) }
        case .objectVector(let elements):
            align(4)
            patch(slot: slot, target: out.count)
            append32(UInt32(elements.count))
            for element in elements {
                pending.append((element, out.count))
                append32(0)
            }
        case .table(let fields):
            emitTable(fields, referencedFrom: slot)
        }
    }

    private mutating func emitTable(_ fields: [Int: FlatField], referencedFrom slot: Int) {
        let ids = fields.keys.sorted()
        let wide = ids.filter { if case .uint8 = fields[$0]! { return false } else { return true } }
        let narrow = ids.filter { !wide.contains($0) }
        // Table layout: soffset (4 bytes), 4-byte fields, 1-byte fields.
        var fieldOffsets: [Int: Int] = [:]
        var size = 4
        for id in wide { fieldOffsets[id] = size; size += 4 }
        for id in narrow { fieldOffsets[id] = size; size += 1 }
        let fieldCount = (ids.last ?? -1) + 1
        let vtableSize = 4 + 2 * fieldCount

        // The vtable goes right before the table, so the table starts 4-byte aligned.
        align(2)
        while (out.count + vtableSize) % 4 != 0 { out.append(0) }
        let vtable = out.count
        append16(UInt16(vtableSize))
        append16(UInt16(size))
        for id in 0..<fieldCount { append16(UInt16(fieldOffsets[id] ?? 0)) }
        let table = out.count
        patch(slot: slot, target: table)
        append32(UInt32(bitPattern: Int32(table - vtable)))
        for id in wide + narrow {
            switch fields[id]! {
            case .uint8(let value): out.append(value)
            case .uint32(let value): append32(value)
            case .offset(let child):
                pending.append((child, out.count))
                append32(0)
            }
        }
    }

    private mutating func patch(slot: Int, target: Int) {
        precondition(target > slot || slot == 0 && target > 0, "FlatBuffer offsets must point forward")
        let value = UInt32(target - slot)
        for index in 0..<4 { out[slot + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
    }

    private mutating func align(_ alignment: Int) {
        while out.count % alignment != 0 { out.append(0) }
    }

    /// Pads so that the vector's elements (after its 4-byte length) start at a multiple of `alignment`.
    private mutating func alignVectorBody(to alignment: Int) {
        while (out.count + 4) % alignment != 0 { out.append(0) }
    }

    private mutating func append16(_ value: UInt16) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    private mutating func append32(_ value: UInt32) {
        for index in 0..<4 { out.append(UInt8((value >> (8 * UInt32(index))) & 0xFF)) }
    }
}
