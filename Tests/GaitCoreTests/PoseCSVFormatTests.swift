import Foundation
import Testing
@testable import GaitCore

@Suite("runcoach pose CSV")
struct PoseCSVFormatTests {
    /// The runcoach-pose sample (a missing landmark, a frame with no person, awkward numbers),
    /// with a source text that needs escaping in a `#` line.
    static func sample() -> PoseSequence {
        var sequence = RuncoachPoseFormatTests.sample()
        sequence.source = "phone, side view\nline two \\ backslash"
        return sequence
    }

    @Test("writes and reads back bit-identical values")
    func roundTrip() throws {
        let original = Self.sample()
        let text = PoseCSVFormat.encode(original)
        let decoded = try PoseCSVFormat.read(Data(text.utf8), name: "mem.csv")
        // Exact equality: numbers are written in the shortest form that reads back to the same Double.
        #expect(decoded == original)
        let lines = text.split(separator: "\n")
        #expect(lines.contains("# fps: 59.94") && lines.contains("# runner_height_meters: 1.81"))
        #expect(lines.first { $0.hasPrefix("t,") }!.split(separator: ",").count == 133)
        // The no-person frame is a row of t and 132 empty cells.
        #expect(lines.contains(Substring(RuncoachPoseFormat.number(1.0 / 59.94) + String(repeating: ",", count: 132))))
    }

    @Test("the header names every landmark in BlazePose order")
    func header() {
        #expect(PoseCSVFormat.header.count == 133)
        #expect(PoseCSVFormat.header[1...4] == ["nose_x", "nose_y", "nose_z", "nose_v"])
        #expect(PoseCSVFormat.header.last == "right_foot_index_v")
    }

    @Test("the loader recognises the CSV; CRLF lines and a missing fps are handled")
    func loaderAndLineEndings() throws {
        let folder = try TestFiles.temporaryFolder()
        var text = PoseCSVFormat.encode(Self.sample())
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("# fps") }.joined(separator: "\r\n")
        let path = try TestFiles.write(text, named: "poses.txt", in: folder)
        #expect(try PoseFileLoader.detectFormat(path: path) == .csv)
        let sequence = try PoseFileLoader.load(path: path)
        #expect(sequence.frames == Self.sample().frames)
        // Without '# fps:', the nominal rate is the median frame interval's inverse: 59.94 up to
        // the rounding of 1/59.94 and its difference (1e-9 fps).
        #expect(abs(sequence.nominalFPS - 59.94) < 1e-9)
    }

    /// The sample's CSV with the first data row's cells replaced (`cells` maps column → text).
    static func editedRow(row: Int = 0, _ cells: [Int: String]) -> String {
        let lines = PoseCSVFormat.encode(sample()).split(separator: "\n").map(String.init)
        let headerIndex = lines.firstIndex { $0.hasPrefix("t,") }!
        var edited = lines
        var columns = lines[headerIndex + 1 + row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for (column, text) in cells { columns[column] = text }
        edited[headerIndex + 1 + row] = columns.joined(separator: ",")
        return edited.joined(separator: "\n")
    }

    static let malformedCases: [(String, String)] = [
        (editedRow([1: "nan"]), "frame 0: line 9: nose_x is not a finite number (NaN or infinity)"),
        (editedRow([2: "abc"]), "frame 0: line 9: nose_y 'abc' is not a number"),
        (editedRow([0: "-0.5"]), "frame 0: line 9: t is negative (-0.5 s)"),
        (editedRow([0: "NaN"]), "frame 0: line 9: t is not a finite number"),
        (editedRow([0: "x"]), "frame 0: line 9: t 'x' is not a number"),
        (editedRow(row: 2, [0: "0.01"]), "frame 2: line 11: time 0.01 s does not increase (previous frame at 0.016683350016683352 s)"),
        (editedRow([4: ""]), "frame 0: line 9: nose: x, y, z and v must all be given or all be empty"),
        (editedRow([4: "1.5"]), "frame 0: line 9: nose_v is 1.5, outside [0, 1]"),
        (editedRow([132: "0.5,7"]), "frame 0: line 9: 134 cells, expected 133"),
        (PoseCSVFormat.encode(sample()).replacingOccurrences(of: "nose_v", with: "nose_q"),
         "line 8: header column 5 is 'nose_q', expected 'nose_v'"),
        (PoseCSVFormat.encode(sample()).replacingOccurrences(of: "# width: 1080\n", with: ""),
         "no frame size: add '# width: W' and '# height: H' lines (pixels) or pass --width and --height"),
        (PoseCSVFormat.encode(sample()).replacingOccurrences(of: "# fps: 59.94", with: "# fps: -3"),
         "'# fps:' must be a positive number (found -3)"),
        (PoseCSVFormat.encode(sample()).replacingOccurrences(of: "# version: 1", with: "# version: 2"),
         "unsupported version 2"),
        ("# fps: 30\n# width: 10\n# height: 10\n" + PoseCSVFormat.header.joined(separator: ",") + "\n", "the file holds no frames"),
        ("# fps: 30\n", "no header line"),
    ]

    @Test("malformed CSV names the file, the frame, the line and the problem", arguments: 0..<malformedCases.count)
    func malformed(caseIndex: Int) {
        let (text, expected) = Self.malformedCases[caseIndex]
        #expect {
            try PoseCSVFormat.read(Data(text.utf8), name: "bad.csv")
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix("bad.csv: ") && message.contains(expected)
        }
    }

    @Test("writing is atomic and the written file loads back")
    func writeFile() throws {
        let path = (try TestFiles.temporaryFolder() as NSString).appendingPathComponent("out/poses.csv")
        try PoseCSVFormat.write(Self.sample(), to: path)
        #expect(try PoseFileLoader.load(path: path) == Self.sample())
    }
}
