import Foundation
import GaitCore

extension LabelStudioJSON {
    /// One task to pre-annotate.
    public struct PrelabelTask: Sendable {
        /// URL or path under which Label Studio serves the video (`data.video`).
        public var video: String
        /// Frame rate, written as `data.fps` for the labeling config's `frameRate="$fps"`.
        public var fps: Double
        public var annotation: VideoAnnotation
        /// Overall confidence of the pre-labels, 0-1 (Label Studio's prediction `score`).
        public var score: Double?

        public init(video: String, fps: Double, annotation: VideoAnnotation, score: Double?) {
            self.video = video
            self.fps = fps
            self.annotation = annotation
            self.score = score
        }
    }

    /// Label Studio tasks carrying the labels as `predictions` (its documented way to import
    /// pre-annotations): timeline ranges for phases and contacts, numbers for the score and issues.
    public static func write(_ tasks: [PrelabelTask], modelVersion: String) throws -> Data {
        let documents: [[String: Any]] = tasks.map { task in
            var prediction: [String: Any] = ["model_version": modelVersion, "result": results(task.annotation)]
            if let score = task.score { prediction["score"] = score }
            return ["data": ["video": task.video, "fps": task.fps], "predictions": [prediction]]
        }
        return try JSONSerialization.data(withJSONObject: documents, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// The labeling configuration matching what `read` imports and `write` pre-labels.
    public static let labelingConfig = """
        <View>
          <Video name="video" value="$video" frameRate="$fps" timelineHeight="160"/>
          <Header value="Gait phase (contact, midStance, toeOff: thirds of each contact; swing: flight)"/>
          <TimelineLabels name="phase" toName="video">
            <Label value="contact" background="#d62728"/>
            <Label value="midStance" background="#ff7f0e"/>
            <Label value="toeOff" background="#2ca02c"/>
            <Label value="swing" background="#1f77b4"/>
          </TimelineLabels>
          <Header value="Foot on the ground (first to last frame of each contact)"/>
          <TimelineLabels name="stance" toName="video">
            <Label value="left" background="#9467bd"/>
            <Label value="right" background="#8c564b"/>
          </TimelineLabels>
          <Header value="Form score (0-10) and issues (0 absent - 1 clearly present)"/>
          <Number name="form_score" toName="video" min="0" max="10" step="0.1"/>
          <Number name="overstriding" toName="video" min="0" max="1" step="0.05"/>
          <Number name="verticalBounce" toName="video" min="0" max="1" step="0.05"/>
          <Number name="asymmetry" toName="video" min="0" max="1" step="0.05"/>
        </View>

        """

    static func results(_ annotation: VideoAnnotation) -> [[String: Any]] {
        var results: [[String: Any]] = []
        func timeline(_ name: String, _ label: String, first: Int, last: Int) {
            results.append([
                "id": "\(name)-\(results.count)", "type": "timelinelabels", "from_name": name, "to_name": "video", "origin": "prediction",
                "value": ["ranges": [["start": first + 1, "end": last + 1]], "timelinelabels": [label]],
            ])
        }
        var runStart = 0
        for frame in stride(from: 1, through: annotation.frameCount, by: 1) {
            if frame == annotation.frameCount || annotation.phases[frame] != annotation.phases[runStart] {
                if let phase = annotation.phases[runStart] { timeline("phase", phase.rawValue, first: runStart, last: frame - 1) }
                runStart = frame
            }
        }
        for stance in annotation.stances {
            timeline("stance", stance.side.rawValue, first: stance.firstFrame, last: stance.lastFrame)
        }
        func number(_ name: String, _ value: Double) {
            results.append(["id": "\(name)-\(results.count)", "type": "number", "from_name": name, "to_name": "video",
                            "origin": "prediction", "value": ["number": value]])
        }
        if let score = annotation.formScore { number(LabelVocabulary.formScoreField, score) }
        for kind in IssueKind.allCases {
            if let value = annotation.issueScores[kind] { number(LabelVocabulary.issueField(kind), value) }
        }
        return results
    }
}
