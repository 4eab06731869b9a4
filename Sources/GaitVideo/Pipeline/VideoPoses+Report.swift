import GaitCore

extension VideoPoses {
    /// Name of the pose estimator, as the report states it.
    public static let estimatorName = "MediaPipe PoseLandmarker 1.2.3 (BlazePose GHUM full), video mode, CPU"

    /// The video's facts for the report's capture section.
    public var captureFacts: VideoCaptureFacts {
        VideoCaptureFacts(
            codec: info.codec, codedWidth: info.codedWidth, codedHeight: info.codedHeight,
            rotationDegrees: info.rotationDegrees, nominalFPS: info.nominalFPS,
            variableFrameRate: info.isVariableFrameRate, peopleTracked: selection.trackCount,
            runnerSelection: selection.statement, poseEstimator: Self.estimatorName)
    }

    /// Adds what the video taught to `report`: the capture facts, and remarks on rotation, a
    /// variable frame rate and the choice of runner.
    public func annotate(_ report: inout GaitReport) {
        var remarks: [String] = []
        if info.isVariableFrameRate {
            remarks.append(
                "The video has a variable frame rate (frame intervals vary around \(Int((info.medianFrameIntervalSeconds * 1000).rounded())) ms): "
                    + "every time is taken from the frame's own timestamp. A fixed frame rate setting on the camera gives steadier timing.")
        }
        if info.rotationDegrees != 0 {
            remarks.append("The video is stored rotated (\(info.rotationDegrees)°, e.g. a phone held upright): frames were turned upright before pose estimation.")
        }
        if legSwapsCorrected > 0 {
            remarks.append("The pose estimator swapped the left and right legs in \(legSwapsCorrected) frames (common in a side view); the labels were put back by following each leg's motion.")
        }
        if let statement = selection.statement { remarks.append(statement.prefix(1).uppercased() + statement.dropFirst() + ".") }
        if report.capture != nil {
            report.capture?.video = captureFacts
            report.capture?.remarks.append(contentsOf: remarks)
        } else {
            report.notes.append(contentsOf: remarks)
        }
    }
}
