import Foundation
import GaitCore

extension CVATVideoXML {
    /// What the written task describes.
    public struct TaskDescription: Sendable {
        public var name: String
        /// The video's file name (CVAT's `<source>`).
        public var videoName: String
        public var width: Int
        public var height: Int

        public init(name: String, videoName: String, width: Int, height: Int) {
            self.name = name
            self.videoName = videoName
            self.width = width
            self.height = height
        }
    }

    /// Writes `annotation` as a CVAT for video 1.1 document that CVAT imports as pre-annotations:
    /// one `runner` track with a box on every frame (`boxes[i]`, or the whole frame when not
    /// given; a frame whose box is `nil` is written `outside="1"`), each a keyframe carrying the
    /// frame's `phase` and `stance` and the clip's `form_score` and issue values (CVAT repeats
    /// immutable attributes on every shape, as its format documentation notes). The `<labels>`
    /// section declares the label and attributes, so a new task can be created from it.
    public static func write(_ annotation: VideoAnnotation, task: TaskDescription, boxes: [PixelBox?]? = nil) -> String {
        let sides = stanceSides(of: annotation)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <annotations>
              <version>1.1</version>
              <meta>
                <task>
                  <id>0</id>
                  <name>\(XMLEscaping.escape(task.name))</name>
                  <size>\(annotation.frameCount)</size>
                  <mode>interpolation</mode>
                  <overlap>0</overlap>
                  <bugtracker></bugtracker>
                  <flipped>False</flipped>
                  <start_frame>0</start_frame>
                  <stop_frame>\(annotation.frameCount - 1)</stop_frame>
                  <frame_filter></frame_filter>
                  <labels>
                    <label>
                      <name>runner</name>
                      <type>rectangle</type>
                      <attributes>
            \(attributeDeclarations())
                      </attributes>
                    </label>
                  </labels>
                  <original_size>
                    <width>\(task.width)</width>
                    <height>\(task.height)</height>
                  </original_size>
                  <source>\(XMLEscaping.escape(task.videoName))</source>
                </task>
                <dumped>\(ISO8601DateFormatter().string(from: Date()))</dumped>
              </meta>
              <track id="0" label="runner" source="auto">

            """
        let fullFrame = PixelBox(xMin: 0, yMin: 0, xMax: Double(task.width), yMax: Double(task.height))
        var lastBox = fullFrame
        for frame in 0..<annotation.frameCount {
            let box: PixelBox?
            if let boxes { box = frame < boxes.count ? boxes[frame] : nil } else { box = fullFrame }
            if let box { lastBox = box }
            let shown = box ?? lastBox
            xml += "    <box frame=\"\(frame)\" outside=\"\(box == nil ? 1 : 0)\" occluded=\"0\" keyframe=\"1\" "
                + "xtl=\"\(coordinate(shown.xMin))\" ytl=\"\(coordinate(shown.yMin))\" xbr=\"\(coordinate(shown.xMax))\" ybr=\"\(coordinate(shown.yMax))\" z_order=\"0\">\n"
            xml += attribute(LabelVocabulary.phaseField, annotation.phases[frame]?.rawValue ?? "__undefined__")
            xml += attribute(LabelVocabulary.stanceField, sides[frame].rawValue)
            if let score = annotation.formScore { xml += attribute(LabelVocabulary.formScoreField, number(score)) }
            for kind in IssueKind.allCases {
                if let value = annotation.issueScores[kind] { xml += attribute(LabelVocabulary.issueField(kind), number(value)) }
            }
            xml += "    </box>\n"
        }
        xml += "  </track>\n</annotations>\n"
        return xml
    }

    /// The `runner` label with its attributes in CVAT's label-constructor JSON (paste it into
    /// "Raw" when creating the project or task).
    public static let projectLabels = """
        [
          {
            "name": "runner",
            "type": "rectangle",
            "attributes": [
              {"name": "phase", "mutable": true, "input_type": "select", "default_value": "__undefined__", "values": ["__undefined__", "contact", "midStance", "toeOff", "swing"]},
              {"name": "stance", "mutable": true, "input_type": "select", "default_value": "none", "values": ["none", "left", "right"]},
              {"name": "form_score", "mutable": false, "input_type": "number", "default_value": "5", "values": ["0", "10", "0.1"]},
              {"name": "overstriding", "mutable": false, "input_type": "number", "default_value": "0", "values": ["0", "1", "0.01"]},
              {"name": "verticalBounce", "mutable": false, "input_type": "number", "default_value": "0", "values": ["0", "1", "0.01"]},
              {"name": "asymmetry", "mutable": false, "input_type": "number", "default_value": "0", "values": ["0", "1", "0.01"]}
            ]
          }
        ]

        """

    /// The stance side of every frame (`none` outside contacts).
    static func stanceSides(of annotation: VideoAnnotation) -> [StanceSide] {
        var sides = [StanceSide](repeating: .none, count: annotation.frameCount)
        for stance in annotation.stances {
            for frame in max(0, stance.firstFrame)...min(annotation.frameCount - 1, stance.lastFrame) {
                sides[frame] = StanceSide(stance.side)
            }
        }
        return sides
    }

    static func attributeDeclarations() -> String {
        func declaration(_ name: String, mutable: Bool, type: String, defaultValue: String, values: [String]) -> String {
            """
                          <attribute>
                            <name>\(name)</name>
                            <mutable>\(mutable ? "True" : "False")</mutable>
                            <input_type>\(type)</input_type>
                            <default_value>\(defaultValue)</default_value>
                            <values>\(values.joined(separator: "\n"))</values>
                          </attribute>
            """
        }
        var parts = [
            declaration(LabelVocabulary.phaseField, mutable: true, type: "select", defaultValue: "__undefined__",
                        values: ["__undefined__"] + GaitPhase.allCases.map(\.rawValue)),
            declaration(LabelVocabulary.stanceField, mutable: true, type: "select", defaultValue: "none", values: ["none", "left", "right"]),
            declaration(LabelVocabulary.formScoreField, mutable: false, type: "number", defaultValue: "5", values: ["0", "10", "0.1"]),
        ]
        parts += IssueKind.allCases.map {
            declaration(LabelVocabulary.issueField($0), mutable: false, type: "number", defaultValue: "0", values: ["0", "1", "0.01"])
        }
        return parts.joined(separator: "\n")
    }

    static func attribute(_ name: String, _ value: String) -> String {
        "      <attribute name=\"\(name)\">\(XMLEscaping.escape(value))</attribute>\n"
    }

    static func coordinate(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Shortest decimal text of `value` (so it reads back to the same Double).
    static func number(_ value: Double) -> String { "\(value)" }
}
