import GaitCore

/// Plain-language descriptions of the capture facts, shared by the terminal and HTML reports.
enum CaptureText {
    static func view(_ capture: CaptureSummary) -> String {
        var text = "\(capture.view.rawValue) view"
        if let angle = capture.viewAngleDegrees {
            text += " (\(NumberText.fixed(angle, 0))° off the side view)"
        }
        return text
    }

    static func direction(_ direction: RunningDirection) -> String {
        switch direction {
        case .leftToRight: return "left to right"
        case .rightToLeft: return "right to left"
        case .towardCamera: return "toward the camera"
        case .awayFromCamera: return "away from the camera"
        case .unknown: return "direction unknown"
        }
    }

    /// One line per fact, e.g. ["side view (3° off the side view), left to right, treadmill", ...].
    static func lines(_ capture: CaptureSummary) -> [String] {
        var lines = ["\(view(capture)), \(direction(capture.direction)), \(capture.environment.rawValue)"]
        lines.append(
            "\(NumberText.fixed(capture.measuredFPS, 1)) fps measured "
                + "(event timing ±\(NumberText.fixed(capture.frameTimingUncertaintyMs, 1)) ms from the frame rate)")
        if let pixelsPerMeter = capture.pixelsPerMeter {
            var scale = "scale \(NumberText.fixed(pixelsPerMeter, 0)) px/m"
            if let source = capture.scaleSource { scale += " from \(source)" }
            if let relative = capture.scaleRelativeUncertainty {
                scale += " (±\(NumberText.fixed(relative * 100, 0))%)"
            }
            lines.append(scale)
        } else {
            lines.append("no scale: distances cannot be given in metres")
        }
        var coverage = "person found in \(NumberText.percent(fromShare: capture.personCoverage)) of frames"
        if let fraction = capture.runnerHeightFraction {
            coverage += ", runner \(NumberText.percent(fromShare: fraction)) of the frame height"
        }
        lines.append(coverage)
        return lines
    }
}
