/// The 33 landmarks of MediaPipe BlazePose, in the order MediaPipe emits them.
///
/// The raw value is the landmark's index in a `runcoach-pose` v1 frame and in the model's feature
/// vector (index × 4 + channel). The order is fixed by the file format: never reorder.
public enum BlazePoseLandmark: Int, CaseIterable, Sendable, Codable {
    case nose = 0
    case leftEyeInner, leftEye, leftEyeOuter
    case rightEyeInner, rightEye, rightEyeOuter
    case leftEar, rightEar
    case mouthLeft, mouthRight
    case leftShoulder, rightShoulder
    case leftElbow, rightElbow
    case leftWrist, rightWrist
    case leftPinky, rightPinky
    case leftIndex, rightIndex
    case leftThumb, rightThumb
    case leftHip, rightHip
    case leftKnee, rightKnee
    case leftAnkle, rightAnkle
    case leftHeel, rightHeel
    case leftFootIndex, rightFootIndex

    /// Number of landmarks in a BlazePose frame (33).
    public static let count = 33

    /// MediaPipe's snake_case name, e.g. `left_foot_index`.
    public var mediaPipeName: String {
        var name = ""
        for character in String(describing: self) {
            if character.isUppercase {
                name += "_" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }

    /// The same body point on the other side (`leftKnee` ↔ `rightKnee`); `nose` maps to itself.
    /// Used to mirror a pose left/right (a table lookup: training mirrors every other window).
    public var mirrored: BlazePoseLandmark { Self.mirrorTable[rawValue] }

    /// `mirrored` of every case, in `rawValue` order, derived once from the case names.
    private static let mirrorTable: [BlazePoseLandmark] = allCases.map { point in
        let name = String(describing: point)
        let swapped: String
        if name.hasPrefix("left") {
            swapped = "right" + name.dropFirst(4)
        } else if name.hasPrefix("right") {
            swapped = "left" + name.dropFirst(5)
        } else if name == "mouthLeft" {
            swapped = "mouthRight"
        } else if name == "mouthRight" {
            swapped = "mouthLeft"
        } else {
            return point
        }
        return allCases.first { String(describing: $0) == swapped } ?? point
    }
}

/// A body side. In the report a stance side is `left`, `right` or `none` (flight).
public enum BodySide: String, Codable, Sendable, CaseIterable {
    case left, right

    /// The other side.
    public var opposite: BodySide { self == .left ? .right : .left }
}

/// The landmarks of one leg, for code that treats both legs the same way.
public struct LegLandmarks: Sendable {
    public let hip, knee, ankle, heel, footIndex: BlazePoseLandmark

    /// The landmarks of the `side` leg.
    public init(_ side: BodySide) {
        switch side {
        case .left:
            (hip, knee, ankle, heel, footIndex) = (.leftHip, .leftKnee, .leftAnkle, .leftHeel, .leftFootIndex)
        case .right:
            (hip, knee, ankle, heel, footIndex) = (.rightHip, .rightKnee, .rightAnkle, .rightHeel, .rightFootIndex)
        }
    }
}
