import Foundation
import Testing
@testable import GaitVideo

@Suite("PoseLandmarker bundle building")
struct ModelBundleTests {
    @Test("CRC-32 matches the standard check value")
    func crcCheckValue() {
        // The CRC-32/ISO-HDLC check value of "123456789" is 0xCBF43926 (exact by definition).
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        // Data (read in place), a sequence without contiguous storage, and feeding in two parts.
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum("123456789".utf8.lazy.map { $0 }) == 0xCBF4_3926)
        var parts = CRC32()
        parts.update(Data("1234".utf8))
        parts.update(Array("56789".utf8))
        #expect(parts.value == 0xCBF4_3926)
    }

    @Test("stored zip: unzip lists and extracts the members byte for byte, data 4-byte aligned")
    func storedZipReadsBack() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = Array("odd-length member".utf8), second = (0..<1001).map { UInt8($0 % 251) }
        var zip = StoredZipWriter(alignment: 4)
        zip.add(name: "a.bin", data: first)
        zip.add(name: "second-name.bin", data: second)
        let archive = zip.finish()
        let path = directory.appendingPathComponent("t.zip").path
        try Data(archive).write(to: URL(fileURLWithPath: path))

        let test = try VideoTestSupport.run("/usr/bin/unzip", ["-t", path])
        #expect(test.status == 0, "unzip -t checks every member's CRC: \(test.stdout)")
        let extracted = try VideoTestSupport.run("/usr/bin/unzip", ["-o", "-q", path, "-d", directory.path])
        #expect(extracted.status == 0)
        #expect(FileManager.default.contents(atPath: directory.appendingPathComponent("second-name.bin").path) == Data(second))
        // Each member's data starts at a multiple of 4: find it after its local header.
        for (name, data) in [("a.bin", first), ("second-name.bin", second)] {
            let offset = try #require(Self.dataOffset(of: name, in: archive))
            #expect(offset % 4 == 0)
            #expect(Array(archive[offset..<(offset + data.count)]) == data)
        }
    }

    @Test("a model gets TFLITE_METADATA with the normalisation, and every original object is kept")
    func metadataPatch() throws {
        let sourceDirectory = VideoTestSupport.modelDirectory + "/source"
        let landmarkerPath = sourceDirectory + "/pose_landmark_full.tflite"
        try #require(FileManager.default.fileExists(atPath: landmarkerPath) || ProcessInfo.processInfo.environment["CI"] == "true",
                     "run scripts/setup.sh to fetch the models")
        let original = [UInt8](try #require(FileManager.default.contents(atPath: landmarkerPath)))
        let patched = try TFLiteMetadataPatcher.addingImageMetadata(
            to: original, name: "landmarker", modelName: "test", normalization: PoseLandmarkerBundle.landmarkNormalization)
        // The original bytes follow the new front part unchanged, at a multiple of 16.
        let shift = patched.count - original.count
        #expect(shift % 16 == 0)
        #expect(Array(patched[shift...]) == original)

        let reader = FlatBufferReader(bytes: patched, name: "patched")
        #expect(try reader.fileIdentifier() == "TFL3")
        let root = try reader.rootTable()
        let entries = try reader.tableVector(try need(try reader.referencedObject(table: root, id: 6)))
        let names = try entries.map { try reader.string(at: try need(try reader.referencedObject(table: $0, id: 0))) }
        #expect(names == ["min_runtime_version", "reduced_precision_support", "TFLITE_METADATA"])
        let buffers = try reader.tableVector(try need(try reader.referencedObject(table: root, id: 4)))
        #expect(buffers.count == 349, "348 original buffers + the metadata buffer")
        let metadataIndex = Int(try reader.uint32Field(table: entries[2], id: 1))
        #expect(metadataIndex == 348)

        // Read the metadata flatbuffer back: ModelMetadata → subgraph → input → process unit → mean/std.
        let data = try #require(try reader.referencedObject(table: buffers[metadataIndex], id: 0))
        #expect((data + 4) % 16 == 0, "metadata bytes are 16-byte aligned (force_align: 16)")
        let metadata = Array(patched[(data + 4)..<(data + 4 + (try reader.vectorCount(data)))])
        let meta = FlatBufferReader(bytes: metadata, name: "metadata")
        #expect(try meta.fileIdentifier() == "M001")
        let model = try meta.rootTable()
        let subgraph = try need(try meta.tableVector(try need(try meta.referencedObject(table: model, id: 3))).first)
        let inputs = try meta.tableVector(try need(try meta.referencedObject(table: subgraph, id: 2)))
        let outputs = try meta.tableVector(try need(try meta.referencedObject(table: subgraph, id: 3)))
        #expect(inputs.count == 1)
        #expect(outputs.count == 5, "the full landmark model has 5 outputs")
        let unit = try need(try meta.tableVector(try need(try meta.referencedObject(table: inputs[0], id: 4))).first)
        let normalization = try #require(try meta.referencedObject(table: unit, id: 1))
        let mean = try #require(try meta.referencedObject(table: normalization, id: 0))
        let std = try #require(try meta.referencedObject(table: normalization, id: 1))
        #expect(Self.floats(metadata, at: mean) == [0])
        #expect(Self.floats(metadata, at: std) == [255])
    }

    @Test("the bundle is byte-identical from run to run and equals the installed one")
    func bundleIsDeterministic() throws {
        let source = VideoTestSupport.modelDirectory + "/source"
        guard let detector = FileManager.default.contents(atPath: source + "/pose_detection.tflite"),
            let landmarker = FileManager.default.contents(atPath: source + "/pose_landmark_full.tflite")
        else {
            try #require(ProcessInfo.processInfo.environment["CI"] != "true", "models missing on CI")
            return  // models not installed here: nothing to compare with
        }
        let first = try PoseLandmarkerBundle.build(detector: [UInt8](detector), landmarker: [UInt8](landmarker))
        let second = try PoseLandmarkerBundle.build(detector: [UInt8](detector), landmarker: [UInt8](landmarker))
        #expect(first == second)
        #expect(first.count == ModelSet.bundleByteCount)
        #expect(CRC32.checksum(first) == ModelSet.bundleCRC32)
    }

    @Test("a damaged or missing model set names the set-up command")
    func damagedModelSet() throws {
        let directory = try VideoTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = #expect(throws: VideoError.self) { try ModelSet.locate(explicitDirectory: directory.path) }
        #expect(missing?.description.contains("scripts/setup.sh") == true)
        #expect(missing.map { if case .modelsMissing = $0 { true } else { false } } == true)

        // Right sizes, wrong content: the bundle's CRC-32 gives it away.
        for (name, size) in [(ModelSet.runtimeFileName, ModelSet.runtimeByteCount), (ModelSet.bundleFileName, ModelSet.bundleByteCount)] {
            _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: nil)
            let handle = try FileHandle(forWritingTo: directory.appendingPathComponent(name))
            try handle.truncate(atOffset: UInt64(size))
            try handle.close()
        }
        let damaged = #expect(throws: VideoError.self) { try ModelSet.locate(explicitDirectory: directory.path) }
        #expect(damaged?.description.contains("damaged") == true)
        #expect(damaged?.description.contains("scripts/setup.sh") == true)

        let environment = [ModelSet.environmentVariable: directory.path + "/nowhere"]
        let fromEnvironment = #expect(throws: VideoError.self) { try ModelSet.locate(environment: environment) }
        #expect(fromEnvironment?.description.contains("/nowhere") == true, "RUNCOACH_MODELS is honoured")
    }

    /// Offset of a member's data: after the local header whose name is `name`.
    static func dataOffset(of name: String, in archive: [UInt8]) -> Int? {
        let nameBytes = Array(name.utf8)
        var position = 0
        while position + 30 <= archive.count, archive[position..<(position + 4)] == [0x50, 0x4B, 0x03, 0x04] {
            let nameLength = Int(archive[position + 26]) | Int(archive[position + 27]) << 8
            let extraLength = Int(archive[position + 28]) | Int(archive[position + 29]) << 8
            let size = (0..<4).reduce(0) { $0 | Int(archive[position + 18 + $1]) << (8 * $1) }
            let start = position + 30 + nameLength + extraLength
            if Array(archive[(position + 30)..<(position + 30 + nameLength)]) == nameBytes { return start }
            position = start + size
        }
        return nil
    }

    /// The value, or a test failure naming what was missing.
    func need<T>(_ value: T?, _ what: String = "a flatbuffer field", sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        try #require(value, "\(what) is missing", sourceLocation: sourceLocation)
    }

    static func floats(_ bytes: [UInt8], at vector: Int) -> [Float] {
        let count = (0..<4).reduce(0) { $0 | Int(bytes[vector + $1]) << (8 * $1) }
        return (0..<count).map { index in
            let start = vector + 4 + 4 * index
            let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + $1]) << (8 * UInt32($1)) }
            return Float(bitPattern: bits)
        }
    }
}
